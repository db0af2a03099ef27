import type { DataFeedStatus } from '../../src-shared/bot-state';
import type { Bar } from '../../src-shared/market';
import type { FeedHandler } from '../../src-main/engine/ports';

/** A FeedHandler that records everything and lets a test await a condition on it. */
export class FeedRecorder implements FeedHandler {
  readonly bars: Bar[] = [];
  readonly statuses: { status: DataFeedStatus; detail?: string }[] = [];
  readonly errors: { message: string; fatal: boolean }[] = [];
  private readonly waiters = new Set<{ predicate: () => boolean; resolve: () => void }>();

  onBar(bar: Bar): void {
    this.bars.push(bar);
    this.changed();
  }

  onStatus(status: DataFeedStatus, detail?: string): void {
    this.statuses.push(detail === undefined ? { status } : { status, detail });
    this.changed();
  }

  onError(message: string, fatal: boolean): void {
    this.errors.push({ message, fatal });
    this.changed();
  }

  get status(): DataFeedStatus | undefined {
    return this.statuses.at(-1)?.status;
  }

  /** Every status detail and error message, for checks that no secret leaks. */
  get texts(): string[] {
    return [...this.statuses.map((s) => s.detail ?? ''), ...this.errors.map((e) => e.message)];
  }

  /** Resolves once `predicate` holds, re-checked whenever something is recorded. */
  waitFor(predicate: () => boolean): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ predicate, resolve }));
  }

  /** Resolves once the `n`-th (1-based) status equal to `status` has been recorded. */
  waitForStatus(status: DataFeedStatus, n = 1): Promise<void> {
    return this.waitFor(() => this.statuses.filter((s) => s.status === status).length >= n);
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
