import { formatSignedMoney, toneOf } from '../../format/format';
import type { InstrumentSplit } from './instrument-split';

const R = 50;
const WIDTH = 12;
const C = 2 * Math.PI * R;
const SIZE = 2 * (R + WIDTH);

/** P&L by instrument type: a donut sized by |P&L| share, and a legend with the dollar figures. */
export function SplitDonut({ split }: { split: InstrumentSplit }) {
  const arcs: { key: string; loss: boolean; start: number; length: number }[] = [];
  let start = 0;
  for (const s of split.slices) {
    const length = s.share * C;
    if (length > 0) arcs.push({ key: s.key, loss: s.pnl < 0, start, length });
    start += length;
  }
  return (
    <div className="split" data-testid="instrument-split">
      <svg
        className="split__donut"
        width={SIZE}
        height={SIZE}
        style={{ width: `${SIZE / 16}rem`, height: `${SIZE / 16}rem` }}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        aria-hidden="true"
      >
        <g transform={`rotate(-90 ${SIZE / 2} ${SIZE / 2})`}>
          <circle className="split__track" cx={SIZE / 2} cy={SIZE / 2} r={R} strokeWidth={WIDTH} />
          {arcs.map((a) => (
            <circle
              key={a.key}
              className={`split__arc split__arc--${a.key}${a.loss ? ' split__arc--loss' : ''}`}
              cx={SIZE / 2}
              cy={SIZE / 2}
              r={R}
              strokeWidth={WIDTH}
              strokeDasharray={`${a.length} ${C - a.length}`}
              strokeDashoffset={-a.start}
            />
          ))}
        </g>
        <text className="split__net-label" x={SIZE / 2} y={SIZE / 2 - 6} textAnchor="middle">
          NET
        </text>
        <text className={`split__net num tone-${toneOf(split.net)}`} x={SIZE / 2} y={SIZE / 2 + 11} textAnchor="middle">
          {formatSignedMoney(split.net, Math.abs(split.net) >= 1000 ? 0 : 2)}
        </text>
      </svg>
      <ul className="split__legend">
        {split.slices.map((s) => (
          <li key={s.key} className="split__row" data-testid={`split-${s.key}`}>
            <span className={`split__swatch split__swatch--${s.key}`} />
            <span className="split__label">{s.label}</span>
            <span className={`split__pnl num tone-${toneOf(s.pnl)}`}>{formatSignedMoney(s.pnl)}</span>
            <span className="split__pct num muted">{split.hasPnl ? `${s.pct.toFixed(1)}%` : '—'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
