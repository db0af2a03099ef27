import { describe, expect, it } from 'vitest';
import type { EntryContext, EntryDecision } from '../../src-main/engine/executor-common';
import type { StockRoute } from '../../src-main/engine/instrument-router';
import { TradeExecutor } from '../../src-main/engine/trade-executor';
import { FakeCloudView, type ViewData } from '../helpers/strategy-cloud-view';
import { entryOf, idCounter, makeConfig, makeSignal, ny } from '../helpers/strategy-fixtures';

const dayRoute: StockRoute = { kind: 'stock_day', ticker: 'NVDA', timeframe: '5m', direction: 'long' };
const swingRoute: StockRoute = { kind: 'stock_swing', ticker: 'NVDA', timeframe: '1h', direction: 'long' };
/** No position cap, so the risk arithmetic shows on its own. */
const uncapped = makeConfig({ risk: { maxPositionPct: 100 } });

function plan(route: StockRoute, view: ViewData, ctx: Partial<EntryContext> = {}): EntryDecision {
  return new TradeExecutor(idCounter()).plan(route, {
    signal: makeSignal({ timeframe: route.timeframe, direction: route.direction, price: 100 }),
    size: 'full',
    equity: 100_000,
    now: ny('2026-11-24 10:35'),
    view: new FakeCloudView(view),
    config: uncapped,
    ...ctx,
  });
}

describe('TradeExecutor: day trades', () => {
  it('keeps the stop at least 1 ATR away when the trend cloud hugs the price', () => {
    const { plan: p, order } = entryOf(
      plan(dayRoute, { 'NVDA 5m': { trend: [99.6, 99.5], fast: [100, 99.8], atr: 2 } }),
    );
    expect(p.stopPrice).toBe(98); // min(99.5, 100 − 1 × 2)
    expect(p.targetPrice).toBe(104); // 100 + 2R × $2
    expect(order.quantity).toBe(500); // $1,000 risk / $2 per share
  });

  it('puts the stop below the trend cloud when the cloud is further than 1 ATR', () => {
    const { plan: p, order } = entryOf(plan(dayRoute, { 'NVDA 5m': { trend: [96, 95], atr: 1 } }));
    expect(p.stopPrice).toBe(95);
    expect(p.targetPrice).toBe(110);
    expect(order.quantity).toBe(200); // $1,000 / $5
  });

  it('reads minStopAtr and targetR from the config', () => {
    const config = makeConfig({ risk: { maxPositionPct: 100, minStopAtr: 1.5, targetR: 3 } });
    const { plan: p } = entryOf(plan(dayRoute, { 'NVDA 5m': { trend: [99.6, 99.5], atr: 2 } }, { config }));
    expect(p.stopPrice).toBe(97);
    expect(p.targetPrice).toBe(109);
  });

  it('halves the quantity on half size', () => {
    const { order } = entryOf(plan(dayRoute, { 'NVDA 5m': { trend: [96, 95], atr: 1 } }, { size: 'half' }));
    expect(order.quantity).toBe(100);
  });

  it('caps the position at maxPositionPct of equity, and half size halves the capped size', () => {
    const view = { 'NVDA 5m': { trend: [99.6, 99.5], atr: 2 } } satisfies ViewData;
    const config = makeConfig(); // 20 % of $100,000 = $20,000 = 200 shares at $100 (risk alone says 500)
    expect(entryOf(plan(dayRoute, view, { config })).order.quantity).toBe(200);
    expect(entryOf(plan(dayRoute, view, { config, size: 'half' })).order.quantity).toBe(100);
  });

  it('produces a market buy for a registered day-trade plan with signal attribution', () => {
    const { plan: p, order } = entryOf(plan(dayRoute, { 'NVDA 5m': { trend: [96, 95], fast: [100, 99], atr: 1 } }));
    expect(p).toMatchObject({
      id: 'pos-1',
      ticker: 'NVDA',
      symbol: 'NVDA',
      instrumentType: 'stock',
      tradeType: 'day',
      direction: 'long',
      timeframe: '5m',
      leverage: 1,
      underlying: null,
      cloudAligned: true,
      signalId: 'sig-1',
      signalType: 'CLOUD_CROSS_BULLISH',
      conviction: 80,
    });
    expect(order).toEqual({
      clientOrderId: 'ord-2',
      symbol: 'NVDA',
      instrumentType: 'stock',
      side: 'buy',
      quantity: 200,
      type: 'market',
      positionId: 'pos-1',
      purpose: 'entry',
      time: ny('2026-11-24 10:35'),
    });
  });

  it('sells short with the stop above the trend cloud when shorts are allowed', () => {
    const config = makeConfig({ risk: { maxPositionPct: 100, allowShortStocks: true } });
    const route: StockRoute = { ...dayRoute, direction: 'short' };
    const { plan: p, order } = entryOf(plan(route, { 'NVDA 5m': { trend: [104, 105], atr: 1 } }, { config }));
    expect(p.stopPrice).toBe(105);
    expect(p.targetPrice).toBe(90);
    expect(order.side).toBe('sell');
  });

  it('refuses shorts while risk.allowShortStocks is off', () => {
    const decision = plan({ ...dayRoute, direction: 'short' }, { 'NVDA 5m': { trend: [104, 105], atr: 1 } });
    expect(decision).toEqual({ ok: false, reason: expect.stringContaining('allowShortStocks') });
  });

  it('refuses without an ATR or a trend cloud, and when not one share fits', () => {
    expect(plan(dayRoute, { 'NVDA 5m': { trend: [96, 95] } })).toMatchObject({
      ok: false,
      reason: 'no 5m ATR yet for NVDA',
    });
    expect(plan(dayRoute, { 'NVDA 5m': { fast: [100, 99], atr: 1 } })).toMatchObject({
      ok: false,
      reason: 'no 5m trend cloud yet for NVDA',
    });
    expect(plan(dayRoute, { 'NVDA 5m': { trend: [96, 95], atr: 1 } }, { equity: 400 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('quantity 0'),
    });
  });

  it('opens day trades until 15:55 ET and not from then on', () => {
    const view = { 'NVDA 5m': { trend: [96, 95], atr: 1 } } satisfies ViewData;
    expect(plan(dayRoute, view, { now: ny('2026-11-24 15:54') }).ok).toBe(true);
    expect(plan(dayRoute, view, { now: ny('2026-11-24 15:55') })).toMatchObject({ ok: false });
  });
});

describe('TradeExecutor: swing trades', () => {
  const view: ViewData = {
    'NVDA 1h': { trend: [99.5, 99], atr: 1 },
    'NVDA 1d': { trend: [92, 90], atr: 4 },
  };

  it('puts the stop below the DAILY trend cloud with the ATR of the signal timeframe', () => {
    const { plan: p, order } = entryOf(plan(swingRoute, view));
    expect(p.stopPrice).toBe(90); // min(daily bottom 90, 100 − 1h ATR 1), not the 1h cloud at 99
    expect(order.quantity).toBe(100); // $1,000 / $10
    expect(p).toMatchObject({ tradeType: 'swing', timeframe: '1h', targetPrice: null });
  });

  it('refuses before the daily trend cloud exists', () => {
    expect(plan(swingRoute, { 'NVDA 1h': view['NVDA 1h']! })).toMatchObject({
      ok: false,
      reason: 'no 1d trend cloud yet for NVDA',
    });
  });

  it('is not held to the day-trade flat-by time', () => {
    expect(plan(swingRoute, view, { now: ny('2026-11-24 15:58') }).ok).toBe(true);
  });
});
