import { describe, expect, it } from 'vitest';
import type { EntryContext, EntryDecision } from '../../src-main/engine/executor-common';
import type { OptionScalpRoute } from '../../src-main/engine/instrument-router';
import { OptionsScalper, type OptionsScalperOptions } from '../../src-main/engine/options-scalper';
import { YEAR_MS, priceOption } from '../../src-shared/option-pricing';
import { FakeCloudView } from '../helpers/strategy-cloud-view';
import { entryOf, idCounter, makeConfig, makeSignal, ny } from '../helpers/strategy-fixtures';

const callRoute: OptionScalpRoute = { kind: 'option_scalp', underlying: 'SPY', timeframe: '1m', right: 'call' };
const putRoute: OptionScalpRoute = { ...callRoute, right: 'put' };
// Between strikes, with 2 h to a 0DTE expiry: 600.40 has a strike inside 0.30–0.50 delta.
const SPOT = 600.4;

function plan(
  route: OptionScalpRoute,
  ctx: Partial<EntryContext> = {},
  options: Partial<OptionsScalperOptions> = {},
): EntryDecision {
  return new OptionsScalper({ nextId: idCounter(), ...options }).plan(route, {
    signal: makeSignal({ ticker: 'SPY', timeframe: '1m', price: SPOT }),
    size: 'full',
    equity: 100_000,
    now: ny('2026-11-24 10:30'),
    view: new FakeCloudView({ 'SPY 1m': { fast: [600.2, 600] } }),
    config: makeConfig(),
    ...ctx,
  });
}

/** The model quote of the planned contract, recomputed independently from its terms. */
function quoteOf(decision: EntryDecision, now: number) {
  const { option } = entryOf(decision).plan;
  return priceOption({
    right: option!.right,
    spot: SPOT,
    strike: option!.strike,
    years: (option!.expiry - now) / YEAR_MS,
    iv: 0.2,
    rate: 0.045,
  });
}

describe('OptionsScalper: expiry', () => {
  it('buys 0DTE at 13:59 ET, expiring at 16:00 ET today', () => {
    const { plan: p } = entryOf(plan(callRoute, { now: ny('2026-11-24 13:59') }));
    expect(p.option!.expiry).toBe(ny('2026-11-24 16:00'));
    expect(p.symbol).toMatch(/^SPY261124C\d{8}$/);
  });

  it('buys 1DTE from 14:00 ET, expiring at 16:00 ET on the next trading date', () => {
    const { plan: p } = entryOf(plan(callRoute, { now: ny('2026-11-24 14:00') }));
    expect(p.option!.expiry).toBe(ny('2026-11-25 16:00'));
    expect(p.symbol).toMatch(/^SPY261125C\d{8}$/);
  });

  it('skips the holiday for 1DTE and expires at the half-day close', () => {
    // 2026-11-26 is Thanksgiving; 2026-11-27 closes at 13:00.
    const { plan: p } = entryOf(plan(callRoute, { now: ny('2026-11-25 14:30') }));
    expect(p.option!.expiry).toBe(ny('2026-11-27 13:00'));
  });

  it('reads the cutoff from options.zeroDteCutoff', () => {
    const config = makeConfig({ options: { zeroDteCutoff: '11:00' } });
    const { plan: p } = entryOf(plan(callRoute, { now: ny('2026-11-24 11:00'), config }));
    expect(p.option!.expiry).toBe(ny('2026-11-25 16:00'));
  });
});

describe('OptionsScalper: strike', () => {
  it.each([
    ['call', callRoute, '2026-11-24 10:30'],
    ['put', putRoute, '2026-11-24 10:30'],
    ['1DTE call', callRoute, '2026-11-24 14:30'],
  ] as const)('takes the %s strike whose |delta| is nearest 0.40 within 0.30–0.50', (_label, route, time) => {
    const now = ny(time);
    const decision = plan(route, { now });
    const strike = entryOf(decision).plan.option!.strike;
    const delta = Math.abs(quoteOf(decision, now).delta);
    expect(delta).toBeGreaterThanOrEqual(0.3);
    expect(delta).toBeLessThanOrEqual(0.5);
    const { option } = entryOf(decision).plan;
    for (const neighbour of [strike - 1, strike + 1]) {
      const other = priceOption({
        right: route.right,
        spot: SPOT,
        strike: neighbour,
        years: (option!.expiry - now) / YEAR_MS,
        iv: 0.2,
        rate: 0.045,
      });
      expect(Math.abs(Math.abs(other.delta) - 0.4)).toBeGreaterThanOrEqual(Math.abs(delta - 0.4));
    }
    // Out of the money: calls above the spot, puts below.
    expect(route.right === 'call' ? strike > SPOT : strike < SPOT).toBe(true);
  });

  it('uses the configured strike increment per underlying', () => {
    const now = ny('2026-11-24 14:30');
    expect(entryOf(plan(callRoute, { now })).plan.option!.strike).toBe(602);
    const { plan: p } = entryOf(plan(callRoute, { now }, { strikeIncrements: { SPY: 2.5 } }));
    expect(p.option!.strike).toBe(602.5);
    expect(p.symbol).toBe('SPY261125C00602500');
  });

  it('refuses when no strike lies in the delta band', () => {
    // At 5 % IV, 2 h before a 0DTE expiry, the deltas are steep: 600 ≈ 0.87, 601 ≈ 0.14.
    const decision = plan(callRoute, {
      now: ny('2026-11-24 13:59'),
      signal: makeSignal({ ticker: 'SPY', price: 600.5 }),
      config: makeConfig({ options: { impliedVolatility: 0.05 } }),
    });
    expect(decision).toEqual({ ok: false, reason: 'no SPY call strike with delta in [0.3, 0.5]' });
  });
});

describe('OptionsScalper: contracts', () => {
  const now = ny('2026-11-24 10:30');

  it('sizes contracts = floor(risk budget / (premium × 100 × stop %))', () => {
    const decision = plan(callRoute, { now });
    const premium = quoteOf(decision, now).price;
    expect(entryOf(decision).order.quantity).toBe(Math.floor(1_000 / (premium * 100 * 0.25)));
    expect(entryOf(decision).order.quantity).toBeGreaterThan(1);
  });

  it('halves the contracts on half size', () => {
    const full = entryOf(plan(callRoute, { now })).order.quantity;
    expect(entryOf(plan(callRoute, { now, size: 'half' })).order.quantity).toBe(Math.floor(full / 2));
  });

  it('buys at least one contract when the budget is short but one fits the position cap', () => {
    const decision = plan(callRoute, { now, equity: 1_500 });
    const premium = quoteOf(decision, now).price;
    expect(15 / (premium * 25)).toBeLessThan(1); // the budget alone buys none
    expect(entryOf(decision).order.quantity).toBe(1);
  });

  it('refuses when one contract exceeds maxPositionPct of equity', () => {
    expect(plan(callRoute, { now, equity: 100 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('exceeds the position cap'),
    });
  });
});

describe('OptionsScalper: plan and order', () => {
  it('opens a long-premium options_scalp on the OCC symbol with the exit percentages', () => {
    const now = ny('2026-11-24 10:30');
    const decision = plan(putRoute, { now });
    const { plan: p, order } = entryOf(decision);
    const premium = quoteOf(decision, now).price;
    const strike = p.option!.strike;
    const symbol = `SPY261124P${String(strike * 1000).padStart(8, '0')}`;
    expect(p).toMatchObject({
      id: 'pos-1',
      ticker: 'SPY',
      symbol,
      instrumentType: 'option',
      tradeType: 'options_scalp',
      direction: 'long',
      underlying: 'SPY',
      timeframe: '1m',
      cloudAligned: false, // a put against a bullish fast cloud
      option: { underlying: 'SPY', right: 'put', strike, expiry: ny('2026-11-24 16:00'), targetPct: 30, stopPct: 25 },
    });
    expect(p.stopPrice).toBeCloseTo(premium * 0.75, 2);
    expect(p.targetPrice).toBeCloseTo(premium * 1.3, 2);
    expect(order).toMatchObject({ clientOrderId: 'ord-2', symbol, side: 'buy', type: 'market', purpose: 'entry' });
    expect(order.option).toEqual({ underlying: 'SPY', right: 'put', strike, expiry: ny('2026-11-24 16:00') });
  });

  it('opens scalps until 15:45 ET and not from then on', () => {
    expect(plan(callRoute, { now: ny('2026-11-24 15:44') }).ok).toBe(true);
    expect(plan(callRoute, { now: ny('2026-11-24 15:45') })).toMatchObject({ ok: false });
  });
});
