/**
 * Exponential moving average exactly as DESIGN §2: `alpha = 2 / (n + 1)`, seeded with the simple
 * average of the first n values (as TradingView `ta.ema` and technicalindicators do), NaN before
 * that. O(1) per value, no allocation.
 *
 * The state of one EMA is EMA_STRIDE doubles in a Float64Array (value, seed sum, count, alpha), so
 * the many EMAs of the engine sit side by side in memory: CloudSet keeps its eight in one array
 * and steps them with `emaUpdate`/`emaPeek`; the `Ema` class wraps one such slot.
 */
export const EMA_STRIDE = 4;
const VALUE = 0;
const SUM = 1;
const COUNT = 2;
const ALPHA = 3;

function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError(`EMA period must be a positive integer, got ${period}`);
}

/** Resets the EMA of `period` stored at `s[o … o + EMA_STRIDE)`. */
export function emaInit(s: Float64Array, o: number, period: number): void {
  checkPeriod(period);
  s[o + VALUE] = Number.NaN;
  s[o + SUM] = 0;
  s[o + COUNT] = 0;
  s[o + ALPHA] = 2 / (period + 1);
}

/**
 * One step of the recurrence of a seeded EMA at `o`: commits `x`, returns the new value. Only
 * for an EMA past its seed (emaUpdate checks).
 */
export function emaStep(s: Float64Array, o: number, x: number): number {
  const prev = s[o + VALUE]!;
  // Same operation order as technicalindicators, so both agree to the last bit.
  const value = (x - prev) * s[o + ALPHA]! + prev;
  s[o + VALUE] = value;
  return value;
}

/** Commits `x` as the next closed value of the EMA at `o`; returns the EMA (NaN while seeding). */
export function emaUpdate(s: Float64Array, o: number, period: number, x: number): number {
  const count = s[o + COUNT]!;
  if (count >= period) return emaStep(s, o, x);
  const sum = s[o + SUM]! + x;
  s[o + SUM] = sum;
  s[o + COUNT] = count + 1;
  if (count + 1 === period) s[o + VALUE] = sum / period;
  return s[o + VALUE]!;
}

/** What the EMA at `o` would be if `x` closed the current bar now; commits nothing. */
export function emaPeek(s: Float64Array, o: number, period: number, x: number): number {
  const count = s[o + COUNT]!;
  if (count >= period) {
    const prev = s[o + VALUE]!;
    return (x - prev) * s[o + ALPHA]! + prev;
  }
  return count + 1 === period ? (s[o + SUM]! + x) / period : Number.NaN;
}

export class Ema {
  readonly period: number;
  readonly alpha: number;
  private readonly s = new Float64Array(EMA_STRIDE);

  constructor(period: number) {
    emaInit(this.s, 0, period);
    this.period = period;
    this.alpha = this.s[ALPHA]!;
  }

  /** NaN until `period` values are in. */
  get value(): number {
    return this.s[VALUE]!;
  }

  get ready(): boolean {
    return this.s[COUNT]! >= this.period;
  }

  /** Commits `x` as the next closed value and returns the EMA (NaN while seeding). */
  update(x: number): number {
    return emaUpdate(this.s, 0, this.period, x);
  }

  /** What the EMA would be if `x` closed the current bar now; commits nothing (provisional values). */
  peek(x: number): number {
    return emaPeek(this.s, 0, this.period, x);
  }

  reset(): void {
    emaInit(this.s, 0, this.period);
  }
}
