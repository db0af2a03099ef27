import { describe, expect, it } from 'vitest';
import { PositionLedger } from '../../src-main/engine/position-ledger';
import type { PositionPlan } from '../../src-main/engine/book';
import type { Fill, OrderRequest } from '../../src-main/engine/orders';
import { priceOption, YEAR_MS } from '../../src-shared/option-pricing';
import { bar, EXPIRY, minute, optionPlan, orderFor, stockPlan } from '../helpers/exec-builders';

const MODEL = { iv: 0.2, rate: 0.045 };
/** The model's SPY 600 call (0DTE) at `spot` and `time`. */
const call600 = (spot: number, time: number) =>
  priceOption({ right: 'call', spot, strike: 600, years: (EXPIRY - time) / YEAR_MS, ...MODEL });
const newLedger = () => new PositionLedger({ startingCash: 50_000, optionModel: MODEL });

/** Applies a fill of `quantity` at `price` for the plan's position. */
function fill(
  ledger: PositionLedger,
  plan: PositionPlan,
  side: 'buy' | 'sell',
  quantity: number,
  price: number,
  opts: { commission?: number; time?: number } = {},
): void {
  const order: OrderRequest = orderFor(plan, quantity, {
    side,
    purpose: side === 'buy' ? 'entry' : 'exit',
  });
  const f: Fill = {
    clientOrderId: order.clientOrderId,
    symbol: plan.symbol,
    side,
    quantity,
    price,
    commission: opts.commission ?? 0,
    time: opts.time ?? minute(1),
  };
  ledger.applyFill(f, order);
}

describe('PositionLedger', () => {
  it('starts a flat book over on another account’s cash and refuses while a position is open', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 10, 100);
    expect(() => ledger.rebaseCash(120_000)).toThrow(/not flat/);
    expect(ledger.cash()).toBeCloseTo(49_000, 9);
    fill(ledger, plan, 'sell', 10, 101);
    ledger.rebaseCash(120_000);
    expect(ledger.cash()).toBe(120_000);
    expect(ledger.equity()).toBe(120_000);
    expect(() => ledger.rebaseCash(Number.NaN)).toThrow(RangeError);
  });

  it('averages the entry price over adds and keeps the first fill time', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 100, 100, { time: minute(1) });
    fill(ledger, plan, 'buy', 50, 106, { time: minute(2) });
    const p = ledger.get('p1')!;
    expect(p.quantity).toBe(150);
    expect(p.entryPrice).toBeCloseTo(102, 12);
    expect(p.entryTime).toBe(minute(1));
    expect(ledger.cash()).toBeCloseTo(50_000 - 15_300, 9);
  });

  it('realizes P&L on a partial exit net of its share of entry commissions and the exit commission', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 100, 100, { commission: 10 });
    fill(ledger, plan, 'sell', 40, 110, { commission: 4 });
    const p = ledger.get('p1')!;
    // 40 × (110 − 100) − 4 (exit) − 4 (40 % of the entry commission).
    expect(p.realizedPnl).toBeCloseTo(392, 9);
    expect(p.quantity).toBe(60);
    expect(p.entryPrice).toBe(100);
    expect(ledger.realizedPnl()).toBeCloseTo(392, 9);
  });

  it('closes a position whose quantity returns to zero into a trade record', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1', 'NVDA', {
      tradeType: 'swing',
      timeframe: '1h',
      signalType: 'MTF_CONFLUENCE',
      conviction: 91,
    });
    ledger.register(plan);
    fill(ledger, plan, 'buy', 100, 100, { commission: 1, time: minute(1) });
    fill(ledger, plan, 'buy', 100, 104, { commission: 1, time: minute(2) });
    fill(ledger, plan, 'sell', 50, 110, { commission: 1, time: minute(3) });
    fill(ledger, plan, 'sell', 150, 100, { commission: 1, time: minute(9) });
    expect(ledger.get('p1')).toBeUndefined();
    expect(ledger.positions()).toEqual([]);
    const pnl = 50 * 110 + 150 * 100 - (100 * 100 + 100 * 104) - 4;
    expect(ledger.closedTrades()).toEqual([
      {
        id: 'p1',
        ticker: 'NVDA',
        instrumentType: 'stock',
        tradeType: 'swing',
        direction: 'long',
        quantity: 200,
        entryPrice: 102,
        exitPrice: 102.5,
        entryTime: minute(1),
        exitTime: minute(9),
        pnl: expect.closeTo(pnl, 9),
        pnlPct: expect.closeTo((pnl / 20_402) * 100, 9),
        signalType: 'MTF_CONFLUENCE',
        conviction: 91,
        timeframe: '1h',
      },
    ]);
    expect(ledger.cash()).toBeCloseTo(50_000 + pnl, 9);
    expect(ledger.equity()).toBeCloseTo(50_000 + pnl, 9);
  });

  it('refuses a sell beyond the quantity held and changes nothing', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 10, 100);
    expect(() => fill(ledger, plan, 'sell', 11, 100)).toThrow(/overfill position p1 \(10 held\)/);
    expect(ledger.get('p1')!.quantity).toBe(10);
    expect(ledger.cash()).toBe(49_000);
  });

  it('marks stocks at the last close of their ticker and ignores an older bar', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 100, 100);
    expect(ledger.get('p1')!.currentPrice).toBe(100);
    ledger.mark(bar('SPY', minute(2), { open: 100, close: 103 }));
    ledger.mark(bar('SPY', minute(1), { open: 100, close: 90 }));
    ledger.mark(bar('QQQ', minute(3), { open: 500, close: 400 }));
    const p = ledger.get('p1')!;
    expect(p.currentPrice).toBe(103);
    expect(p.unrealizedPnl).toBeCloseTo(300, 9);
    expect(p.unrealizedPnlPct).toBeCloseTo(3, 9);
    expect(ledger.equity()).toBeCloseTo(50_300, 9);
    expect(ledger.grossExposure()).toBeCloseTo(10_300, 9);
  });

  it('values options by the model from the underlying close at the bar time, × 100 a contract', () => {
    const ledger = newLedger();
    const plan = optionPlan('o1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 2, 3, { commission: 1.3 });
    ledger.mark(bar('SPY', minute(5), { open: 600, close: 603 }));
    const quote = call600(603, minute(5));
    const [s] = ledger.scalps();
    expect(s).toMatchObject({
      id: 'o1',
      contractSymbol: plan.symbol,
      right: 'call',
      strike: 600,
      expiry: EXPIRY,
      dte: 0,
      targetPct: 30,
      stopPct: 25,
      quantity: 2,
      entryPrice: 3,
    });
    expect(s!.currentPrice).toBeCloseTo(quote.price, 12);
    expect(s!.greeks).toEqual({ delta: quote.delta, gamma: quote.gamma, theta: quote.theta, vega: quote.vega });
    expect(s!.unrealizedPnl).toBeCloseTo(200 * quote.price - 601.3, 9);
    expect(ledger.equity()).toBeCloseTo(50_000 - 601.3 + 200 * quote.price, 9);
    expect(ledger.positions()).toEqual([]);
  });

  it('counts calendar days to expiry', () => {
    const ledger = newLedger();
    const plan = optionPlan('o1', 'SPY', { expiry: EXPIRY + 3 * 86_400_000 });
    ledger.register(plan);
    fill(ledger, plan, 'buy', 1, 3);
    ledger.mark(bar('SPY', minute(0), { open: 600 }));
    expect(ledger.scalps()[0]!.dte).toBe(3);
  });

  it('keeps equity = starting cash + realized + unrealized P&L', () => {
    const ledger = newLedger();
    const a = stockPlan('a');
    const o = optionPlan('o');
    ledger.register(a);
    ledger.register(o);
    fill(ledger, a, 'buy', 30, 100, { commission: 0.3 });
    fill(ledger, o, 'buy', 4, 2.5, { commission: 2.6 });
    fill(ledger, a, 'sell', 10, 101, { commission: 0.1 });
    fill(ledger, o, 'sell', 1, 3.1, { commission: 0.65 });
    ledger.mark(bar('SPY', minute(4), { open: 600, close: 99 }));
    expect(ledger.equity()).toBeCloseTo(50_000 + ledger.realizedPnl() + ledger.unrealizedPnl(), 9);
  });

  it('discards a registered position that never filled, and only such a one', () => {
    const ledger = newLedger();
    ledger.register(stockPlan('never'));
    const filled = stockPlan('filled');
    ledger.register(filled);
    fill(ledger, filled, 'buy', 1, 100);
    ledger.discardUnfilled('never');
    ledger.discardUnfilled('filled');
    expect(ledger.planOf('never')).toBeUndefined();
    expect(ledger.get('filled')!.quantity).toBe(1);
    expect(ledger.get('never')).toBeUndefined();
  });

  it('rejects a second registration of the same id and a fill for an unknown position', () => {
    const ledger = newLedger();
    ledger.register(stockPlan('p1'));
    expect(() => ledger.register(stockPlan('p1'))).toThrow(/already registered/);
    expect(() => fill(ledger, stockPlan('ghost'), 'buy', 1, 100)).toThrow(/unknown position ghost/);
  });

  it('reopens a closed position on a late entry fill and numbers its next trade', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1');
    ledger.register(plan);
    fill(ledger, plan, 'buy', 10, 100);
    fill(ledger, plan, 'sell', 10, 101);
    fill(ledger, plan, 'buy', 5, 100);
    expect(ledger.get('p1')!.quantity).toBe(5);
    fill(ledger, plan, 'sell', 5, 99);
    expect(ledger.closedTrades().map((t) => [t.id, t.pnl])).toEqual([
      ['p1', 10],
      ['p1#2', -5],
    ]);
  });

  it('updates stop and cloud alignment and returns copies of its plans', () => {
    const ledger = newLedger();
    const plan = stockPlan('p1', 'SPY', { stopPrice: 95 });
    ledger.register(plan);
    fill(ledger, plan, 'buy', 1, 100);
    ledger.setStop('p1', 97);
    ledger.setCloudAligned('p1', false);
    expect(ledger.get('p1')).toMatchObject({ stopPrice: 97, cloudAligned: false });
    ledger.planOf('p1')!.stopPrice = 1;
    expect(plan.stopPrice).toBe(95);
    expect(ledger.planOf('p1')!.stopPrice).toBe(97);
  });

  it('quotes an order at the marks: the last close, or the model for an option', () => {
    const ledger = newLedger();
    const o = optionPlan('o');
    expect(ledger.quote(orderFor(stockPlan('s'), 1))).toBeNull();
    ledger.mark(bar('SPY', minute(0), { open: 600, close: 601 }));
    expect(ledger.quote(orderFor(stockPlan('s'), 1))).toBe(601);
    const model = call600(601, minute(0));
    expect(ledger.quote(orderFor(o, 1))).toBeCloseTo(model.price, 12);
  });
});
