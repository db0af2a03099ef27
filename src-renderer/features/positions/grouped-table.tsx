import type { PositionGroup, SortKey, SortSpec } from './position-model';
import { formatCount, formatSignedMoney, formatSignedPct, toneOf } from '../../format/format';
import { COLUMN_COUNT, PositionRow } from './position-row';
import type { SendOverride } from './use-position-commands';

interface Column {
  key: SortKey;
  label: string;
  align?: 'r' | 'c';
  title?: string;
}

const COLUMNS: readonly Column[] = [
  { key: 'ticker', label: 'Ticker' },
  { key: 'side', label: 'Side', title: 'Long / short, or call / put' },
  { key: 'quantity', label: 'Size', align: 'r', title: 'Shares (sh) or contracts (ct)' },
  { key: 'entry', label: 'Entry', align: 'r' },
  { key: 'current', label: 'Current', align: 'r' },
  { key: 'pnl', label: 'P&L', align: 'r', title: 'Unrealized P&L' },
  { key: 'pnlPct', label: 'P&L %', align: 'r' },
  { key: 'stop', label: 'Stop', align: 'r', title: 'Options: premium at the stop percentage' },
  { key: 'target', label: 'Target', align: 'r', title: 'Options: premium at the target percentage' },
  { key: 'held', label: 'Held', align: 'r', title: 'Time since the first fill, on the market clock' },
  { key: 'cloud', label: 'Cloud', align: 'c', title: 'Whether the cloud still agrees with the position' },
  { key: 'tag', label: 'Tag' },
  { key: 'dte', label: 'DTE', align: 'r', title: 'Days to expiry (options)' },
  { key: 'leverage', label: 'Lev.', align: 'r', title: 'Leverage factor' },
];

function SortHeader({ column, sort, onSort }: { column: Column; sort: SortSpec; onSort(key: SortKey): void }) {
  const active = sort.key === column.key;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th className={column.align} aria-sort={ariaSort} title={column.title} scope="col">
      <button
        type="button"
        className={active ? 'sort-btn sort-btn--on' : 'sort-btn'}
        onClick={() => onSort(column.key)}
        data-testid={`sort-${column.key}`}
      >
        {column.label}
        <span className="sort-btn__arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The group's title row, with its subtotal lined up under the P&L columns. */
function GroupHead({ group }: { group: PositionGroup }) {
  const { count, pnl, pnlPct } = group.subtotal;
  const tone = count > 0 ? toneOf(pnl) : 'flat';
  return (
    <tr className="pos-group__head" data-testid={`subtotal-${group.type}`}>
      <th colSpan={5} scope="rowgroup" className="pos-group__title">
        <span className={`pos-group__mark pos-group__mark--${group.type}`} aria-hidden="true" />
        {group.title}
        <span className="count num" data-testid={`count-${group.type}`}>
          {formatCount(count)}
        </span>
      </th>
      <td className={`r num tone-${tone}`} data-testid={`subtotal-pnl-${group.type}`}>
        {count > 0 ? formatSignedMoney(pnl) : ''}
      </td>
      <td className={`r num tone-${tone}`} data-testid={`subtotal-pct-${group.type}`}>
        {count > 0 ? formatSignedPct(pnlPct, 2) : ''}
      </td>
      <td colSpan={COLUMN_COUNT - 7} className="pos-group__note muted">
        {count > 0 ? 'subtotal, P&L % on cost' : ''}
      </td>
    </tr>
  );
}

interface GroupedTableProps {
  groups: readonly PositionGroup[];
  sort: SortSpec;
  onSort(key: SortKey): void;
  now: number;
  send: SendOverride;
  connected: boolean;
}

/** One table for the four groups, so columns line up across them; every group shows, empty or not. */
export function GroupedTable({ groups, sort, onSort, now, send, connected }: GroupedTableProps) {
  return (
    <div className="table-wrap">
      <table className="table pos-table" data-testid="positions-grouped">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} column={c} sort={sort} onSort={onSort} />
            ))}
            <th className="pos-actions-head" scope="col">
              Actions
            </th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.type} className="pos-group" data-testid={`group-${g.type}`}>
            <GroupHead group={g} />
            {g.positions.length === 0 ? (
              <tr className="pos-empty">
                <td colSpan={COLUMN_COUNT} className="muted" data-testid={`empty-${g.type}`}>
                  {g.empty}
                </td>
              </tr>
            ) : (
              g.positions.map((p) => (
                <PositionRow key={p.id} position={p} now={now} send={send} connected={connected} />
              ))
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
