import type { PerformanceReport } from '../../../src-shared/performance';

/** One bar of a win-rate breakdown. `rate` is a fraction, null when the group had no trades. */
export interface BreakdownRow {
  key: string;
  rate: number | null;
  /** Trades in the group, when the report says. */
  count: number | null;
}

export const CONVICTION_BUCKETS = ['0-49', '50-74', '75-89', '90-100'] as const;
export const SESSION_HOURS = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00'] as const;

const rateOf = (v: number | undefined): number | null =>
  v !== undefined && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : null;

const countOf = (counts: Record<string, number> | undefined, key: string): number | null => {
  const v = counts?.[key];
  return v !== undefined && Number.isFinite(v) ? v : null;
};

/**
 * Rows of a win-rate map. With `fixed` keys (conviction buckets, session hours), every one of
 * them is listed, empty groups included, together with any other key, all in key order (which
 * is numeric order for both); without, the groups are sorted by win rate, best first, then by name.
 */
export function breakdownRows(
  rates: Record<string, number>,
  options: { fixed?: readonly string[]; counts?: Record<string, number> } = {},
): BreakdownRow[] {
  const { fixed, counts } = options;
  const row = (key: string): BreakdownRow => ({ key, rate: rateOf(rates[key]), count: countOf(counts, key) });
  if (fixed) return [...new Set([...fixed, ...Object.keys(rates)])].sort().map(row);
  return Object.keys(rates)
    .map(row)
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.key.localeCompare(b.key));
}

export interface Breakdown {
  id: string;
  title: string;
  rows: BreakdownRow[];
}

/** The four breakdowns of the Performance tab: by ticker, signal type, conviction and time of day. */
export function reportBreakdowns(report: PerformanceReport): Breakdown[] {
  return [
    { id: 'ticker', title: 'Win rate by ticker', rows: breakdownRows(report.winRateByTicker) },
    { id: 'signal-type', title: 'Win rate by signal type', rows: breakdownRows(report.winRateBySignalType) },
    {
      id: 'conviction',
      title: 'Win rate by conviction',
      rows: breakdownRows(report.winRateByConviction, { fixed: CONVICTION_BUCKETS }),
    },
    {
      id: 'time-of-day',
      title: 'Win rate by time of day (ET, entry)',
      rows: breakdownRows(report.winRateByTimeOfDay, { fixed: SESSION_HOURS }),
    },
  ];
}
