import type { PerformanceReport, SeriesPoint } from '../../../src-shared/performance';
import { isoWeekOf, nyDate } from './ny-dates';

export type PnlView = 'daily' | 'weekly' | 'monthly';
export const PNL_VIEWS: { id: PnlView; label: string }[] = [
  { id: 'daily', label: 'Daily' },
  { id: 'weekly', label: 'Weekly' },
  { id: 'monthly', label: 'Monthly' },
];

const PERIOD_OF: Record<PnlView, (ms: number) => string> = {
  daily: nyDate,
  weekly: (ms) => isoWeekOf(nyDate(ms)),
  monthly: (ms) => nyDate(ms).slice(0, 7),
};

export interface ComparisonSeries {
  /** The bot's cumulative realized P&L, $, at the end of each period (0 at the range start). */
  pnl: SeriesPoint[];
  /** Buy-and-hold SPY with the same starting equity, $, at the end of each period. */
  spy: SeriesPoint[];
}

const clean = (points: readonly SeriesPoint[]): SeriesPoint[] =>
  points.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value)).sort((a, b) => a.time - b.time);

/** The value of a sorted series at `time` (its last point at or before it), or null before its first. */
function valueAt(points: readonly SeriesPoint[], time: number, from: { i: number }): number | null {
  while (from.i + 1 < points.length && (points[from.i + 1]?.time ?? Infinity) <= time) from.i += 1;
  const p = points[from.i];
  return p && p.time <= time ? p.value : null;
}

/**
 * The cumulative P&L and the SPY comparison on one time grid: one point per day, ISO week or
 * month, at the last moment either series has in that period, so both lines are read at the same
 * instants. The P&L line starts from $0 at the range start, SPY from its first close.
 */
export function comparisonSeries(
  report: Pick<PerformanceReport, 'since' | 'cumulative' | 'spyBuyAndHold'>,
  view: PnlView,
): ComparisonSeries {
  const pnlPoints = clean(report.cumulative);
  const spyPoints = clean(report.spyBuyAndHold);
  const periodOf = PERIOD_OF[view];
  const ends = new Map<string, number>();
  for (const p of [...pnlPoints, ...spyPoints]) {
    const key = periodOf(p.time);
    ends.set(key, Math.max(ends.get(key) ?? -Infinity, p.time));
  }
  const times = [...ends.values()].sort((a, b) => a - b);
  const pnl: SeriesPoint[] = [];
  const spy: SeriesPoint[] = [];
  const first = times[0];
  if (first !== undefined && Number.isFinite(report.since) && report.since < first && pnlPoints.length > 0) {
    pnl.push({ time: report.since, value: 0 });
  }
  const pnlCursor = { i: 0 };
  const spyCursor = { i: 0 };
  for (const time of times) {
    pnl.push({ time, value: valueAt(pnlPoints, time, pnlCursor) ?? 0 });
    const s = valueAt(spyPoints, time, spyCursor);
    if (s !== null) spy.push({ time, value: s });
  }
  // SPY's first close is where the holding starts ($0): keep it when its period ends later.
  const spyStart = spyPoints[0];
  if (spyStart && (spy[0]?.time ?? -Infinity) > spyStart.time) spy.unshift(spyStart);
  return { pnl, spy };
}
