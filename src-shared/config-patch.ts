import type { z } from 'zod';
import { BotConfigSchema, type BotConfig } from './config-schema';

/** One validation problem, with the dotted path of the offending field. */
export interface FieldIssue {
  path: string;
  message: string;
}

export type PatchResult =
  { ok: true; config: BotConfig; diff: ConfigDiffEntry[] } | { ok: false; issues: FieldIssue[] };

/** One changed leaf: its dotted path, old and new value. */
export interface ConfigDiffEntry {
  path: string;
  from: unknown;
  to: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merges `patch` into `base`: objects merge key by key, arrays and scalars replace. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = mergePatch(base[key], value);
  }
  return out;
}

/** Lists every leaf that differs between two configs. */
export function diffConfig(before: unknown, after: unknown, prefix = ''): ConfigDiffEntry[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diffConfig(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: prefix, from: before, to: after }];
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/**
 * Validates a patch against the whole schema. Nothing is applied unless the merged
 * config is valid as a whole; the caller applies `config` atomically.
 */
export function applyConfigPatch(current: BotConfig, patch: unknown): PatchResult {
  if (!isPlainObject(patch))
    return { ok: false, issues: [{ path: '(root)', message: 'a config patch must be an object' }] };
  const parsed = BotConfigSchema.safeParse(mergePatch(current, patch));
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
  return { ok: true, config: parsed.data, diff: diffConfig(current, parsed.data) };
}
