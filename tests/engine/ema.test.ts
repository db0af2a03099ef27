import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMA as TiEma, ATR as TiAtr } from 'technicalindicators';
import { Ema } from '../../src-main/engine/ema';
import { Atr } from '../../src-main/engine/atr';
import { rng } from './engine-fixtures';

/** A long random walk around 100 with occasional jumps. */
function series(length: number, seed: number): number[] {
  const random = rng(seed);
  const values: number[] = [];
  let v = 100;
  for (let i = 0; i < length; i++) {
    v = Math.max(0.5, v + (random() - 0.5) * 2 + (random() < 0.01 ? (random() - 0.5) * 20 : 0));
    values.push(v);
  }
  return values;
}

describe('Ema', () => {
  it.each([1, 5, 8, 9, 12, 34, 50, 72, 89])(
    'EMA(%i) equals technicalindicators EMA within 1e-9 over 20,000 random values',
    (period) => {
      const values = series(20_000, period);
      const ours = new Ema(period);
      const theirs = new TiEma({ period, values: [] });
      for (const [i, v] of values.entries()) {
        const a = ours.update(v);
        const b = theirs.nextValue(v);
        if (i < period - 1) {
          expect(a).toBeNaN();
          expect(b).toBeUndefined();
        } else {
          expect(Math.abs(a - b!)).toBeLessThan(1e-9);
        }
      }
    },
  );

  it('matches technicalindicators EMA.calculate on the batch API too (same SMA seed)', () => {
    const values = series(5_000, 7);
    const batch = TiEma.calculate({ period: 34, values });
    const ours = new Ema(34);
    const streamed = values.map((v) => ours.update(v)).filter((v) => !Number.isNaN(v));
    expect(streamed).toHaveLength(batch.length);
    streamed.forEach((v, i) => expect(Math.abs(v - batch[i]!)).toBeLessThan(1e-9));
  });

  it('is seeded with the simple average of the first n values (hand computation)', () => {
    // EMA(3): alpha = 2 / 4 = 0.5; seed = (1 + 2 + 6) / 3 = 3; then 3 + 0.5 × (5 − 3) = 4;
    // then 4 + 0.5 × (10 − 4) = 7.
    const ema = new Ema(3);
    expect(ema.alpha).toBe(0.5);
    expect(ema.update(1)).toBeNaN();
    expect(ema.ready).toBe(false);
    expect(ema.update(2)).toBeNaN();
    expect(ema.update(6)).toBe(3);
    expect(ema.ready).toBe(true);
    expect(ema.update(5)).toBe(4);
    expect(ema.update(10)).toBe(7);
    expect(ema.value).toBe(7);
  });

  it('uses alpha = 2 / (n + 1): EMA(9) of a step from 10 to 20 moves by 2/10 of the gap', () => {
    const ema = new Ema(9);
    for (let i = 0; i < 9; i++) ema.update(10);
    expect(ema.value).toBe(10);
    expect(ema.update(20)).toBeCloseTo(12, 12);
  });

  it('peek gives the value update would give, and commits nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (period, values, probe) => {
          const ema = new Ema(period);
          const untouched = new Ema(period);
          for (const v of values) {
            const before = ema.value;
            ema.peek(probe);
            ema.peek(v);
            expect(Object.is(ema.value, before)).toBe(true);
            // Same result as an EMA that was never peeked: peek left count and sum alone.
            expect(Object.is(ema.update(v), untouched.update(v))).toBe(true);
          }
          expect(Object.is(ema.peek(probe), untouched.update(probe))).toBe(true);
        },
      ),
    );
  });

  it('peek on the value that completes the seed gives the SMA; earlier it is NaN', () => {
    const ema = new Ema(3);
    expect(ema.peek(5)).toBeNaN();
    ema.update(1);
    expect(ema.peek(5)).toBeNaN();
    ema.update(2);
    expect(ema.peek(6)).toBe(3);
    expect(ema.ready).toBe(false);
  });

  it('rejects a period that is not a positive integer', () => {
    expect(() => new Ema(0)).toThrow(RangeError);
    expect(() => new Ema(2.5)).toThrow(RangeError);
  });
});

describe('Atr', () => {
  it('is Wilder ATR(14), null until 14 bars, first true range = high − low (hand computation)', () => {
    const atr = new Atr(3);
    expect(atr.update({ high: 11, low: 9, close: 10 })).toBeNull(); // TR 2
    expect(atr.update({ high: 13, low: 11, close: 12 })).toBeNull(); // TR max(2, 3, 1) = 3
    expect(atr.update({ high: 12, low: 8, close: 9 })).toBe(3); // TR max(4, 0, 4) = 4; (2+3+4)/3
    expect(atr.update({ high: 10, low: 9.5, close: 10 })).toBeCloseTo((3 * 2 + 1) / 3, 12); // TR max(0.5, 1, 0.5) = 1
    expect(new Atr().period).toBe(14);
  });

  it('equals technicalindicators ATR(14) within 1e-9 once both have the same first true range', () => {
    // technicalindicators starts true ranges at the second bar; a leading bar that closes
    // inside our first bar's range makes its first true range high − low, as ours.
    const random = rng(11);
    const bars = series(3_000, 3).map((close) => {
      const spread = 0.2 + random();
      return { high: close + spread * random(), low: close - spread * random(), close };
    });
    const lead = { high: bars[0]!.high, low: bars[0]!.low, close: (bars[0]!.high + bars[0]!.low) / 2 };
    const expected = TiAtr.calculate({
      period: 14,
      high: [lead, ...bars].map((b) => b.high),
      low: [lead, ...bars].map((b) => b.low),
      close: [lead, ...bars].map((b) => b.close),
    });
    const atr = new Atr(14);
    const ours = bars.map((b) => atr.update(b)).filter((v): v is number => v !== null);
    expect(ours).toHaveLength(expected.length);
    ours.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-9));
  });
});
