import type { InstrumentType } from './positions';

/** One day's trading (PRD DailyMetrics, camelCase). `date` is New York 'YYYY-MM-DD'; times in ms. */
export interface DailyMetrics {
  date: string;
  totalTrades: number;
  winners: number;
  losers: number;
  /** Fraction, 0.68 = 68 %. */
  winRate: number;
  grossProfit: number;
  /** ≥ 0. */
  grossLoss: number;
  netPnl: number;
  /** Infinity when there are no losses and some profit; 0 without trades. */
  profitFactor: number;
  avgWinner: number;
  /** ≤ 0. */
  avgLoser: number;
  largestWinner: number;
  largestLoser: number;
  /** Mean holding time in ms. */
  avgHoldTime: number;
  stocksTraded: number;
  optionsScalped: number;
  etfsScalped: number;
}

/** One ISO week's trading: the daily fields computed over the week's trades. `week` is e.g. '2026-W48'. */
export interface WeeklyMetrics extends Omit<DailyMetrics, 'date'> {
  week: string;
  /** First and last New York dates with trades in the week. */
  startDate: string;
  endDate: string;
  tradingDays: number;
}

/** A point of a cumulative series. */
export interface SeriesPoint {
  time: number;
  value: number;
}

/** Everything the Performance tab shows for a date range. */
export interface PerformanceReport {
  since: number;
  until: number;
  daily: DailyMetrics[];
  weekly: WeeklyMetrics[];
  monthly: { month: string; netPnl: number; trades: number }[];
  cumulative: SeriesPoint[];
  winRateByTicker: Record<string, number>;
  winRateBySignalType: Record<string, number>;
  winRateByConviction: Record<string, number>;
  /** Keys are New York hours, '09:00' … '15:00'. */
  winRateByTimeOfDay: Record<string, number>;
  pnlByInstrument: Record<InstrumentType, number>;
  profitFactor: number;
  /** Null where it is undefined: fewer than 2 daily returns, or all of them equal (no spread). */
  sharpeRatio: number | null;
  /** How many daily returns sharpeRatio is over. */
  sharpeDays: number;
  expectancy: number;
  /** ≤ 0, fraction of peak equity. */
  maxDrawdown: number;
  /** Net P&L per New York date with trades. */
  calendar: { date: string; pnl: number }[];
  /** Dollar P&L of holding SPY with the starting equity over the same range, at each daily close. */
  spyBuyAndHold: SeriesPoint[];
}
