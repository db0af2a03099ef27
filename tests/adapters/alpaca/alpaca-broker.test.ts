import { afterEach, describe, expect, it, vi } from 'vitest';
import { occSymbol } from '../../../src-shared/option-pricing';
import {
  brokerAgainstFake,
  describeUpdates,
  eventually,
  orderRequest,
  updatesOf,
  submitResting,
  orderPosts,
  type BrokerHarness,
} from '../../helpers/fake-alpaca-trading-harness';

let h: BrokerHarness;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
});

const posts = (h: BrokerHarness) => orderPosts(h.fake);

describe('AlpacaBroker against the fake Alpaca: orders', () => {
  it('connects, reads the account, and trades an entry → fill → exit with updates in order and the account refreshed', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    expect(h.broker.connection()).toBe('connected');
    expect(h.broker.name).toBe('Alpaca (Paper)');
    expect(h.broker.account()).toEqual({ equity: 100_000, cash: 100_000, buyingPower: 100_000 });
    expect(h.fake.listeners()).toBe(1);

    h.fake.book.prices.set('SPY', 100);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const entry = orderRequest({ quantity: 10 });
    h.broker.submit(entry);
    // The engine commits the intent at the end of this task: nothing may leave before.
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(h.broker.openOrders().map((o) => o.clientOrderId)).toEqual([entry.clientOrderId]);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100 r0']));
    await eventually(() => expect(h.broker.account().cash).toBe(99_000));
    expect(h.broker.openOrders()).toEqual([]);

    h.fake.book.prices.set('SPY', 101);
    const exit = orderRequest({ side: 'sell', quantity: 10, purpose: 'exit', positionId: entry.positionId });
    h.broker.submit(exit);
    await eventually(() => expect(updatesOf(h.updates, exit.clientOrderId)).toHaveLength(2));
    expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100 r0', 'accepted', 'fill 10@101 r0']);
    await eventually(() => expect(h.broker.account().cash).toBe(100_010));

    expect(posts(h).map((r) => r.body)).toEqual([
      {
        symbol: 'SPY',
        qty: '10',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        client_order_id: entry.clientOrderId,
      },
      {
        symbol: 'SPY',
        qty: '10',
        side: 'sell',
        type: 'market',
        time_in_force: 'day',
        client_order_id: exit.clientOrderId,
      },
    ]);
    const fill = h.updates[1]!;
    expect(fill.kind === 'fill' && fill.fill).toMatchObject({ symbol: 'SPY', side: 'buy', commission: 0, time: 1_000 });
  });

  it('keeps updates in order when a listener submits from inside its callback', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const entry = orderRequest({ quantity: 5 });
    const exit = orderRequest({ side: 'sell', quantity: 5, purpose: 'exit' });
    h.broker.onUpdate((u) => {
      if (u.kind === 'fill' && u.fill.clientOrderId === entry.clientOrderId) h.broker.submit(exit);
    });
    h.broker.submit(entry);
    await eventually(() => expect(h.updates).toHaveLength(4));
    expect(h.updates.map((u) => (u.kind === 'fill' ? u.fill.clientOrderId : u.clientOrderId))).toEqual([
      entry.clientOrderId,
      entry.clientOrderId,
      exit.clientOrderId,
      exit.clientOrderId,
    ]);
  });

  it('sends options by OCC symbol (the engine’s occSymbol is Alpaca’s format) with position intent, stops with a stop price', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.setAutoFill({ mode: 'none' });
    const symbol = occSymbol('SPY', '2026-11-24', 'call', 595);
    expect(symbol).toBe('SPY261124C00595000');
    const option = {
      symbol,
      instrumentType: 'option' as const,
      quantity: 2,
      option: { underlying: 'SPY', right: 'call' as const, strike: 595, expiry: Date.UTC(2026, 10, 24, 21) },
    };
    const buy = orderRequest(option);
    const stop = orderRequest({ ...option, side: 'sell', type: 'stop', stopPrice: 1.234, purpose: 'stop' });
    const stockStop = orderRequest({ side: 'sell', type: 'stop', stopPrice: 0.51234, purpose: 'stop', quantity: 1 });
    h.fake.book.setPosition(symbol, 2, 1.5);
    h.fake.book.setPosition('SPY', 1, 1);
    h.broker.submit(buy);
    h.broker.submit(stop);
    h.broker.submit(stockStop);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'accepted', 'accepted']));
    expect(posts(h).map((r) => r.body)).toEqual([
      expect.objectContaining({ symbol, qty: '2', side: 'buy', type: 'market', position_intent: 'buy_to_open' }),
      expect.objectContaining({ symbol, type: 'stop', stop_price: '1.23', position_intent: 'sell_to_close' }),
      expect.objectContaining({ symbol: 'SPY', type: 'stop', stop_price: '0.5123' }),
    ]);
    expect(posts(h).every((r) => r.status === 200)).toBe(true);
  });

  it('rejects, without a request, orders Alpaca could not take (id over 48 characters, fractional quantity)', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.broker.submit(orderRequest({ clientOrderId: 'X'.repeat(49) }));
    h.broker.submit(orderRequest({ quantity: 1.5 }));
    await eventually(() => expect(h.updates).toHaveLength(2));
    expect(h.updates.every((u) => u.kind === 'rejected')).toBe(true);
    expect(posts(h)).toHaveLength(0);
  });

  it('delivers Alpaca’s refusal of an order (insufficient quantity) as rejected with its message', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const sell = orderRequest({ side: 'sell', quantity: 5, purpose: 'exit' });
    h.broker.submit(sell);
    await eventually(() => expect(h.updates).toHaveLength(1));
    expect(h.updates[0]).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/insufficient qty/) });
    expect(h.broker.connection()).toBe('connected');
  });

  it('delivers partial fills with what remains after each', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.setAutoFill({ mode: 'partial', parts: [3, 3], price: 50 });
    h.broker.submit(orderRequest({ quantity: 10 }));
    await eventually(() =>
      expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 3@50 r7', 'fill 3@50 r4', 'fill 4@50 r0']),
    );
  });

  it('cancels one order with DELETE /v2/orders/{id} and delivers canceled from the stream', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = await submitResting(h);
    h.broker.cancel(o.clientOrderId);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'canceled']));
    const id = h.fake.order(o.clientOrderId)!.id;
    expect(h.fake.requests.some((r) => r.method === 'DELETE' && r.path === `/v2/orders/${id}`)).toBe(true);
  });

  it('cancels an order not yet sent without any request', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = orderRequest();
    h.broker.submit(o);
    h.broker.cancel(o.clientOrderId);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['canceled']));
    await h.broker.refreshAccount();
    expect(posts(h)).toHaveLength(0);
  });
});

describe('AlpacaBroker: account, clock and reads', () => {
  it('parses the account flags and the market clock', async () => {
    h = await brokerAgainstFake();
    h.fake.book.daytradeCount = 2;
    h.fake.book.patternDayTrader = true;
    h.fake.book.tradingBlocked = true;
    await h.broker.connect();
    expect(h.broker.accountFlags()).toEqual({
      tradingBlocked: true,
      accountBlocked: false,
      patternDayTrader: true,
      daytradeCount: 2,
    });
    expect(await h.broker.fetchClock()).toEqual({
      timestamp: Date.parse('2026-11-24T15:00:00Z'),
      isOpen: true,
      nextOpen: Date.parse('2026-11-25T14:30:00Z'),
      nextClose: Date.parse('2026-11-24T21:00:00Z'),
    });
  });

  it('reads positions and open orders', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.book.setPosition('QQQ', 7, 410.5);
    const o = await submitResting(h, { symbol: 'IWM', quantity: 3 });
    expect(await h.broker.fetchPositions()).toEqual([{ symbol: 'QQQ', quantity: 7, avgEntryPrice: 410.5 }]);
    expect(await h.broker.fetchOpenOrders()).toEqual([
      { clientOrderId: o.clientOrderId, symbol: 'IWM', side: 'buy', quantity: 3, filledQuantity: 0, status: 'new' },
    ]);
  });

  it('closes a position through DELETE /v2/positions/{symbol}', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.book.setPosition('QQQ', 7, 410.5);
    await h.broker.closePosition('QQQ');
    await eventually(() => expect(h.fake.book.positions.has('QQQ')).toBe(false));
    expect(await h.broker.fetchPositions()).toEqual([]);
  });

  it('rejects fetchPositions and fetchOpenOrders on 5xx instead of answering []', async () => {
    h = await brokerAgainstFake({ readRetries: 2 });
    await h.broker.connect();
    h.fake.book.setPosition('QQQ', 7, 410.5);
    h.fake.faults.serverError({ path: '/v2/positions' }, 3, { status: 503 });
    await expect(h.broker.fetchPositions()).rejects.toThrow(/GET \/v2\/positions failed: HTTP 503/);
    expect(h.fake.requests.filter((r) => r.path === '/v2/positions')).toHaveLength(3);
    h.fake.faults.serverError({ method: 'GET', path: '/v2/orders' }, 3, { status: 502 });
    await expect(h.broker.fetchOpenOrders()).rejects.toThrow(/HTTP 502/);
    // A single 5xx is retried and answered.
    h.fake.faults.serverError({ path: '/v2/positions' }, 1);
    expect(await h.broker.fetchPositions()).toHaveLength(1);
  });
});
