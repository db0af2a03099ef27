import { TIMEFRAMES, type Timeframe } from '../../../src-shared/market';
import type { TradeSignal } from '../../../src-shared/signals';

/** One cell of the ticker × timeframe grid: the latest signal there, its conviction signed by direction. */
export interface HeatCell {
  ticker: string;
  timeframe: Timeframe;
  /** −100…100: conviction, negative when bearish (short). */
  value: number;
  signal: TradeSignal;
  /** Signals in this cell within the window (the latest one is shown). */
  count: number;
}

export interface Heatmap {
  /** Rows, A→Z (a stable order that new signals do not reshuffle). */
  tickers: string[];
  timeframes: readonly Timeframe[];
  cells: Map<string, HeatCell>;
}

export const cellKey = (ticker: string, timeframe: Timeframe): string => `${ticker}|${timeframe}`;

export const signedStrength = (s: TradeSignal): number => (s.direction === 'short' ? -s.conviction : s.conviction);

/**
 * The heatmap of a window of signals: per ticker and timeframe the latest signal (by time; on a
 * tie the one listed first, lists being newest first). `extraTickers` add empty rows (the scan
 * universe), so a quiet ticker still shows.
 */
export function buildHeatmap(signals: readonly TradeSignal[], extraTickers: readonly string[] = []): Heatmap {
  const cells = new Map<string, HeatCell>();
  const tickers = new Set(extraTickers);
  for (const s of signals) {
    tickers.add(s.ticker);
    const key = cellKey(s.ticker, s.timeframe);
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, { ticker: s.ticker, timeframe: s.timeframe, value: signedStrength(s), signal: s, count: 1 });
    } else {
      cell.count++;
      if (s.time > cell.signal.time) {
        cell.signal = s;
        cell.value = signedStrength(s);
      }
    }
  }
  return { tickers: [...tickers].sort((a, b) => a.localeCompare(b)), timeframes: TIMEFRAMES, cells };
}

/** Background opacity of a cell, 0.12 at conviction 0 up to 0.9 at 100. */
export const heatAlpha = (value: number): number => {
  const c = Math.min(100, Math.abs(Number.isFinite(value) ? value : 0));
  return 0.12 + (0.78 * c) / 100;
};
