import { toFieldIssues, type FieldIssue } from '../../../src-shared/config-patch';
import { BotConfigSchema } from '../../../src-shared/config-schema';
import { getIn } from './draft';
import { fieldOf } from './field-meta';

/** The parts of a zod issue the messages below read. */
interface RawIssue {
  code?: string;
  origin?: string;
  minimum?: number | bigint | Date;
  maximum?: number | bigint | Date;
  inclusive?: boolean;
  expected?: string;
  input?: unknown;
}

/**
 * Plain messages for the generic checks ("at least 1" rather than "Too small: expected number
 * to be >=1"). The schema's own messages (HH:MM, tickers, cross-field rules) are kept.
 */
export function plainMessage(issue: RawIssue): string | undefined {
  const { code, origin, inclusive } = issue;
  const min = String(issue.minimum);
  const max = String(issue.maximum);
  if (code === 'too_small' && origin === 'array') return min === '1' ? 'Add at least one' : `Add at least ${min}`;
  if (code === 'too_small' && origin === 'string') return 'Required';
  if (code === 'too_small') return inclusive ? `Must be at least ${min}` : `Must be more than ${min}`;
  if (code === 'too_big' && origin === 'array') return `At most ${max} entries`;
  if (code === 'too_big') return inclusive ? `Must be at most ${max}` : `Must be less than ${max}`;
  if (code === 'invalid_type' && issue.expected === 'int') return 'Must be a whole number';
  if (code === 'invalid_type' && issue.expected === 'number') return issue.input === '' ? 'Required' : 'Enter a number';
  if (code === 'invalid_value') return 'Choose one of the options';
  return undefined;
}

/**
 * Validates a whole edited config with the shared schema; every problem with its dotted path.
 * A cross-field rule (a 'custom' issue) of a group is left out while a field of that group is
 * itself invalid: "close must be after the open" says nothing useful while the open is "9.30".
 */
export function validateConfig(draft: unknown): FieldIssue[] {
  const parsed = BotConfigSchema.safeParse(draft, { error: (issue) => plainMessage(issue as RawIssue) });
  if (parsed.success) return [];
  const issues = toFieldIssues(parsed.error);
  const codes = parsed.error.issues.map((i) => i.code);
  const group = (path: string) => path.split('.')[0];
  const broken = new Set(issues.filter((_, k) => codes[k] !== 'custom').map((i) => group(i.path)));
  return issues.filter((issue, k) => codes[k] !== 'custom' || !broken.has(group(issue.path)));
}

/**
 * Problems grouped by the form field they belong to; those of no field under ''. A problem
 * inside a list or map names the entry: "2026-13-01: Invalid ISO date", "QQQ.bull: …".
 */
export function issuesByField(issues: readonly FieldIssue[], draft?: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    const key = field?.path ?? '';
    let rest = field ? issue.path.slice(field.path.length + 1) : issue.path;
    if (/^\d+$/.test(rest) && draft !== undefined) rest = String(getIn(draft, issue.path) ?? rest);
    const text = rest ? `${rest}: ${issue.message}` : issue.message;
    const list = out.get(key) ?? [];
    if (!list.includes(text)) list.push(text);
    out.set(key, list);
  }
  return out;
}
