import type { UTCTimestamp } from 'lightweight-charts';
import type { PnlPoint } from '../../src-shared/dashboard-data';

/** One point as the chart takes it: time in UTC seconds. */
export interface PnlSeriesPoint {
  time: UTCTimestamp;
  value: number;
}

/**
 * Maps the intraday P&L to chart data: finite values only, times in whole seconds, ascending,
 * one point per second (the latest wins) — lightweight-charts breaks silently otherwise.
 */
export function toPnlSeries(points: readonly PnlPoint[]): PnlSeriesPoint[] {
  const bySecond = new Map<number, number>();
  for (const p of points) {
    if (!Number.isFinite(p.time) || !Number.isFinite(p.pnl)) continue;
    bySecond.set(Math.floor(p.time / 1000), p.pnl);
  }
  return [...bySecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

export type PnlSeriesPlan =
  { kind: 'none' } | { kind: 'update'; point: PnlSeriesPoint } | { kind: 'set'; data: PnlSeriesPoint[] };

const same = (a: PnlSeriesPoint | undefined, b: PnlSeriesPoint | undefined) =>
  a !== undefined && b !== undefined && a.time === b.time && a.value === b.value;

/**
 * How to bring the chart from `shown` to `next`: nothing; `series.update` when only the last
 * point changed or one point was appended; `setData` for anything else (a new session, a
 * trimmed window, a rewrite).
 */
export function planPnlUpdate(shown: readonly PnlSeriesPoint[], next: PnlSeriesPoint[]): PnlSeriesPlan {
  const n = shown.length;
  const last = next[next.length - 1];
  if (n === 0 || !last || !same(shown[0], next[0])) return { kind: 'set', data: next };
  if (next.length === n) {
    if (n >= 2 && !same(shown[n - 2], next[n - 2])) return { kind: 'set', data: next };
    const prevLast = shown[n - 1];
    if (prevLast?.time !== last.time) return { kind: 'set', data: next };
    return prevLast.value === last.value ? { kind: 'none' } : { kind: 'update', point: last };
  }
  if (next.length === n + 1 && same(shown[n - 1], next[n - 1]) && last.time > next[n - 1]!.time) {
    return { kind: 'update', point: last };
  }
  return { kind: 'set', data: next };
}
