import { tz } from '@date-fns/tz';
import { parse } from 'date-fns';
import type { DailyMetrics, PerformanceReport, SeriesPoint } from '../../src-shared/performance';
import type { TradeRecord } from '../../src-shared/trades';
import { groupSorted, newYorkDate, newYorkMonth, PerformanceMetrics } from './performance-metrics';

/** One trading day's account equity (New York date 'YYYY-MM-DD'); `endingEquity` is null while the day is open. */
export interface DailyEquity {
  date: string;
  startingEquity: number;
  endingEquity: number | null;
}

/** SPY's closing price on a New York date ('YYYY-MM-DD'). */
export interface DailyClose {
  date: string;
  close: number;
}

export interface PerformanceReportInput {
  trades: readonly TradeRecord[];
  dailyEquity: readonly DailyEquity[];
  spyDailyCloses: readonly DailyClose[];
  /** Account equity at `since`. */
  startingEquity: number;
  /** Range, epoch ms, both ends inclusive. */
  since: number;
  until: number;
}

const NEW_YORK = tz('America/New_York');
/** The time stamped on a daily close: the regular session's close, New York time. */
const DAILY_CLOSE_TIME = '16:00';

const metrics = new PerformanceMetrics();

/**
 * Everything the Performance tab shows for [since, until].
 *
 * - Trades count when `since ≤ exitTime ≤ until`; equity rows and SPY closes when their date lies
 *   between the New York dates of `since` and `until` (inclusive).
 * - `daily` / `weekly` / `calendar` / `monthly`: per New York exit date / ISO week / date / month.
 * - `profitFactor`, `expectancy` and the win-rate maps are over all trades in range.
 * - `sharpeRatio` is over daily returns = that day's trade P&L / that day's starting equity, for
 *   every day that has an equity row or trades (a day without trades returns 0). A day with trades
 *   but no equity row starts at `startingEquity` + the P&L of the earlier days in range; days
 *   starting at ≤ 0 are skipped.
 *   Null (undefined, not 0) over fewer than 2 returns or returns that are all equal.
 * - `maxDrawdown` is over the curve [startingEquity, startingEquity + cumulative P&L after each
 *   trade]. (`endingEquity` is not used: the curve is the realized one, trade by trade.)
 * - `spyBuyAndHold`: at each SPY daily close in range (stamped 16:00 New York time),
 *   startingEquity × (close / first close in range − 1); empty when the first close is ≤ 0.
 */
export function buildPerformanceReport(input: PerformanceReportInput): PerformanceReport {
  const { since, until, startingEquity } = input;
  const firstDate = newYorkDate(since);
  const lastDate = newYorkDate(until);
  const inDates = (date: string) => date >= firstDate && date <= lastDate;
  const trades = input.trades.filter((t) => t.exitTime >= since && t.exitTime <= until);

  const daily = metrics.dailyBreakdown(trades);
  const cumulative = metrics.cumulativePnl(trades);
  const equityCurve = [startingEquity, ...cumulative.map((p) => startingEquity + p.value)];
  const returns = dailyReturns(
    daily,
    input.dailyEquity.filter((e) => inDates(e.date)),
    startingEquity,
  );

  return {
    since,
    until,
    daily,
    weekly: metrics.weeklyBreakdown(trades),
    monthly: groupSorted(trades, (t) => newYorkMonth(t.exitTime)).map(([month, group]) => ({
      month,
      netPnl: group.reduce((sum, t) => sum + t.pnl, 0),
      trades: group.length,
    })),
    cumulative,
    winRateByTicker: metrics.winRateByTicker(trades),
    winRateBySignalType: metrics.winRateBySignalType(trades),
    winRateByConviction: metrics.winRateByConviction(trades),
    winRateByTimeOfDay: metrics.winRateByTimeOfDay(trades),
    pnlByInstrument: metrics.pnlByInstrument(trades),
    profitFactor: metrics.profitFactor(trades),
    sharpeRatio: returns.length >= 2 && returns.some((r) => r !== returns[0]) ? metrics.sharpeRatio(returns) : null,
    sharpeDays: returns.length,
    expectancy: metrics.expectancy(trades),
    maxDrawdown: metrics.maxDrawdown(equityCurve),
    calendar: daily.map((d) => ({ date: d.date, pnl: d.netPnl })),
    spyBuyAndHold: buyAndHold(
      input.spyDailyCloses.filter((c) => inDates(c.date)),
      startingEquity,
    ),
  };
}

/** Daily returns (day P&L / day starting equity) in date order; see {@link buildPerformanceReport}. */
export function dailyReturns(
  daily: readonly DailyMetrics[],
  dailyEquity: readonly DailyEquity[],
  startingEquity: number,
): number[] {
  const pnlByDate = new Map(daily.map((d) => [d.date, d.netPnl]));
  const startByDate = new Map<string, number>();
  for (const e of dailyEquity) if (!startByDate.has(e.date)) startByDate.set(e.date, e.startingEquity);
  const dates = [...new Set([...pnlByDate.keys(), ...startByDate.keys()])].sort();

  const returns: number[] = [];
  let realizedBefore = 0;
  for (const date of dates) {
    const pnl = pnlByDate.get(date) ?? 0;
    const start = startByDate.get(date) ?? startingEquity + realizedBefore;
    if (start > 0) returns.push(pnl / start);
    realizedBefore += pnl;
  }
  return returns;
}

/** Dollar P&L of buying SPY with `startingEquity` at the first close and holding it. */
export function buyAndHold(closes: readonly DailyClose[], startingEquity: number): SeriesPoint[] {
  const sorted = [...closes].sort((a, b) => a.date.localeCompare(b.date));
  const first = sorted[0]?.close ?? 0;
  if (!(first > 0)) return [];
  return sorted.map((c) => ({
    time: parse(`${c.date} ${DAILY_CLOSE_TIME}`, 'yyyy-MM-dd HH:mm', 0, { in: NEW_YORK }).getTime(),
    value: startingEquity * (c.close / first - 1),
  }));
}
