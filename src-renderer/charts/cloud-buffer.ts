import type { CloudPoint } from '../../src-shared/chart-data';
import { CLOUD_NAMES } from '../../src-shared/signals';

/** The four clouds, in CLOUD_NAMES order: fast, pullback, trend, macro. */
export const CLOUD_COUNT = CLOUD_NAMES.length;

/**
 * The EMA pairs of the four clouds, one slot per bar (the same index as the candle series),
 * in growable Float64Arrays: NaN where a cloud is not seeded. Appending or replacing the last
 * bar is O(1) amortised and allocates nothing, so a live update never copies history.
 */
export class CloudBuffer {
  /** short[c][i], long[c][i] for cloud c (CLOUD_NAMES order) at bar i. */
  short: Float64Array[] = [];
  long: Float64Array[] = [];
  length = 0;
  /** Bumped on every change; caches key on it. */
  version = 0;

  constructor(capacity = 0) {
    this.allocate(Math.max(16, capacity));
  }

  /** Replaces everything with `points` (one per bar). */
  reset(points: readonly (CloudPoint | null)[]): void {
    if (points.length > this.capacity) this.allocate(points.length + (points.length >> 3));
    this.length = points.length;
    for (let i = 0; i < points.length; i++) this.write(i, points[i] ?? null);
    this.version++;
  }

  /** Writes bar `index`: an existing one, or `length` to append. */
  set(index: number, point: CloudPoint | null): void {
    if (index < 0 || index > this.length) throw new RangeError(`cloud index ${index} outside 0…${this.length}`);
    if (index === this.length) {
      if (index >= this.capacity) this.grow(this.capacity * 2);
      this.length++;
    }
    this.write(index, point);
    this.version++;
  }

  /** Lowest and highest EMA value over bars `from…to` (inclusive), or null if none is seeded. */
  range(from: number, to: number): { min: number; max: number } | null {
    let min = Infinity;
    let max = -Infinity;
    const last = Math.min(to, this.length - 1);
    for (let c = 0; c < CLOUD_COUNT; c++) {
      const s = this.short[c]!;
      const l = this.long[c]!;
      for (let i = Math.max(0, from); i <= last; i++) {
        const a = s[i]!;
        const b = l[i]!;
        // NaN fails every comparison, so unseeded slots drop out by themselves.
        if (a < min) min = a;
        if (a > max) max = a;
        if (b < min) min = b;
        if (b > max) max = b;
      }
    }
    return min <= max ? { min, max } : null;
  }

  private get capacity(): number {
    return this.short[0]?.length ?? 0;
  }

  private write(i: number, point: CloudPoint | null): void {
    for (let c = 0; c < CLOUD_COUNT; c++) {
      const pair = point?.clouds[CLOUD_NAMES[c]!] ?? null;
      this.short[c]![i] = pair ? pair.short : NaN;
      this.long[c]![i] = pair ? pair.long : NaN;
    }
  }

  private allocate(capacity: number): void {
    this.short = CLOUD_NAMES.map(() => new Float64Array(capacity).fill(NaN));
    this.long = CLOUD_NAMES.map(() => new Float64Array(capacity).fill(NaN));
  }

  private grow(capacity: number): void {
    const copy = (old: Float64Array) => {
      const next = new Float64Array(capacity).fill(NaN);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.short = this.short.map(copy);
    this.long = this.long.map(copy);
  }
}
