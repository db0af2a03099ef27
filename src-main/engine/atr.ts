import type { Bar } from '../../src-shared/market';

export type AtrSource = Pick<Bar, 'high' | 'low' | 'close'>;

/**
 * Wilder's average true range. True range = max(high − low, |high − previous close|,
 * |low − previous close|); the first bar has no previous close, so its true range is high − low.
 * Seeded with the simple average of the first `period` true ranges (null before), then
 * ATR = (ATR × (period − 1) + TR) / period. O(1) per bar.
 *
 * The state is ATR_STRIDE doubles in a Float64Array (value, seed sum, count, previous close), so
 * MarketState keeps it next to the rest of a series' numbers; the `Atr` class wraps one slot.
 */
export const ATR_STRIDE = 4;
const VALUE = 0;
const SUM = 1;
const COUNT = 2;
const PREV_CLOSE = 3;

/** Resets the ATR stored at `s[o … o + ATR_STRIDE)`. */
export function atrInit(s: Float64Array, o: number, period: number): void {
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError(`ATR period must be a positive integer, got ${period}`);
  s[o + VALUE] = Number.NaN;
  s[o + SUM] = 0;
  s[o + COUNT] = 0;
  s[o + PREV_CLOSE] = Number.NaN;
}

/** Commits a closed bar to the ATR at `o`; returns the ATR, NaN while seeding. */
export function atrUpdate(
  s: Float64Array,
  o: number,
  period: number,
  high: number,
  low: number,
  close: number,
): number {
  const range = high - low;
  const pc = s[o + PREV_CLOSE]!;
  const tr = Number.isNaN(pc) ? range : Math.max(range, Math.abs(high - pc), Math.abs(low - pc));
  s[o + PREV_CLOSE] = close;
  const count = s[o + COUNT]!;
  if (count >= period) {
    s[o + VALUE] = (s[o + VALUE]! * (period - 1) + tr) / period;
  } else {
    const sum = s[o + SUM]! + tr;
    s[o + SUM] = sum;
    s[o + COUNT] = count + 1;
    if (count + 1 === period) s[o + VALUE] = sum / period;
  }
  return s[o + VALUE]!;
}

export class Atr {
  readonly period: number;
  private readonly s = new Float64Array(ATR_STRIDE);

  constructor(period = 14) {
    atrInit(this.s, 0, period);
    this.period = period;
  }

  /** Null until `period` bars are in. */
  get value(): number | null {
    const v = this.s[VALUE]!;
    return Number.isNaN(v) ? null : v;
  }

  get ready(): boolean {
    return this.value !== null;
  }

  /** Commits a closed bar and returns the ATR (null while seeding). */
  update(bar: AtrSource): number | null {
    const v = atrUpdate(this.s, 0, this.period, bar.high, bar.low, bar.close);
    return Number.isNaN(v) ? null : v;
  }
}
