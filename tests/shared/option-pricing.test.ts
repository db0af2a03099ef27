import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalCdf, occSymbol, priceOption, strikeForDelta } from '../../src-shared/option-pricing';

describe('option pricing', () => {
  it('computes the normal CDF to double precision at known points', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    expect(normalCdf(-8)).toBeCloseTo(6.22096057427178e-16, 20);
  });

  it('prices the textbook case (Hull: S=42, K=40, r=10 %, σ=20 %, T=0.5)', () => {
    const base = { spot: 42, strike: 40, years: 0.5, iv: 0.2, rate: 0.1 };
    expect(priceOption({ ...base, right: 'call' }).price).toBeCloseTo(4.759422, 5);
    expect(priceOption({ ...base, right: 'put' }).price).toBeCloseTo(0.808599, 5);
  });

  it('satisfies put–call parity and delta bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.double({ min: 1 / 365 / 24, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        (spot, moneyness, years, iv) => {
          const base = { spot, strike: spot * moneyness, years, iv, rate: 0.045 };
          const call = priceOption({ ...base, right: 'call' });
          const put = priceOption({ ...base, right: 'put' });
          const parity = spot - base.strike * Math.exp(-0.045 * years);
          expect(call.price - put.price).toBeCloseTo(parity, 6);
          expect(call.delta).toBeGreaterThanOrEqual(0);
          expect(call.delta).toBeLessThanOrEqual(1);
          expect(put.delta).toBeCloseTo(call.delta - 1, 12);
          expect(call.gamma).toBeCloseTo(put.gamma, 12);
        },
      ),
    );
  });

  it('is worth its intrinsic value at expiry', () => {
    expect(priceOption({ right: 'call', spot: 105, strike: 100, years: 0, iv: 0.2, rate: 0.05 })).toEqual({
      price: 5,
      delta: 1,
      gamma: 0,
      theta: 0,
      vega: 0,
    });
    expect(priceOption({ right: 'put', spot: 105, strike: 100, years: 0, iv: 0.2, rate: 0.05 }).price).toBe(0);
  });

  it('picks the strike nearest the target delta within the allowed band', () => {
    const base = { right: 'call' as const, spot: 600, years: 4 / 24 / 365, iv: 0.2, rate: 0.045 };
    const strike = strikeForDelta(base, 0.4, 0.3, 0.5)!;
    const delta = priceOption({ ...base, strike }).delta;
    expect(delta).toBeGreaterThanOrEqual(0.3);
    expect(delta).toBeLessThanOrEqual(0.5);
    for (const k of [strike - 1, strike + 1]) {
      expect(Math.abs(priceOption({ ...base, strike: k }).delta - 0.4)).toBeGreaterThanOrEqual(Math.abs(delta - 0.4));
    }
    const put = strikeForDelta({ ...base, right: 'put' }, 0.4, 0.3, 0.5)!;
    expect(put).toBeLessThan(600);
  });

  it('writes OCC symbols', () => {
    expect(occSymbol('SPY', '2026-11-24', 'call', 600)).toBe('SPY261124C00600000');
    expect(occSymbol('QQQ', '2026-11-25', 'put', 512.5)).toBe('QQQ261125P00512500');
  });
});
