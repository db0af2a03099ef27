import { describe, expect, it } from 'vitest';
import { PaperBroker, type PaperBrokerOptions } from '../../src-main/adapters/paper-broker';
import type { OrderRequest, OrderUpdate } from '../../src-main/engine/orders';
import { priceOption, YEAR_MS } from '../../src-shared/option-pricing';
import { bar, EXPIRY, minute, optionPlan, orderFor, stockPlan } from '../helpers/exec-builders';

function setup(opts: Partial<PaperBrokerOptions> = {}) {
  const broker = new PaperBroker({ startingEquity: 50_000, slippageBps: 0, commissionPerShare: 0, ...opts });
  const updates: OrderUpdate[] = [];
  broker.onUpdate((u) => updates.push(u));
  const fills = () => updates.flatMap((u) => (u.kind === 'fill' ? [u] : []));
  const rejects = () => updates.flatMap((u) => (u.kind === 'rejected' ? [u.reason] : []));
  return { broker, updates, fills, rejects };
}

let n = 0;
const order = (fields: Partial<OrderRequest> = {}): OrderRequest =>
  orderFor(stockPlan('p1'), 100, { clientOrderId: `o${++n}`, time: minute(0), ...fields });

describe('PaperBroker', () => {
  it('fills a market buy at the next bar open plus slippage, not on the bar before', () => {
    const { broker, fills, updates } = setup({ slippageBps: 2 });
    broker.processBar(bar('SPY', minute(0), { open: 99, close: 100 }));
    broker.submit(order({ clientOrderId: 'b1' }));
    expect(updates).toEqual([{ kind: 'accepted', clientOrderId: 'b1', time: minute(0) }]);
    broker.processBar(bar('SPY', minute(1), { open: 101, close: 102 }));
    expect(fills()).toHaveLength(1);
    expect(fills()[0]!.fill.price).toBeCloseTo(101 * 1.0002, 10);
    expect(fills()[0]!.fill.time).toBe(minute(1));
    expect(fills()[0]!.remaining).toBe(0);
    expect(broker.account().cash).toBeCloseTo(50_000 - 100 * 101 * 1.0002, 8);
    expect(broker.openOrders()).toEqual([]);
  });

  it('fills a market sell at the next open minus slippage', () => {
    const { broker, fills } = setup({ slippageBps: 10 });
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order({ clientOrderId: 'b' }));
    broker.processBar(bar('SPY', minute(1), { open: 100 }));
    broker.submit(order({ clientOrderId: 's', side: 'sell', purpose: 'exit' }));
    broker.processBar(bar('SPY', minute(2), { open: 110 }));
    expect(fills()[1]!.fill.price).toBeCloseTo(110 * 0.999, 10);
    expect(broker.positions()).toEqual([]);
  });

  it('waits for a bar of the order’s own ticker', () => {
    const { broker, fills } = setup();
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order());
    broker.processBar(bar('QQQ', minute(1), { open: 500 }));
    expect(fills()).toHaveLength(0);
    broker.processBar(bar('SPY', minute(1), { open: 100 }));
    expect(fills()).toHaveLength(1);
  });

  it('uses the config defaults when given only the starting equity (2 bps, $0.65 a contract)', () => {
    const broker = new PaperBroker({ startingEquity: 50_000 });
    const fills: number[] = [];
    broker.onUpdate((u) => u.kind === 'fill' && fills.push(u.fill.price));
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order({ clientOrderId: 'd1' }));
    broker.processBar(bar('SPY', minute(1), { open: 100 }));
    expect(fills[0]).toBeCloseTo(100.02, 10);
    expect(broker.account()).toEqual({
      equity: expect.closeTo(50_000 - 2, 8),
      cash: 50_000 - 10_002,
      buyingPower: 50_000 - 10_002,
    });
  });

  describe('stop orders', () => {
    function holding100(opts: Partial<PaperBrokerOptions> = {}) {
      const s = setup(opts);
      s.broker.processBar(bar('SPY', minute(0), { open: 100 }));
      s.broker.submit(order({ clientOrderId: 'entry' }));
      s.broker.processBar(bar('SPY', minute(1), { open: 100 }));
      s.broker.submit(order({ clientOrderId: 'stop', side: 'sell', type: 'stop', stopPrice: 95, purpose: 'stop' }));
      return s;
    }

    it('stays open while the bar range does not reach a sell stop', () => {
      const { broker, fills } = holding100();
      broker.processBar(bar('SPY', minute(2), { open: 98, low: 95.01, high: 99, close: 97 }));
      expect(fills()).toHaveLength(1);
      expect(broker.openOrders().map((o) => o.clientOrderId)).toEqual(['stop']);
    });

    it('triggers a sell stop when the low touches it and fills at the stop minus slippage', () => {
      const { broker, fills } = holding100({ slippageBps: 2 });
      broker.processBar(bar('SPY', minute(2), { open: 97, low: 95, high: 97.5, close: 96 }));
      expect(fills()[1]!.fill.price).toBeCloseTo(95 * 0.9998, 10);
    });

    it('fills a stop gapped through at the open, below the stop', () => {
      const { broker, fills } = holding100();
      broker.processBar(bar('SPY', minute(2), { open: 90, low: 89, high: 91, close: 90 }));
      expect(fills()[1]!.fill.price).toBe(90);
    });

    it('triggers a buy stop when the high reaches it, at max(open, stop)', () => {
      const { broker, fills } = setup();
      broker.processBar(bar('SPY', minute(0), { open: 100 }));
      broker.submit(order({ type: 'stop', stopPrice: 102 }));
      broker.processBar(bar('SPY', minute(1), { open: 100, high: 101.99, close: 101 }));
      expect(fills()).toHaveLength(0);
      broker.processBar(bar('SPY', minute(2), { open: 101, high: 103, close: 102.5 }));
      expect(fills()[0]!.fill.price).toBe(102);
    });
  });

  it('charges commission per share and per contract', () => {
    const { broker, fills } = setup({
      startingEquity: 500_000,
      commissionPerShare: 0.005,
      commissionPerContract: 0.65,
    });
    const plan = optionPlan('o');
    broker.processBar(bar('SPY', minute(0), { open: 600 }));
    broker.submit(order({ quantity: 200 }));
    broker.submit(orderFor(plan, 3, { clientOrderId: 'opt' }));
    broker.processBar(bar('SPY', minute(1), { open: 600 }));
    expect(fills().map((f) => f.fill.commission)).toEqual([1, expect.closeTo(1.95, 12)]);
  });

  describe('rejects', () => {
    it('rejects a buy whose estimated cost exceeds the buying power, counting open buys', () => {
      const { broker, rejects } = setup({ commissionPerShare: 0.01 });
      broker.processBar(bar('SPY', minute(0), { open: 100 }));
      broker.submit(order({ quantity: 501 }));
      expect(rejects()[0]).toMatch(/insufficient buying power: SPY needs \$50105\.01, \$50000\.00 available/);
      broker.submit(order({ quantity: 300 }));
      broker.submit(order({ quantity: 200 }));
      expect(rejects()).toHaveLength(2);
      expect(broker.account().buyingPower).toBeCloseTo(50_000 - 300 * 100.01, 8);
    });

    it.each([
      ['a zero quantity', { quantity: 0 }, /positive whole number/],
      ['a fractional quantity', { quantity: 1.5 }, /positive whole number/],
      ['a stop without a stop price', { type: 'stop' as const }, /stop price/],
      ['an unknown order type', { type: 'limit' as never }, /unknown order type 'limit'/],
      ['an option without its contract', { instrumentType: 'option' as const }, /contract/],
      [
        'a sell beyond the position',
        { side: 'sell' as const, purpose: 'exit' as const },
        /insufficient quantity: sell 100 SPY, 0 available/,
      ],
    ])('rejects %s with a reason', (_name, fields, reason) => {
      const { broker, rejects } = setup();
      broker.processBar(bar('SPY', minute(0), { open: 100 }));
      broker.submit(order(fields));
      expect(rejects()).toEqual([expect.stringMatching(reason)]);
      expect(broker.openOrders()).toEqual([]);
    });

    it('rejects a buy before any price of its ticker and a reused client order id', () => {
      const { broker, rejects } = setup();
      broker.submit(order({ clientOrderId: 'dup' }));
      broker.processBar(bar('SPY', minute(0), { open: 100 }));
      broker.submit(order({ clientOrderId: 'dup' }));
      expect(rejects()).toEqual(['no market price for SPY yet', 'duplicate client order id dup']);
    });

    it('counts open sells against the position, so two exits cannot sell it twice', () => {
      const { broker, rejects } = setup();
      broker.processBar(bar('SPY', minute(0), { open: 100 }));
      broker.submit(order());
      broker.processBar(bar('SPY', minute(1), { open: 100 }));
      broker.submit(order({ side: 'sell', purpose: 'exit', quantity: 60 }));
      broker.submit(order({ side: 'sell', purpose: 'exit', quantity: 60 }));
      expect(rejects()).toEqual(['insufficient quantity: sell 60 SPY, 40 available']);
    });
  });

  it('fills at most 10 % of each bar’s volume with partial fills on, the rest on later bars', () => {
    const { broker, fills } = setup({ partialFills: true });
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order({ quantity: 250 }));
    broker.processBar(bar('SPY', minute(1), { open: 100, volume: 1000 }));
    broker.processBar(bar('SPY', minute(2), { open: 101, volume: 5 }));
    expect(broker.openOrders()[0]!.quantity).toBe(250);
    broker.processBar(bar('SPY', minute(3), { open: 102, volume: 1000 }));
    broker.processBar(bar('SPY', minute(4), { open: 103, volume: 1000 }));
    expect(fills().map((f) => [f.fill.quantity, f.fill.price, f.remaining])).toEqual([
      [100, 100, 150],
      [100, 102, 50],
      [50, 103, 0],
    ]);
    expect(broker.positions()).toEqual([{ symbol: 'SPY', quantity: 250, option: undefined }]);
  });

  it('fills whole orders regardless of volume with partial fills off', () => {
    const { broker, fills } = setup({ partialFills: false });
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order({ quantity: 250 }));
    broker.processBar(bar('SPY', minute(1), { open: 100, volume: 10 }));
    expect(fills()[0]!.fill.quantity).toBe(250);
  });

  describe('options', () => {
    const model = (spot: number, time: number, right: 'call' | 'put' = 'call') =>
      priceOption({ right, spot, strike: 600, years: (EXPIRY - time) / YEAR_MS, iv: 0.2, rate: 0.045 }).price;

    it('fills at the model price of the underlying’s open at the bar time, plus half a 5 % spread', () => {
      const { broker, fills } = setup({ optionIv: 0.2, riskFreeRate: 0.045, commissionPerContract: 0 });
      broker.processBar(bar('SPY', minute(0), { open: 600 }));
      broker.submit(orderFor(optionPlan('o'), 2, { clientOrderId: 'call' }));
      broker.processBar(bar('SPY', minute(1), { open: 602, close: 601 }));
      const premium = model(602, minute(1));
      expect(premium).toBeGreaterThan(2);
      expect(fills()[0]!.fill.price).toBeCloseTo(premium * 1.025, 10);
      expect(broker.account().cash).toBeCloseTo(50_000 - 2 * 100 * premium * 1.025, 8);
      // Marked by the model at the underlying's close: equity = cash + 2 × 100 × model(601).
      expect(broker.account().equity).toBeCloseTo(broker.account().cash + 200 * model(601, minute(1)), 8);
    });

    it('sells at the model price less half the spread, never less than a $0.01 spread', () => {
      const { broker, fills } = setup({ commissionPerContract: 0 });
      const put = optionPlan('p', 'SPY', { right: 'put', strike: 600 });
      broker.processBar(bar('SPY', minute(0), { open: 600 }));
      broker.submit(orderFor(put, 1, { clientOrderId: 'buy' }));
      broker.processBar(bar('SPY', minute(1), { open: 600 }));
      broker.submit(orderFor(put, 1, { clientOrderId: 'sell', side: 'sell', purpose: 'exit' }));
      broker.processBar(bar('SPY', minute(2), { open: 640 }));
      const premium = model(640, minute(2), 'put');
      expect(premium).toBeLessThan(0.01);
      expect(fills()[1]!.fill.price).toBeCloseTo(Math.max(0, premium - 0.005), 12);
    });

    it('triggers an option stop on the premium at the underlying’s extreme', () => {
      const { broker, fills } = setup({ commissionPerContract: 0 });
      const call = optionPlan('c');
      broker.processBar(bar('SPY', minute(0), { open: 600 }));
      broker.submit(orderFor(call, 1, { clientOrderId: 'buy' }));
      broker.processBar(bar('SPY', minute(1), { open: 600 }));
      const stop = model(598, minute(2));
      broker.submit(
        orderFor(call, 1, { clientOrderId: 'stop', side: 'sell', type: 'stop', stopPrice: stop, purpose: 'stop' }),
      );
      broker.processBar(bar('SPY', minute(2), { open: 600, low: 598.5, high: 601 }));
      expect(fills()).toHaveLength(1);
      broker.processBar(bar('SPY', minute(3), { open: 599.5, low: 597, high: 600 }));
      const base = Math.min(model(599.5, minute(3)), stop);
      expect(fills()[1]!.fill.price).toBeCloseTo(base - Math.max(0.01, base * 0.05) / 2, 10);
    });
  });

  it('cancels open orders one by one or all at once, and a canceled order never fills', () => {
    const { broker, updates, fills } = setup();
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order({ clientOrderId: 'a', quantity: 1 }));
    broker.submit(order({ clientOrderId: 'b', quantity: 1 }));
    broker.submit(order({ clientOrderId: 'c', quantity: 1 }));
    broker.cancel('a');
    broker.cancel('a');
    broker.cancelAll();
    expect(
      updates.filter((u) => u.kind === 'canceled').map((u) => (u.kind === 'canceled' ? u.clientOrderId : '')),
    ).toEqual(['a', 'b', 'c']);
    broker.processBar(bar('SPY', minute(1), { open: 100 }));
    expect(fills()).toHaveLength(0);
    expect(broker.account().buyingPower).toBe(50_000);
  });

  it('delivers updates in order when a listener submits from inside its callback', () => {
    const { broker } = setup();
    const seen: string[] = [];
    broker.onUpdate((u) => {
      seen.push(`${u.kind} ${u.kind === 'fill' ? u.fill.clientOrderId : u.clientOrderId}`);
      if (u.kind === 'fill' && u.fill.clientOrderId === 'first')
        broker.submit(order({ clientOrderId: 'second', side: 'sell', purpose: 'exit' }));
    });
    broker.processBar(bar('SPY', minute(0), { open: 100 }));
    broker.submit(order({ clientOrderId: 'first' }));
    broker.processBar(bar('SPY', minute(1), { open: 100 }));
    // The exit sent during the fill waits for the next bar.
    expect(seen).toEqual(['accepted first', 'fill first', 'accepted second']);
    broker.processBar(bar('SPY', minute(2), { open: 100 }));
    expect(seen.at(-1)).toBe('fill second');
  });

  it('is deterministic: the same orders and bars give the same updates', () => {
    const run = () => {
      const { broker, updates } = setup({ partialFills: true, slippageBps: 3 });
      for (let i = 0; i < 20; i++) {
        broker.processBar(bar('SPY', minute(i), { open: 100 + Math.sin(i), volume: 300 + i * 10 }));
        if (i % 3 === 0) broker.submit(order({ clientOrderId: `d${i}`, quantity: 40 }));
      }
      return updates;
    };
    expect(run()).toEqual(run());
  });
});
