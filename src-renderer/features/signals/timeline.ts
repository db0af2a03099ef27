import type { TradeSignal } from '../../../src-shared/signals';

/** One signal placed on the timeline. */
export interface TimelineDot {
  signal: TradeSignal;
  /** 0–1 across the time axis. */
  x: number;
  row: number;
}

export interface Timeline {
  /** Tickers top to bottom: most signals first, then by name. */
  rows: string[];
  dots: TimelineDot[];
  start: number;
  end: number;
  /** Round times inside [start, end] for the axis (1 min to 2 h apart, at most eight). */
  ticks: number[];
  /** Signals of tickers beyond the row limit (not drawn). */
  hidden: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Axis steps, the first giving at most eight ticks across the span wins. */
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120].map((m) => m * MINUTE);
/** At least half an hour across, so a handful of signals do not sit on the edges. */
const MIN_SPAN = 30 * MINUTE;

/**
 * Places signals on a time × ticker grid: x by time between the first and the last signal
 * (padded), one row per ticker, at most `maxRows` rows (the busiest tickers).
 */
export function buildTimeline(signals: readonly TradeSignal[], maxRows = 12): Timeline {
  if (signals.length === 0) return { rows: [], dots: [], start: 0, end: 0, ticks: [], hidden: 0 };
  const counts = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const s of signals) {
    counts.set(s.ticker, (counts.get(s.ticker) ?? 0) + 1);
    first = Math.min(first, s.time);
    last = Math.max(last, s.time);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  const rows = ranked.slice(0, maxRows);
  const rowOf = new Map(rows.map((t, i) => [t, i]));
  const pad = Math.max(MIN_SPAN - (last - first), 0) / 2 + (last - first) * 0.02;
  const start = first - pad;
  const end = last + pad;
  const span = end - start;
  const dots: TimelineDot[] = [];
  let hidden = 0;
  for (const s of signals) {
    const row = rowOf.get(s.ticker);
    if (row === undefined) {
      hidden++;
      continue;
    }
    dots.push({ signal: s, x: (s.time - start) / span, row });
  }
  // Highest conviction drawn last, on top.
  dots.sort((a, b) => a.signal.conviction - b.signal.conviction);
  const step = TICK_STEPS.find((m) => span / m <= 8) ?? HOUR;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return { rows, dots, start, end, ticks, hidden };
}
