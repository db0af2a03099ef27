import { describe, expect, it } from 'vitest';
import { UniverseScanner } from '../../src-main/engine/universe-scanner';
import type { Bar } from '../../src-shared/market';
import { bar, makeConfig, ny } from './engine-fixtures';

const DATE = '2026-03-10';
const DAY = 86_400_000;

/** `count` daily bars before DATE, oldest first: close, high − low = range (centred), volume. */
function daily(ticker: string, count: number, close: number, volume: number, range = 2): Bar[] {
  return Array.from({ length: count }, (_, i) =>
    bar(ticker, '1d', ny(`${DATE} 09:30`) - (count - i) * DAY, {
      close,
      high: close + range / 2,
      low: close - range / 2,
      volume,
    }),
  );
}

function scan(history: Record<string, Bar[]>, filters: Record<string, number> = {}) {
  const config = makeConfig({ universe: { tickers: Object.keys(history), filters } });
  return new UniverseScanner(config).scan(DATE, (ticker) => history[ticker]);
}

describe('UniverseScanner', () => {
  it('keeps tickers that pass min price, min 20-day average volume and min ATR %, in the configured order', () => {
    const result = scan({
      SPY: daily('SPY', 30, 100, 2e6), // ATR 2 on 100: 2 %
      LOW: daily('LOW', 30, 4.99, 2e6, 0.2),
      THIN: daily('THIN', 30, 100, 999_999),
      FLAT: daily('FLAT', 30, 100, 2e6, 0.49), // ATR 0.49 %
      QQQ: daily('QQQ', 30, 300, 5e6, 3), // 1 %
    });
    expect(result.date).toBe(DATE);
    expect(result.tickers).toEqual(['SPY', 'QQQ']);
    expect(result.rejected).toEqual([
      { ticker: 'LOW', reason: 'price 4.99 < min 5' },
      { ticker: 'THIN', reason: '20-day avg volume 999,999 < min 1,000,000' },
      { ticker: 'FLAT', reason: 'ATR 0.49% < min 0.5%' },
    ]);
    expect(result.notes).toEqual([]);
  });

  it('names every filter a ticker fails', () => {
    const result = scan({ BAD: daily('BAD', 30, 2, 10, 0.001) });
    expect(result.rejected).toEqual([
      { ticker: 'BAD', reason: 'price 2 < min 5; 20-day avg volume 10 < min 1,000,000; ATR 0.05% < min 0.5%' },
    ]);
  });

  it('keeps tickers without enough history, with a note of what was not checked', () => {
    const result = scan({ NEW: daily('NEW', 10, 50, 5e6), NONE: [], IPO: daily('IPO', 15, 50, 5e6) });
    expect(result.tickers).toEqual(['NEW', 'NONE', 'IPO']);
    expect(result.notes).toEqual([
      { ticker: 'NEW', note: 'kept without enough daily history (10 bars): average volume, ATR % not checked' },
      { ticker: 'NONE', note: 'kept without enough daily history (0 bars): price, average volume, ATR % not checked' },
      { ticker: 'IPO', note: 'kept without enough daily history (15 bars): average volume not checked' },
    ]);
    // A filter that can be checked still applies.
    expect(scan({ PENNY: daily('PENNY', 3, 1, 5e6) }).rejected).toEqual([
      { ticker: 'PENNY', reason: 'price 1 < min 5' },
    ]);
  });

  it('averages the volume of the last 20 daily bars', () => {
    const rising = [...daily('UP', 40, 100, 1)].map((b, i) => ({ ...b, volume: i < 20 ? 1 : 2e6 }));
    const falling = [...daily('DOWN', 40, 100, 1)].map((b, i) => ({ ...b, volume: i < 20 ? 2e6 : 1 }));
    expect(scan({ UP: rising, DOWN: falling }).tickers).toEqual(['UP']);
    // 19 bars at 2,000,000 and one at 999,980: mean 1,949,999 (passes 1,949,999, fails 1,950,000).
    const edge = daily('EDGE', 20, 100, 2e6).map((b, i) => (i === 0 ? { ...b, volume: 1e6 - 20 } : b));
    expect(scan({ EDGE: edge }, { minAvgVolume: 1_949_999 }).tickers).toEqual(['EDGE']);
    expect(scan({ EDGE: edge }, { minAvgVolume: 1_950_000 }).tickers).toEqual([]);
  });

  it('computes ATR % as Wilder ATR(14) of the daily bars over the last close × 100', () => {
    // Every bar spans 99–101 around a close of 100: true range 2, ATR 2, ATR % = 2.
    expect(scan({ SPY: daily('SPY', 20, 100, 2e6) }, { minAtrPct: 2 }).tickers).toEqual(['SPY']);
    expect(scan({ SPY: daily('SPY', 20, 100, 2e6) }, { minAtrPct: 2.01 }).rejected).toEqual([
      { ticker: 'SPY', reason: 'ATR 2% < min 2.01%' },
    ]);
  });

  it('uses only sessions before the scan date', () => {
    const history = [...daily('SPY', 30, 100, 2e6), bar('SPY', '1d', ny(`${DATE} 09:30`), { close: 1, volume: 0 })];
    expect(scan({ SPY: history }).tickers).toEqual(['SPY']);
  });
});
