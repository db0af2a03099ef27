import { formatNyTime } from '../../format/format';
import { cellKey, heatAlpha, type Heatmap, type HeatCell } from './heatmap';
import { OUTCOME_BADGES } from './signal-stream';

const MINUS = '\u2212';
export const formatStrength = (v: number): string =>
  v > 0 ? `+${Math.round(v)}` : v < 0 ? `${MINUS}${Math.round(-v)}` : '0';

function tooltip(cell: HeatCell): string {
  const s = cell.signal;
  const more = cell.count > 1 ? ` (latest of ${cell.count})` : '';
  const why = s.skipReason ? ` — ${s.skipReason}` : '';
  return `${s.ticker} ${s.timeframe}${more}: ${s.type} ${s.direction}, conviction ${s.conviction} at ${formatNyTime(s.time)} ET → ${OUTCOME_BADGES[s.outcome]}${why}`;
}

/** Ticker × timeframe grid: each cell the latest signal's conviction, green for bullish, red for bearish. */
export function SignalHeatmap({ heatmap }: { heatmap: Heatmap }) {
  const { tickers, timeframes, cells } = heatmap;
  return (
    <div className="heat" data-testid="signal-heatmap">
      <div
        className="heat__grid"
        role="table"
        aria-label="Signal strength by ticker and timeframe"
        style={{ gridTemplateColumns: `minmax(56px, auto) repeat(${timeframes.length}, minmax(44px, 1fr))` }}
      >
        <div role="row" className="heat__row">
          <span role="columnheader" className="heat__corner" />
          {timeframes.map((tf) => (
            <span key={tf} role="columnheader" className="heat__col">
              {tf}
            </span>
          ))}
        </div>
        {tickers.map((t) => (
          <div role="row" className="heat__row" key={t}>
            <span role="rowheader" className="heat__ticker">
              {t}
            </span>
            {timeframes.map((tf) => {
              const cell = cells.get(cellKey(t, tf));
              if (!cell) {
                return (
                  <span key={tf} role="cell" className="heat__cell heat__cell--none" data-testid={`heat-${t}-${tf}`}>
                    ·
                  </span>
                );
              }
              const side = cell.value > 0 ? 'bull' : cell.value < 0 ? 'bear' : 'flat';
              const pct = Math.round(heatAlpha(cell.value) * 100);
              return (
                <span
                  key={tf}
                  role="cell"
                  className={`heat__cell heat__cell--${side}${Math.abs(cell.value) >= 75 ? ' heat__cell--hot' : ''}`}
                  style={{ background: `color-mix(in srgb, var(--heat-${side}) ${pct}%, transparent)` }}
                  title={tooltip(cell)}
                  data-testid={`heat-${t}-${tf}`}
                  data-value={cell.value}
                >
                  {formatStrength(cell.value)}
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <div className="heat__legend" aria-hidden="true">
        <span className="num">{MINUS}100 bearish</span>
        <span className="heat__scale" />
        <span className="num">bullish +100</span>
      </div>
    </div>
  );
}
