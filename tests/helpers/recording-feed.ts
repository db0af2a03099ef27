import type { DataFeedStatus } from '../../src-shared/bot-state';
import type { Bar } from '../../src-shared/market';
import type { FeedHandler, MarketDataFeed } from '../../src-main/engine/ports';

/** A feed the test drives by hand; it records connects and disconnects. */
export class RecordingFeed implements MarketDataFeed {
  readonly name = 'Recording feed';
  readonly simulated = true;
  readonly connects: string[][] = [];
  disconnects = 0;
  private handler: FeedHandler | null = null;

  connect(tickers: readonly string[], handler: FeedHandler): void {
    this.connects.push([...tickers]);
    this.handler = handler;
    handler.onStatus('connected');
  }

  disconnect(): void {
    this.disconnects += 1;
    this.handler = null;
  }

  get connected(): boolean {
    return this.handler !== null;
  }

  /** Delivers a bar as the real feeds do; throws when nothing is connected. */
  bar(bar: Bar): void {
    if (!this.handler) throw new Error('the feed is not connected');
    this.handler.onBar(bar);
  }

  status(status: DataFeedStatus, detail?: string): void {
    if (!this.handler) throw new Error('the feed is not connected');
    this.handler.onStatus(status, detail);
  }

  /** Reports a feed error as a network feed does (fatal: it gave up). */
  error(message: string, fatal: boolean): void {
    if (!this.handler) throw new Error('the feed is not connected');
    this.handler.onError?.(message, fatal);
  }
}

/** A 1-minute bar with sensible defaults. */
export function makeBar(overrides: Partial<Bar> = {}): Bar {
  const close = overrides.close ?? 100;
  return {
    ticker: 'SPY',
    timeframe: '1m',
    time: Date.UTC(2026, 10, 24, 14, 30),
    open: close,
    high: close + 0.5,
    low: close - 0.5,
    close,
    volume: 10_000,
    ...overrides,
  };
}
