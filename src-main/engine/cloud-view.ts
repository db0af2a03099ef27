import type { Bar, Timeframe } from '../../src-shared/market';
import type { CloudStates } from '../../src-shared/signals';

/**
 * Read access to the indicator state of every ticker and timeframe, as of the last closed
 * bar (MarketState implements it). Executors size stops from it; the exit monitor watches
 * clouds through it.
 */
export interface CloudView {
  /** Cloud states at the last closed bar of `ticker` on `timeframe`; null before any bar. */
  clouds(ticker: string, timeframe: Timeframe): CloudStates | null;
  /** The last closed bar; null before any. */
  lastBar(ticker: string, timeframe: Timeframe): Bar | null;
  /** Wilder's ATR(14) at the last closed bar; null until 14 bars are in. */
  atr(ticker: string, timeframe: Timeframe): number | null;
}
