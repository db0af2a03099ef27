import { EmptyState } from '../../components/panel';
import { formatCount, formatFractionPct } from '../../format/format';
import type { BreakdownRow } from './breakdowns';

/** One win-rate breakdown as horizontal bars, with the 50 % line marked. */
export function WinRateBars({ rows, testId }: { rows: readonly BreakdownRow[]; testId: string }) {
  if (rows.length === 0) return <EmptyState title="No trades to break down" />;
  return (
    <ul className="wr-bars" data-testid={testId}>
      {rows.map((r) => {
        const band = r.rate === null ? 'none' : r.rate >= 0.5 ? 'good' : 'poor';
        return (
          <li key={r.key} className={`wr-bar wr-bar--${band}`} data-testid={`${testId}-${r.key}`}>
            <span className="wr-bar__label" title={r.key}>
              {r.key}
            </span>
            <span className="wr-bar__track" aria-hidden="true">
              <span className="wr-bar__fill" style={{ width: `${(r.rate ?? 0) * 100}%` }} />
              <span className="wr-bar__mid" />
            </span>
            <span className="wr-bar__value num">{r.rate === null ? 'no trades' : formatFractionPct(r.rate)}</span>
            {r.count !== null && <span className="wr-bar__count num muted">{formatCount(r.count)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
