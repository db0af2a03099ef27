import { useEffect, useRef, useState } from 'react';
import { remScale } from '../../charts/theme';
import { formatNyMinute, formatNyTime } from '../../format/format';
import { OUTCOME_BADGES } from './signal-stream';
import type { Timeline } from './timeline';
import './signal-timeline.css';

const ROW = 20;
const LABEL = 64;
const AXIS = 18;

/**
 * The PRD's signal timeline: every signal in view as a mark on a time × ticker grid, an up
 * triangle for long and a down one for short, larger with conviction, filled when it was
 * executed and hollow when only logged or skipped.
 */
export function SignalTimeline({ timeline }: { timeline: Timeline }) {
  const box = useRef<HTMLDivElement>(null);
  const measured = useWidth(box);
  // Drawn in px at the 16 px root size, then scaled with the type on large screens (theme.css).
  const scale = remScale();
  const width = measured / scale;
  const { rows, dots, ticks, start, end, hidden } = timeline;
  const plot = Math.max(width - LABEL - 12, 100);
  const height = rows.length * ROW + AXIS;
  const xOf = (x: number) => LABEL + x * plot;
  return (
    <div className="sig-timeline" data-testid="signal-timeline" ref={box}>
      <svg
        width={measured}
        height={height * scale}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Signal timeline by ticker"
      >
        {rows.map((ticker, i) => (
          <g key={ticker}>
            <line
              className="sig-timeline__row"
              x1={LABEL}
              x2={LABEL + plot}
              y1={i * ROW + ROW / 2}
              y2={i * ROW + ROW / 2}
            />
            <text className="sig-timeline__ticker" x={LABEL - 8} y={i * ROW + ROW / 2 + 4} textAnchor="end">
              {ticker}
            </text>
          </g>
        ))}
        {ticks.map((t) => {
          const x = xOf((t - start) / (end - start));
          return (
            <g key={t}>
              <line className="sig-timeline__tick" x1={x} x2={x} y1={0} y2={rows.length * ROW} />
              <text className="sig-timeline__time" x={x} y={height - 4} textAnchor="middle">
                {formatNyMinute(t)}
              </text>
            </g>
          );
        })}
        {dots.map(({ signal: s, x, row }) => {
          const cx = xOf(x);
          const cy = row * ROW + ROW / 2;
          const r = 3 + (Math.min(Math.max(s.conviction, 0), 100) / 100) * 4;
          const up = s.direction === 'long';
          const points = up
            ? `${cx},${cy - r} ${cx - r},${cy + r * 0.8} ${cx + r},${cy + r * 0.8}`
            : `${cx},${cy + r} ${cx - r},${cy - r * 0.8} ${cx + r},${cy - r * 0.8}`;
          const executed = s.outcome === 'EXECUTED' || s.outcome === 'EXECUTED_HALF';
          return (
            <polygon
              key={s.id}
              points={points}
              className={`sig-timeline__mark sig-timeline__mark--${up ? 'long' : 'short'}${executed ? '' : ' sig-timeline__mark--hollow'}`}
              data-testid="timeline-mark"
            >
              <title>
                {`${s.ticker} ${s.timeframe} ${s.type} ${s.direction}, conviction ${s.conviction} at ${formatNyTime(s.time)} ET → ${OUTCOME_BADGES[s.outcome]}`}
              </title>
            </polygon>
          );
        })}
      </svg>
      {hidden > 0 && <p className="muted sig-timeline__note">{hidden} signals of quieter tickers not drawn</p>}
    </div>
  );
}

/** The element's width, followed as it resizes (800 until measured, or where nothing measures). */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
