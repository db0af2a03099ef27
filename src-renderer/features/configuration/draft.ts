/** Pure helpers for the edited copy of the configuration. */

type Tree = Record<string, unknown>;

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path, list indexes included (the form's paths never contain tickers, so dots are safe). */
export function getIn(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    node = isTree(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** A copy of `root` with `value` at a dotted path; the objects along the path are copied, the rest shared. */
export function setIn<T>(root: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  const node: Tree = isTree(root) ? root : {};
  return { ...node, [key!]: rest.length === 0 ? value : setIn(node[key!], rest.join('.'), value) } as T;
}

/** The config with every edit (path → value) applied. */
export function applyEdits<T>(config: T, edits: Readonly<Record<string, unknown>>): T {
  return Object.entries(edits).reduce((acc, [path, value]) => setIn(acc, path, value), config);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The smallest patch that turns `before` into `after` under the server's merge rules (objects
 * merge key by key, lists and values replace): only what changed, nested as in the config.
 * Returns undefined when nothing changed. A key only in `before` cannot be expressed (merging
 * never deletes), so the form never removes one.
 */
export function buildPatch(before: unknown, after: unknown): unknown {
  if (isTree(before) && isTree(after)) {
    const patch: Tree = {};
    for (const [key, value] of Object.entries(after)) {
      const sub = buildPatch(before[key], value);
      if (sub !== undefined) patch[key] = sub;
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
  }
  return same(before, after) ? undefined : after;
}

/** A config value as one line of text for the diff: lists joined, maps as "A → B / C". */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? '(empty list)' : value.map(formatValue).join(', ');
  if (isTree(value)) {
    if ('bull' in value && 'bear' in value) return `${formatValue(value.bull)} / ${formatValue(value.bear)}`;
    return Object.entries(value)
      .map(([k, v]) => `${k} ${formatValue(v)}`)
      .join(', ');
  }
  return String(value);
}

/** What a list change added and removed, when both sides are lists and something was; else null. */
export function listChange(from: unknown, to: unknown): { added: string[]; removed: string[] } | null {
  if (!Array.isArray(from) || !Array.isArray(to)) return null;
  const before = from.map(formatValue);
  const after = to.map(formatValue);
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  return added.length + removed.length > 0 ? { added, removed } : null;
}
