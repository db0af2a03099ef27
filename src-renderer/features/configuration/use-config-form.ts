import { useMemo, useState } from 'react';
import { diffConfig, type ConfigDiffEntry, type FieldIssue } from '../../../src-shared/config-patch';
import type { BotConfig } from '../../../src-shared/config-schema';
import { useAppStore } from '../../store/context';
import { applyEdits, buildPatch } from './draft';
import { fieldOf } from './field-meta';
import { issuesByField, validateConfig } from './validation';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; diff: ConfigDiffEntry[] }
  | { kind: 'rejected'; message: string }
  /** Live, and the change loosens risk limits: the bot wants an explicit confirmation. */
  | { kind: 'needs-confirmation'; message: string };

interface Edits {
  /** Edited values by dotted path (only what the user touched). */
  values: Record<string, unknown>;
  /** The raw text of edited number boxes, so "1." or "abc" stay as typed. */
  texts: Record<string, string>;
}

const NO_EDITS: Edits = { values: {}, texts: {} };

export interface ConfigForm {
  /** The bot's current configuration. */
  saved: BotConfig;
  /** The configuration with the edits applied (may be invalid). */
  draft: BotConfig;
  /** What Save would change: path, from, to. */
  diff: ConfigDiffEntry[];
  /** The patch Save sends: only the changed values, nested as in the config. */
  patch: Record<string, unknown> | undefined;
  /** Problems by field path ('' for those of no field): the schema's first, then the bot's. */
  errors: Map<string, string[]>;
  /** How many problems the client-side check found (Save needs none). */
  clientIssueCount: number;
  status: SaveStatus;
  textOf(path: string): string | undefined;
  /** Sets one value; `text` is the raw text of a number box. */
  set(path: string, value: unknown, text?: string): void;
  reset(): void;
  /** Sends the patch; the bot validates it again and applies it at the next bar. */
  /** Saves through the bot; `confirmRiskLoosening` answers its request for confirmation while live. */
  save(confirmRiskLoosening?: boolean): Promise<void>;
}

/** The Configuration tab's form state over the saved config: edits, validation, the diff and Save. */
export function useConfigForm(saved: BotConfig): ConfigForm {
  const saveConfig = useAppStore((s) => s.saveConfig);
  const [edits, setEdits] = useState<Edits>(NO_EDITS);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const draft = useMemo(() => applyEdits(saved, edits.values), [saved, edits.values]);
  const clientIssues = useMemo(() => (draft === saved ? [] : validateConfig(draft)), [draft, saved]);
  const diff = useMemo(() => diffConfig(saved, draft), [saved, draft]);
  const patch = useMemo(() => buildPatch(saved, draft) as Record<string, unknown> | undefined, [saved, draft]);
  const errors = useMemo(
    () => issuesByField([...clientIssues, ...serverIssues], draft),
    [clientIssues, serverIssues, draft],
  );

  const set = (path: string, value: unknown, text?: string) => {
    setEdits((e) => {
      const texts = { ...e.texts };
      if (text === undefined) delete texts[path];
      else texts[path] = text;
      return { values: { ...e.values, [path]: value }, texts };
    });
    // The bot's complaint about this field is answered by the edit.
    const field = fieldOf(path)?.path;
    setServerIssues((issues) => issues.filter((i) => fieldOf(i.path)?.path !== field));
    setStatus((s) => (s.kind === 'saving' ? s : { kind: 'idle' }));
  };

  const reset = () => {
    setEdits(NO_EDITS);
    setServerIssues([]);
    setStatus({ kind: 'idle' });
  };

  const save = async (confirmRiskLoosening = false) => {
    if (!patch || clientIssues.length > 0 || status.kind === 'saving') return;
    setStatus({ kind: 'saving' });
    const result = await saveConfig(patch, confirmRiskLoosening);
    if (result.ok) {
      setEdits(NO_EDITS);
      setServerIssues([]);
      setStatus({ kind: 'saved', diff: result.value.diff });
      return;
    }
    if (result.error.code === 'confirmation_required') {
      setStatus({ kind: 'needs-confirmation', message: result.error.message });
      return;
    }
    setServerIssues(result.error.issues ?? []);
    setStatus({ kind: 'rejected', message: result.error.message });
  };

  return {
    saved,
    draft,
    diff,
    patch,
    errors,
    clientIssueCount: clientIssues.length,
    status,
    textOf: (path) => edits.texts[path],
    set,
    reset,
    save,
  };
}
