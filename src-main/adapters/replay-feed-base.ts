/**
 * The delivery machinery shared by the simulated feeds (ReplayFeed, SyntheticFeed): a timer
 * polls the injected clock and the feed hands every bar that is due to the connected handler.
 */
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Clock, FeedHandler, MarketDataFeed } from '../engine/ports';

/** The timer functions a feed polls with (injectable for tests). */
export interface FeedTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const globalTimers: FeedTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Hands a bar to the handler; false once the feed has been disconnected or reconnected. */
export type Emit = (bar: Bar) => boolean;

/**
 * A simulated feed that polls: `connect` reports 'connected' and starts a timer that calls
 * `pump()` every `pollMs` real ms; subclasses say which bars are due at `clock.now()`.
 */
export abstract class PollingFeed implements MarketDataFeed {
  abstract readonly name: string;
  readonly simulated = true;
  private readonly pollMs: number;
  private readonly timers: FeedTimers;
  private handler: FeedHandler | null = null;
  private timer: unknown = null;
  /** Bumped on every connect/disconnect so a pump notices when a handler changed the connection. */
  private connection = 0;

  protected constructor(
    protected readonly clock: Clock,
    pollMs = 100,
    timers: FeedTimers = globalTimers,
  ) {
    if (!(pollMs > 0)) throw new RangeError(`pollMs must be positive, got ${pollMs}`);
    this.pollMs = pollMs;
    this.timers = timers;
  }

  abstract history(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[];

  /** Called by `connect` before polling starts, with the new subscription. */
  protected abstract subscribe(tickers: readonly string[]): void;

  /** Hands every bar due at `now` to `emit`, in order, stopping when `emit` returns false. */
  protected abstract deliverDue(now: number, emit: Emit): void;

  /**
   * Reports 'connected', then delivers the due bars of `tickers` on every poll. A second
   * connect first disconnects the previous handler.
   */
  connect(tickers: readonly string[], handler: FeedHandler): void {
    this.disconnect();
    this.connection += 1;
    this.handler = handler;
    this.subscribe([...new Set(tickers)]);
    this.timer = this.timers.setInterval(() => this.poll(), this.pollMs);
    handler.onStatus('connected');
    this.connected();
  }

  /** Called at the end of `connect`, after 'connected' was reported. */
  protected connected(): void {}

  /** Stops polling and reports 'disconnected'; does nothing when not connected. */
  disconnect(): void {
    const handler = this.handler;
    if (!handler) return;
    this.timers.clearInterval(this.timer);
    this.timer = null;
    this.handler = null;
    this.connection += 1;
    handler.onStatus('disconnected');
  }

  /** Delivers every bar that is due at `clock.now()`, in time order; returns how many. */
  pump(): number {
    const handler = this.handler;
    if (!handler) return 0;
    const connection = this.connection;
    let delivered = 0;
    this.deliverDue(this.clock.now(), (bar) => {
      if (this.connection !== connection) return false;
      delivered += 1;
      try {
        handler.onBar(bar);
      } catch {
        // A failing consumer must not stop the market: the bar counts as delivered and the
        // feed goes on; reporting the failure is the consumer's job.
      }
      return this.connection === connection;
    });
    return delivered;
  }

  private poll(): void {
    try {
      this.pump();
    } catch {
      // Nothing may escape a timer callback; the next poll tries again.
    }
  }
}
