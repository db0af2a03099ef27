import { describe, expect, it } from 'vitest';
import { EtfScalper } from '../../src-main/engine/etf-scalper';
import type { EntryContext, EntryDecision } from '../../src-main/engine/executor-common';
import { routeSignal, type EtfScalpRoute } from '../../src-main/engine/instrument-router';
import { FakeCloudView, type ViewData } from '../helpers/strategy-cloud-view';
import { ETF_PAIRS, entryOf, idCounter, makeConfig, makeSignal, ny } from '../helpers/strategy-fixtures';

const bullRoute: EtfScalpRoute = {
  kind: 'etf_scalp',
  underlying: 'QQQ',
  timeframe: '1m',
  etf: 'TQQQ',
  exposure: 'long',
};
const bearRoute: EtfScalpRoute = { ...bullRoute, etf: 'SQQQ', exposure: 'short' };
/** QQQ at 500 with its 1m fast cloud 2 below (bullish) and ATR 1; TQQQ at 50, SQQQ at 20. */
const market: ViewData = {
  'QQQ 1m': { fast: [499, 498], atr: 1, bar: { close: 500 } },
  'TQQQ 1m': { bar: { close: 50 } },
  'SQQQ 1m': { bar: { close: 20 } },
};
const uncapped = makeConfig({ risk: { maxPositionPct: 100 } });

function plan(route: EtfScalpRoute, view: ViewData = market, ctx: Partial<EntryContext> = {}): EntryDecision {
  return new EtfScalper(idCounter()).plan(route, {
    signal: makeSignal({ ticker: route.underlying, timeframe: '1m', price: 500 }),
    size: 'full',
    equity: 100_000,
    now: ny('2026-11-24 10:30'),
    view: new FakeCloudView(view),
    config: uncapped,
    ...ctx,
  });
}

describe('EtfScalper: instrument', () => {
  it.each(ETF_PAIRS)(
    'buys the bull ETF of %s (%s) on bullish signals and the bear ETF (%s) on bearish ones',
    (underlying, bull, bear) => {
      const config = makeConfig({ instrumentMode: 'leveraged_etf' });
      for (const [direction, etf] of [
        ['long', bull],
        ['short', bear],
      ] as const) {
        const signal = makeSignal({ ticker: underlying, timeframe: '1m', direction, price: 100 });
        const route = routeSignal(signal, config).find((r) => r.kind === 'etf_scalp')!;
        const view = new FakeCloudView({
          [`${underlying} 1m`]: { fast: [100, 100], atr: 0.5 },
          [`${etf} 1m`]: { bar: { close: 30 } },
        });
        const decision = new EtfScalper(idCounter()).plan(route as EtfScalpRoute, {
          signal,
          size: 'full',
          equity: 100_000,
          now: ny('2026-11-24 10:30'),
          view,
          config,
        });
        expect(entryOf(decision).plan).toMatchObject({ ticker: etf, symbol: etf, underlying, direction: 'long' });
        expect(entryOf(decision).order).toMatchObject({ symbol: etf, side: 'buy', instrumentType: 'leveraged_etf' });
      }
    },
  );

  it('opens an etf_scalp with the underlying and the configured leverage', () => {
    const { plan: p, order } = entryOf(plan(bullRoute));
    expect(p).toMatchObject({
      id: 'pos-1',
      ticker: 'TQQQ',
      instrumentType: 'leveraged_etf',
      tradeType: 'etf_scalp',
      direction: 'long',
      underlying: 'QQQ',
      leverage: 3,
      targetPrice: null,
      timeframe: '1m',
      cloudAligned: true,
      signalId: 'sig-1',
    });
    expect(order).toMatchObject({ clientOrderId: 'ord-2', positionId: 'pos-1', type: 'market', purpose: 'entry' });
  });
});

describe('EtfScalper: sizing from the underlying fast cloud', () => {
  it("sets the stop the underlying's distance to its fast cloud × leverage away", () => {
    // QQQ 2 above the cloud = 0.4 %; × 3 = 1.2 % of TQQQ's $50 = $0.60.
    const { plan: p, order } = entryOf(plan(bullRoute));
    expect(p.stopPrice).toBe(49.4);
    expect(order.quantity).toBe(1666); // floor($1,000 / $0.60)
  });

  it('keeps the underlying distance at least minStopAtr × its 1m ATR', () => {
    const hugging: ViewData = { ...market, 'QQQ 1m': { fast: [500.2, 499.9], atr: 2 } };
    expect(entryOf(plan(bullRoute, hugging)).plan.stopPrice).toBe(49.4); // 2 ATR-points, not 0.1
  });

  it('measures to the top of the cloud for the bear ETF', () => {
    const bearish: ViewData = { ...market, 'QQQ 1m': { fast: [501, 502], atr: 1 } };
    const { plan: p, order } = entryOf(plan(bearRoute, bearish));
    expect(p.stopPrice).toBe(19.76); // 20 × 3 × 2 / 500 = 0.24
    expect(order.quantity).toBe(4166);
    expect(p.cloudAligned).toBe(true);
  });

  it('reads the leverage from the config', () => {
    const config = makeConfig({ risk: { maxPositionPct: 100 }, leveragedEtf: { leverage: 2 } });
    const { plan: p } = entryOf(plan(bullRoute, market, { config }));
    expect(p.stopPrice).toBe(49.6);
    expect(p.leverage).toBe(2);
  });

  it('halves on half size and caps at maxPositionPct of equity', () => {
    expect(entryOf(plan(bullRoute, market, { size: 'half' })).order.quantity).toBe(833);
    expect(entryOf(plan(bullRoute, market, { config: makeConfig() })).order.quantity).toBe(400); // $20,000 / $50
  });
});

describe('EtfScalper: refusals', () => {
  it('refuses without an ETF price, an underlying fast cloud or ATR', () => {
    expect(plan(bullRoute, { 'QQQ 1m': market['QQQ 1m']! })).toMatchObject({
      ok: false,
      reason: 'no 1m bar yet for TQQQ',
    });
    expect(plan(bullRoute, { ...market, 'QQQ 1m': { atr: 1 } })).toMatchObject({
      ok: false,
      reason: 'no 1m fast cloud yet for QQQ',
    });
    expect(plan(bullRoute, { ...market, 'QQQ 1m': { fast: [499, 498] } })).toMatchObject({
      ok: false,
      reason: 'no 1m ATR yet for QQQ',
    });
  });

  it('opens ETF scalps until 15:55 ET and not from then on', () => {
    expect(plan(bullRoute, market, { now: ny('2026-11-24 15:54') }).ok).toBe(true);
    expect(plan(bullRoute, market, { now: ny('2026-11-24 15:55') })).toMatchObject({ ok: false });
  });
});
