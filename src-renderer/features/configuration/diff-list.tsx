import type { ConfigDiffEntry } from '../../../src-shared/config-patch';
import { formatValue, listChange } from './draft';
import { labelOf } from './field-meta';

/** old → new; for a list, what was added and removed (the whole lists in the tooltip). */
function Change({ from, to }: Pick<ConfigDiffEntry, 'from' | 'to'>) {
  const list = listChange(from, to);
  if (list) {
    return (
      <span className="cfg-diff__change num" title={`${formatValue(from)} → ${formatValue(to)}`}>
        {list.added.map((x) => (
          <span key={`+${x}`} className="cfg-diff__add">
            +{x}
          </span>
        ))}
        {list.removed.map((x) => (
          <span key={`-${x}`} className="cfg-diff__del">
            −{x}
          </span>
        ))}
      </span>
    );
  }
  return (
    <span className="cfg-diff__change num">
      <span className="cfg-diff__from">{formatValue(from)}</span>
      <span className="muted" aria-label="becomes">
        {' → '}
      </span>
      <span className="cfg-diff__to">{formatValue(to)}</span>
    </span>
  );
}

/** One line per changed setting: its name, dotted path, and the change. */
export function DiffList({ diff, testId }: { diff: readonly ConfigDiffEntry[]; testId: string }) {
  return (
    <ul className="cfg-diff" data-testid={testId}>
      {diff.map((d) => (
        <li key={d.path} className="cfg-diff__row" data-testid="diff-row">
          <span className="cfg-diff__name">{labelOf(d.path)}</span>
          <span className="cfg-diff__path mono muted">{d.path}</span>
          <Change from={d.from} to={d.to} />
        </li>
      ))}
    </ul>
  );
}

const isDiffEntry = (v: unknown): v is ConfigDiffEntry =>
  typeof v === 'object' && v !== null && typeof (v as { path?: unknown }).path === 'string';

/** The diff a config_change event carries in its metadata, if it carries one. */
export function diffOf(metadata: Record<string, unknown> | null): ConfigDiffEntry[] | null {
  const diff = metadata?.diff;
  return Array.isArray(diff) && diff.every(isDiffEntry) ? diff : null;
}
