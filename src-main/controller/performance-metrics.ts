import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DailyMetrics, SeriesPoint, WeeklyMetrics } from '../../src-shared/performance';
import type { InstrumentType } from '../../src-shared/positions';
import type { TradeRecord } from '../../src-shared/trades';

/**
 * Trading performance metrics (PRD `metrics.py`), with the exact definitions of DESIGN §5.
 *
 * Conventions shared by every method:
 * - A trade is a winner if `pnl > 0`, a loser if `pnl < 0`, a scratch if `pnl === 0`; scratches
 *   count in `totalTrades` (and so lower the win rate) but are neither winners nor losers.
 * - A trade belongs to the New York (America/New_York) date of its EXIT, and to the ISO week
 *   ('YYYY-Www', ISO week-numbering year) of that date. Time zones go through `@date-fns/tz`, so
 *   daylight-saving changes are handled by the tz database, never by fixed offsets.
 * - Win rates are fractions (0.68 = 68 %), computed as winners / all trades of the group.
 */

const NEW_YORK = tz('America/New_York');
const TRADING_DAYS_PER_YEAR = 252;

/** The aggregate fields shared by {@link DailyMetrics} and {@link WeeklyMetrics}. */
export type TradeAggregate = Omit<DailyMetrics, 'date'>;

/** New York calendar date ('YYYY-MM-DD') of an epoch-ms instant. */
export function newYorkDate(time: number): string {
  return format(time, 'yyyy-MM-dd', { in: NEW_YORK });
}

/** New York calendar month ('YYYY-MM') of an epoch-ms instant. */
export function newYorkMonth(time: number): string {
  return format(time, 'yyyy-MM', { in: NEW_YORK });
}

/** ISO week of each New York date seen so far: formatting an ISO week in a zone costs ~250 µs. */
const isoWeekByDate = new Map<string, string>();

/** ISO week ('YYYY-Www', e.g. '2026-W53') of the New York date of an epoch-ms instant. */
export function newYorkIsoWeek(time: number): string {
  const date = newYorkDate(time);
  let week = isoWeekByDate.get(date);
  if (week === undefined) {
    week = format(time, "RRRR-'W'II", { in: NEW_YORK });
    isoWeekByDate.set(date, week);
  }
  return week;
}

/** New York wall-clock hour ('HH:00') of an epoch-ms instant. */
export function newYorkHour(time: number): string {
  return format(time, 'HH:00', { in: NEW_YORK });
}

/**
 * Conviction bucket of a score: '0-49' (< 50), '50-74', '75-89', '90-100' (≥ 90); out-of-range
 * scores fall into the nearest end bucket. `null` for a missing (or non-finite) score.
 */
export function convictionBucket(conviction: number | null): string | null {
  if (conviction === null || !Number.isFinite(conviction)) return null;
  if (conviction >= 90) return '90-100';
  if (conviction >= 75) return '75-89';
  if (conviction >= 50) return '50-74';
  return '0-49';
}

/**
 * Groups items by key, as [key, items] pairs sorted by key (string order, which is chronological
 * for ISO dates, months and weeks); inside a group items keep their input order. Items keyed
 * `null` are left out.
 */
export function groupSorted<T>(items: readonly T[], key: (item: T) => string | null): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Trades ordered by exit time; ties keep their input order. */
function byExitTime(trades: readonly TradeRecord[]): TradeRecord[] {
  return [...trades].sort((a, b) => a.exitTime - b.exitTime);
}

function latestExit(trades: readonly TradeRecord[]): number {
  return trades.reduce((latest, t) => Math.max(latest, t.exitTime), -Infinity);
}

function ratioOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Performance metrics over closed trades. Stateless; every method is a pure function of its
 * arguments.
 *
 * About `dailyMetrics` / `weeklyMetrics`: the PRD declares `daily_metrics(trades) -> DailyMetrics`
 * and `weekly_metrics(trades) -> WeeklyMetrics` (one object each). They are kept that way: they
 * aggregate ALL the trades they are given and are labelled with the day / week of the latest
 * exit. A caller that wants one entry per New York day or ISO week uses `dailyBreakdown` /
 * `weeklyBreakdown`; `metricsFor(date, trades)` gives one given day.
 */
export class PerformanceMetrics {
  /**
   * The DailyMetrics of all `trades` (pass one day's trades to get that day). `date` is the New
   * York date of the latest exit, '' without trades. Field definitions: {@link aggregate}.
   */
  dailyMetrics(trades: readonly TradeRecord[]): DailyMetrics {
    return { date: trades.length ? newYorkDate(latestExit(trades)) : '', ...this.aggregate(trades) };
  }

  /** The DailyMetrics of the trades exiting on New York date `date` ('YYYY-MM-DD'); other trades are ignored. */
  metricsFor(date: string, trades: readonly TradeRecord[]): DailyMetrics {
    return { date, ...this.aggregate(trades.filter((t) => newYorkDate(t.exitTime) === date)) };
  }

  /** One DailyMetrics per New York exit date that has trades, sorted by date. */
  dailyBreakdown(trades: readonly TradeRecord[]): DailyMetrics[] {
    return groupSorted(trades, (t) => newYorkDate(t.exitTime)).map(([date, group]) => ({
      date,
      ...this.aggregate(group),
    }));
  }

  /**
   * The WeeklyMetrics of all `trades` (pass one ISO week's trades to get that week). `week` is the
   * ISO week of the latest exit's New York date; `startDate` / `endDate` are the first / last New
   * York dates with trades, `tradingDays` the number of distinct such dates. The aggregate fields
   * are computed over all the trades (so `stocksTraded` counts distinct tickers over the whole
   * set, not a sum of daily counts). Without trades every string is '' and every number 0.
   */
  weeklyMetrics(trades: readonly TradeRecord[]): WeeklyMetrics {
    const dates = [...new Set(trades.map((t) => newYorkDate(t.exitTime)))].sort();
    return {
      week: trades.length ? newYorkIsoWeek(latestExit(trades)) : '',
      startDate: dates[0] ?? '',
      endDate: dates.at(-1) ?? '',
      tradingDays: dates.length,
      ...this.aggregate(trades),
    };
  }

  /** One WeeklyMetrics per ISO week (of the New York exit date) that has trades, sorted by week. */
  weeklyBreakdown(trades: readonly TradeRecord[]): WeeklyMetrics[] {
    return groupSorted(trades, (t) => newYorkIsoWeek(t.exitTime)).map(([, group]) => this.weeklyMetrics(group));
  }

  /**
   * DESIGN §5 aggregate of a set of trades:
   * - `totalTrades` all trades (scratches included); `winners` pnl > 0; `losers` pnl < 0.
   * - `winRate` = winners / totalTrades (0 without trades).
   * - `grossProfit` = Σ winners' pnl; `grossLoss` = |Σ losers' pnl| (≥ 0); `netPnl` = Σ pnl.
   * - `profitFactor`: see {@link profitFactor}.
   * - `avgWinner` = grossProfit / winners, `avgLoser` = −grossLoss / losers (≤ 0); 0 when the
   *   divisor is 0.
   * - `largestWinner` = max pnl, `largestLoser` = min pnl, "0 if none": read as "0 when there is
   *   no winner / no loser", so `largestWinner` ≥ 0 and `largestLoser` ≤ 0 (an all-loser day has
   *   largestWinner 0, not its least bad loss).
   * - `avgHoldTime` = mean(exitTime − entryTime) in ms (0 without trades).
   * - `stocksTraded` = number of distinct tickers among `instrumentType === 'stock'` trades;
   *   `optionsScalped` / `etfsScalped` = number of `'option'` / `'leveraged_etf'` trades.
   */
  aggregate(trades: readonly TradeRecord[]): TradeAggregate {
    let winners = 0;
    let losers = 0;
    let grossProfit = 0;
    let lossSum = 0;
    let netPnl = 0;
    let largestWinner = 0;
    let largestLoser = 0;
    let optionsScalped = 0;
    let etfsScalped = 0;
    const stocks = new Set<string>();
    for (const t of trades) {
      netPnl += t.pnl;
      if (t.pnl > 0) {
        winners += 1;
        grossProfit += t.pnl;
        largestWinner = Math.max(largestWinner, t.pnl);
      } else if (t.pnl < 0) {
        losers += 1;
        lossSum += t.pnl;
        largestLoser = Math.min(largestLoser, t.pnl);
      }
      if (t.instrumentType === 'stock') stocks.add(t.ticker);
      else if (t.instrumentType === 'option') optionsScalped += 1;
      else etfsScalped += 1;
    }
    const grossLoss = Math.abs(lossSum);
    return {
      totalTrades: trades.length,
      winners,
      losers,
      winRate: ratioOrZero(winners, trades.length),
      grossProfit,
      grossLoss,
      netPnl,
      profitFactor: profitFactorOf(grossProfit, grossLoss),
      avgWinner: ratioOrZero(grossProfit, winners),
      avgLoser: losers === 0 ? 0 : -grossLoss / losers,
      largestWinner,
      largestLoser,
      avgHoldTime: this.avgHoldTime(trades),
      stocksTraded: stocks.size,
      optionsScalped,
      etfsScalped,
    };
  }

  /** Running sum of pnl ordered by exit time (ties keep input order): one point per trade, `time` = exit time. */
  cumulativePnl(trades: readonly TradeRecord[]): SeriesPoint[] {
    let value = 0;
    return byExitTime(trades).map((t) => ({ time: t.exitTime, value: (value += t.pnl) }));
  }

  /** Win rate per ticker (only tickers that have trades). */
  winRateByTicker(trades: readonly TradeRecord[]): Record<string, number> {
    return winRateBy(trades, (t) => t.ticker);
  }

  /**
   * Win rate per conviction bucket: '0-49' (< 50), '50-74' (50 ≤ c < 75), '75-89' (75 ≤ c < 90),
   * '90-100' (≥ 90). Only buckets that have trades; trades with a null conviction are left out.
   * Out-of-range scores fall into the nearest end bucket.
   */
  winRateByConviction(trades: readonly TradeRecord[]): Record<string, number> {
    return winRateBy(trades, (t) => convictionBucket(t.conviction));
  }

  /** Win rate per signal type (only types that have trades; trades without a signal, i.e. manual, are left out). */
  winRateBySignalType(trades: readonly TradeRecord[]): Record<string, number> {
    return winRateBy(trades, (t) => t.signalType);
  }

  /**
   * Win rate per New York wall-clock hour of ENTRY, keyed 'HH:00' ('09:00' … '15:00' for the
   * regular session; an extended-hours entry gets its own hour key, e.g. '04:00'). Only hours
   * that have trades.
   */
  winRateByTimeOfDay(trades: readonly TradeRecord[]): Record<string, number> {
    return winRateBy(trades, (t) => newYorkHour(t.entryTime));
  }

  /** Net pnl per instrument type; all three keys are always present (0 without trades). */
  pnlByInstrument(trades: readonly TradeRecord[]): Record<InstrumentType, number> {
    const pnl: Record<InstrumentType, number> = { stock: 0, option: 0, leveraged_etf: 0 };
    for (const t of trades) pnl[t.instrumentType] += t.pnl;
    return pnl;
  }

  /** Mean holding time, mean(exitTime − entryTime), in ms; 0 without trades. */
  avgHoldTime(trades: readonly TradeRecord[]): number {
    return ratioOrZero(
      trades.reduce((sum, t) => sum + (t.exitTime - t.entryTime), 0),
      trades.length,
    );
  }

  /**
   * grossProfit / grossLoss. Infinity when grossLoss = 0 and grossProfit > 0; 0 without trades
   * and 0 when both are 0 (only scratches).
   */
  profitFactor(trades: readonly TradeRecord[]): number {
    const { grossProfit, grossLoss } = this.aggregate(trades);
    return profitFactorOf(grossProfit, grossLoss);
  }

  /**
   * Annualized Sharpe ratio of daily returns: mean / sample standard deviation (n − 1) × √252.
   * 0 with fewer than 2 returns or a zero standard deviation (all returns equal).
   */
  sharpeRatio(dailyReturns: readonly number[]): number {
    const n = dailyReturns.length;
    if (n < 2 || dailyReturns.every((r) => r === dailyReturns[0])) return 0;
    const mean = dailyReturns.reduce((s, r) => s + r, 0) / n;
    const variance = dailyReturns.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1);
    const stdev = Math.sqrt(variance);
    return stdev === 0 ? 0 : (mean / stdev) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  }

  /**
   * Maximum drawdown of an equity curve: min over t of (E_t / max_{s≤t} E_s − 1), a fraction ≤ 0
   * (−0.25 = a 25 % fall from the peak). 0 for an empty or never-falling curve. Points whose
   * running peak is ≤ 0 have no defined drawdown and are skipped; for a positive curve the result
   * lies in [−1, 0].
   */
  maxDrawdown(equityCurve: readonly number[]): number {
    let peak = -Infinity;
    let worst = 0;
    for (const equity of equityCurve) {
      peak = Math.max(peak, equity);
      if (peak > 0) worst = Math.min(worst, equity / peak - 1);
    }
    return worst;
  }

  /** Average pnl per trade, netPnl / trades (0 without trades). */
  expectancy(trades: readonly TradeRecord[]): number {
    return ratioOrZero(
      trades.reduce((sum, t) => sum + t.pnl, 0),
      trades.length,
    );
  }
}

function profitFactorOf(grossProfit: number, grossLoss: number): number {
  if (grossLoss === 0) return grossProfit > 0 ? Infinity : 0;
  return grossProfit / grossLoss;
}

function winRateBy(trades: readonly TradeRecord[], key: (t: TradeRecord) => string | null): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const [k, group] of groupSorted(trades, key)) {
    rates[k] = group.filter((t) => t.pnl > 0).length / group.length;
  }
  return rates;
}
