import { TZDate } from '@date-fns/tz';
import { SeededRandom } from '../../src-main/adapters/seeded-random';
import { BotConfigSchema, type BotConfig } from '../../src-shared/config-schema';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { CloudState, CloudStates } from '../../src-shared/signals';

export const MINUTE = 60_000;

/** Epoch ms of New York wall-clock 'YYYY-MM-DD HH:MM'. */
export function ny(dateTime: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(dateTime);
  if (!match) throw new Error(`bad NY time '${dateTime}'`);
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, 'America/New_York').getTime();
}

/** Default config with sections patched (the schema fills in the rest). */
export function makeConfig(patch: Record<string, unknown> = {}): BotConfig {
  return BotConfigSchema.parse(patch);
}

/** Deterministic uniform [0, 1) generator (the adapters' mulberry32 stream). */
export function rng(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** A bar; high/low default to the max/min of open and close. */
export function bar(
  ticker: string,
  timeframe: Timeframe,
  time: number,
  ohlcv: { open?: number; high?: number; low?: number; close: number; volume?: number },
): Bar {
  const open = ohlcv.open ?? ohlcv.close;
  return {
    ticker,
    timeframe,
    time,
    open,
    high: ohlcv.high ?? Math.max(open, ohlcv.close),
    low: ohlcv.low ?? Math.min(open, ohlcv.close),
    close: ohlcv.close,
    volume: ohlcv.volume ?? 1000,
  };
}

/**
 * One 1m bar per minute from `from` (inclusive) to `to` (exclusive), NY wall clock on `date`,
 * with a seeded random walk; minute k (from 0) has volume 100 + k so sums are easy to check.
 */
export function minutes(ticker: string, date: string, from: string, to: string, seed = 1, start = 100): Bar[] {
  const random = rng(seed);
  const bars: Bar[] = [];
  let price = start;
  for (let t = ny(`${date} ${from}`), k = 0; t < ny(`${date} ${to}`); t += MINUTE, k++) {
    const open = price;
    price = Math.max(1, price + (random() - 0.5));
    const high = Math.max(open, price) + random() * 0.2;
    const low = Math.min(open, price) - random() * 0.2;
    bars.push({ ticker, timeframe: '1m', time: t, open, high, low, close: price, volume: 100 + k });
  }
  return bars;
}

/** The bar those 1m bars make: first open, max high, min low, last close, summed volume. */
export function merge(timeframe: Timeframe, time: number, parts: readonly Bar[]): Bar {
  if (parts.length === 0) throw new Error('nothing to merge');
  return {
    ticker: parts[0]!.ticker,
    timeframe,
    time,
    open: parts[0]!.open,
    high: Math.max(...parts.map((p) => p.high)),
    low: Math.min(...parts.map((p) => p.low)),
    close: parts.at(-1)!.close,
    volume: parts.reduce((sum, p) => sum + p.volume, 0),
  };
}

/** A cloud from its two EMAs; bullish when short ≥ long. */
export function cloud(short: number, long: number): CloudState {
  return { short, long, bullish: short >= long };
}

/** Cloud states; clouds not given are null. */
export function clouds(given: Partial<CloudStates>): CloudStates {
  return { fast: null, pullback: null, trend: null, macro: null, ...given };
}
