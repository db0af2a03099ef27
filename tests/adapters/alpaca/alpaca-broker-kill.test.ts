import { afterEach, describe, expect, it } from 'vitest';
import {
  brokerAgainstFake,
  describeUpdates,
  eventually,
  orderRequest,
  updatesOf,
  type BrokerHarness,
} from '../../helpers/fake-alpaca-trading-harness';
import { ManualTimers } from '../../helpers/manual-timers';

let h: BrokerHarness;
afterEach(async () => {
  await h?.close();
});

/** Submits `n` entries that stay open at the fake and waits until Alpaca has them. */
async function openEntries(n: number): Promise<string[]> {
  h.fake.setAutoFill({ mode: 'none' });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const o = orderRequest({ symbol: ['SPY', 'QQQ', 'IWM', 'DIA'][i % 4]!, quantity: 1 + i });
    h.broker.submit(o);
    ids.push(o.clientOrderId);
  }
  await eventually(() => expect(h.fake.book.openOrders()).toHaveLength(n));
  await eventually(() => expect(h.updates.filter((u) => u.kind === 'accepted')).toHaveLength(n));
  return ids;
}

const cancelAllCalls = (h: BrokerHarness) =>
  h.fake.requests.filter((r) => r.method === 'DELETE' && r.path === '/v2/orders');

describe('AlpacaBroker: kill (cancel all, confirmed)', () => {
  it('retries the orders whose cancel failed in the 207 until none is open, each canceled once', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const ids = await openEntries(3);
    h.fake.faults.cancelAllFailures(2, 2);
    const before = h.fake.requests.length;
    await h.broker.cancelAllConfirmed();
    // The cancels leave first, then the check.
    expect(h.fake.requests[before]).toMatchObject({ method: 'DELETE', path: '/v2/orders' });
    expect(h.fake.book.openOrders()).toEqual([]);
    expect(cancelAllCalls(h).map((r) => r.status)).toEqual([207, 207, 207]);
    for (const id of ids) expect(describeUpdates(updatesOf(h.updates, id))).toEqual(['accepted', 'canceled']);
    expect(h.broker.openOrders()).toEqual([]);
    const last = h.fake.requests.filter((r) => r.path === '/v2/orders' && r.method === 'GET').at(-1);
    expect(last?.query.status).toBe('open');
  });

  it('holds orders sent during the cancel-all and places them after (a flatten is not refused for shares held by a stop)', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.setAutoFill({ mode: 'none' });
    h.fake.book.setPosition('SPY', 10, 100);
    const stop = orderRequest({ side: 'sell', type: 'stop', stopPrice: 95, purpose: 'stop' });
    h.broker.submit(stop);
    await eventually(() => expect(h.fake.book.openOrders()).toHaveLength(1));
    h.fake.faults.cancelAllFailures(1);
    h.fake.setAutoFill({ mode: 'immediate', price: 99 });
    // The engine's halt: cancel all, then flatten in the same task.
    h.broker.cancelAll();
    const flatten = orderRequest({ side: 'sell', quantity: 10, purpose: 'flatten' });
    h.broker.submit(flatten);
    await eventually(() => expect(updatesOf(h.updates, flatten.clientOrderId)).toHaveLength(2));
    expect(describeUpdates(updatesOf(h.updates, stop.clientOrderId))).toEqual(['accepted', 'canceled']);
    expect(describeUpdates(updatesOf(h.updates, flatten.clientOrderId))).toEqual(['accepted', 'fill 10@99 r0']);
    expect(h.fake.book.positions.has('SPY')).toBe(false);
    const order = h.fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(order.lastIndexOf('DELETE /v2/orders')).toBeLessThan(order.lastIndexOf('POST /v2/orders'));
  });

  it('cancels orders not yet sent without sending them', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = orderRequest();
    h.broker.submit(o);
    await h.broker.cancelAllConfirmed();
    expect(describeUpdates(h.updates)).toEqual(['canceled']);
    expect(h.fake.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('completes under a 429 storm, while ordinary requests never went past their share of the budget', async () => {
    // A window that never moves: what the share allows is all ordinary requests ever get.
    const timers = new ManualTimers();
    h = await brokerAgainstFake({ rateLimit: { requestsPerMinute: 40, normalShare: 0.25, timers } });
    await h.broker.connect();
    const ids = await openEntries(3);
    const refreshes = Array.from({ length: 10 }, () => h.broker.refreshAccount().catch(() => 'stopped'));
    const ordinary = () =>
      h.fake.requests.filter((r) => r.path === '/v2/account' || (r.method === 'POST' && r.path === '/v2/orders'));
    await eventually(() => expect(ordinary().filter((r) => r.status !== null)).toHaveLength(10));

    h.fake.faults.rateLimit(12, { retryAfter: '0' });
    await h.broker.cancelAllConfirmed();

    expect(h.fake.book.openOrders()).toEqual([]);
    for (const id of ids) expect(describeUpdates(updatesOf(h.updates, id))).toEqual(['accepted', 'canceled']);
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(12);
    // 1 account read at connect + 3 entries + 6 refreshes = the share of 10; 4 refreshes still wait.
    expect(ordinary()).toHaveLength(10);
    await h.broker.disconnect();
    expect((await Promise.all(refreshes)).filter((r) => r === 'stopped')).toHaveLength(4);
  });

  it('gives a second kill the same run', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    await openEntries(2);
    const first = h.broker.cancelAllConfirmed();
    expect(h.broker.cancelAllConfirmed()).toBe(first);
    await first;
    expect(h.fake.book.openOrders()).toEqual([]);
  });
});
