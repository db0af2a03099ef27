/** Bar timeframes the engine aggregates, lowest first. */
export const TIMEFRAMES = ['1m', '5m', '10m', '1h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** One OHLCV bar. `time` is the bar's open time in epoch milliseconds (UTC). */
export interface Bar {
  ticker: string;
  timeframe: Timeframe;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Where the US equity session stands at `now`. */
export type SessionPhase = 'closed' | 'pre_market' | 'open' | 'after_hours';

/** The market clock as the dashboard shows it. Times are epoch milliseconds (UTC). */
export interface MarketClock {
  now: number;
  phase: SessionPhase;
  /** Trading day in America/New_York, 'YYYY-MM-DD'. */
  sessionDate: string;
  nextOpen: number | null;
  nextClose: number | null;
  /** Simulated minutes per real second; 0 when following the real clock. */
  speed: number;
}
