/** Timer functions, injected so tests drive time by hand. */
export interface TimerApi {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: TimerApi = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Coalesces pushes to at most one per `windowMs` on the leading edge: the first change after
 * a quiet window goes out at once; later changes within the window merge into one push sent
 * when the window ends. `flush` sends a pending push now (used by commands, whose replies are
 * never delayed).
 */
export class PushThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending = false;
  private timer: unknown = null;

  constructor(
    private readonly send: () => void,
    private readonly windowMs = 250,
    private readonly timers: TimerApi = realTimers,
  ) {}

  /** Marks the state changed. */
  notify(): void {
    const now = this.timers.now();
    if (this.timer === null && now - this.lastSentAt >= this.windowMs) {
      this.emit(now);
      this.timer = this.timers.setTimeout(() => this.endWindow(), this.windowMs);
      return;
    }
    this.pending = true;
    if (this.timer === null) {
      this.timer = this.timers.setTimeout(() => this.endWindow(), this.windowMs - (now - this.lastSentAt));
    }
  }

  /** Sends any merged change immediately. */
  flush(): void {
    if (!this.pending) return;
    this.emit(this.timers.now());
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = false;
  }

  private endWindow(): void {
    this.timer = null;
    if (!this.pending) return;
    this.emit(this.timers.now());
    this.timer = this.timers.setTimeout(() => this.endWindow(), this.windowMs);
  }

  private emit(now: number): void {
    this.pending = false;
    this.lastSentAt = now;
    this.send();
  }
}
