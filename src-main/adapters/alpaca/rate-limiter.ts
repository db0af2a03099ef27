/** Which budget a request draws on: ordinary work, or the kill path (cancels, position-reducing orders). */
export type RequestLane = 'normal' | 'kill';

/** Time and timers of the limiter; injectable so tests drive it by hand. */
export interface LimiterTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The rate budget. */
export interface RateLimitOptions {
  /** Requests the API allows per window (Alpaca: 200 a minute per account). */
  requestsPerMinute?: number;
  /** Share of the budget ordinary requests may use; the rest is kept for the kill path. */
  normalShare?: number;
  /** Window length, ms (default one minute). */
  windowMs?: number;
  timers?: LimiterTimers;
}

const systemTimers: LimiterTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Waiter {
  lane: RequestLane;
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A sliding-window limiter with a reserved share. Every request sent counts in the window,
 * whatever its lane; ordinary requests are granted only while the window holds fewer than
 * `normalShare × requestsPerMinute`, kill-path requests while it holds fewer than the whole
 * budget. Waiters are served first-in first-out per lane, the kill lane before the ordinary
 * one, so a kill never queues behind entries and always finds headroom.
 */
export class RateLimiter {
  readonly budget: number;
  readonly normalBudget: number;
  private readonly windowMs: number;
  private readonly timers: LimiterTimers;
  /** Grant times still inside the window, oldest first. */
  private readonly granted: number[] = [];
  private readonly waiting: Waiter[] = [];
  private timer: unknown = null;

  constructor(opts: RateLimitOptions = {}) {
    const perMinute = opts.requestsPerMinute ?? 200;
    const share = opts.normalShare ?? 0.8;
    if (!(Number.isInteger(perMinute) && perMinute > 0))
      throw new RangeError('requestsPerMinute must be a positive integer');
    if (!(share > 0 && share <= 1)) throw new RangeError('normalShare must be in (0, 1]');
    this.budget = perMinute;
    this.normalBudget = Math.max(1, Math.floor(perMinute * share));
    this.windowMs = opts.windowMs ?? 60_000;
    this.timers = opts.timers ?? systemTimers;
  }

  /** Requests counted in the current window. */
  inWindow(): number {
    this.expire();
    return this.granted.length;
  }

  /** Resolves when the request may go out (and counts it); rejects if `signal` aborts first. */
  acquire(lane: RequestLane, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { lane, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
      this.pump();
    });
  }

  private capOf(lane: RequestLane): number {
    return lane === 'kill' ? this.budget : this.normalBudget;
  }

  private expire(): void {
    const cutoff = this.timers.now() - this.windowMs;
    while (this.granted.length > 0 && this.granted[0]! <= cutoff) this.granted.shift();
  }

  private pump(): void {
    this.expire();
    for (const lane of ['kill', 'normal'] as const) {
      for (;;) {
        const i = this.waiting.findIndex((w) => w.lane === lane);
        if (i < 0 || this.granted.length >= this.capOf(lane)) break;
        const [w] = this.waiting.splice(i, 1);
        this.granted.push(this.timers.now());
        if (w!.onAbort) w!.signal!.removeEventListener('abort', w!.onAbort);
        w!.resolve();
      }
    }
    this.schedule();
  }

  /** Wakes up when the oldest grant that blocks a waiter leaves the window. */
  private schedule(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    let wake = Infinity;
    for (const lane of new Set(this.waiting.map((w) => w.lane))) {
      // The window must shrink below the lane's cap: grant number (length − cap) has to expire.
      const blocking = this.granted[this.granted.length - this.capOf(lane)];
      if (blocking !== undefined) wake = Math.min(wake, blocking + this.windowMs);
    }
    if (wake === Infinity) return;
    const delay = Math.max(0, wake - this.timers.now()) + 1;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.pump();
    }, delay);
  }
}
