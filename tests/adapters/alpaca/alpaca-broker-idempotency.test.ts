import { afterEach, describe, expect, it } from 'vitest';
import {
  brokerAgainstFake,
  describeUpdates,
  eventually,
  orderRequest,
  streamCaughtUp,
  updatesOf,
  submitResting,
  orderPosts,
  type BrokerHarness,
} from '../../helpers/fake-alpaca-trading-harness';

let h: BrokerHarness;
afterEach(async () => {
  await h?.close();
});

const posts = (h: BrokerHarness) => orderPosts(h.fake);
const lookups = (h: BrokerHarness) => h.fake.requests.filter((r) => r.path === '/v2/orders:by_client_order_id');
const clientIds = (h: BrokerHarness) => posts(h).map((r) => (r.body as { client_order_id: string }).client_order_id);

describe('AlpacaBroker: idempotent orders', () => {
  it('sends exactly one POST when Alpaca takes the order but the reply never comes, and finds it by client order id', async () => {
    h = await brokerAgainstFake({ requestTimeoutMs: 200 });
    await h.broker.connect();
    h.fake.faults.timeoutAfterAccept(1);
    const o = orderRequest({ quantity: 4 });
    h.broker.submit(o);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 4@100 r0']));
    await eventually(() => expect(lookups(h).length).toBeGreaterThanOrEqual(1));
    expect(clientIds(h)).toEqual([o.clientOrderId]);
    expect(posts(h)[0]!.status).toBeNull();
    expect(lookups(h)[0]!.query).toEqual({ client_order_id: o.clientOrderId });
    expect(h.fake.book.orders.size).toBe(1);
  });

  it('looks a 5xx up instead of re-sending; Alpaca had booked it, so one POST', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.faults.serverError({ method: 'POST', path: '/v2/orders' }, 1, { status: 503, afterAccept: true });
    const o = orderRequest();
    h.broker.submit(o);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100 r0']));
    await eventually(() => expect(lookups(h).map((r) => r.status)).toEqual([200]));
    expect(clientIds(h)).toEqual([o.clientOrderId]);
  });

  it('re-sends after a 5xx only once the look-up says 404, and under the same client order id', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.faults.serverError({ method: 'POST', path: '/v2/orders' }, 1, { status: 500 });
    const o = orderRequest();
    h.broker.submit(o);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100 r0']));
    expect(clientIds(h)).toEqual([o.clientOrderId, o.clientOrderId]);
    expect(h.fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`).slice(1, 4)).toEqual([
      'POST /v2/orders 500',
      'GET /v2/orders:by_client_order_id 404',
      'POST /v2/orders 200',
    ]);
    expect(h.fake.book.orders.size).toBe(1);
  });

  it('takes "client_order_id must be unique" as "already there": looks it up and carries on, no rejection', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    // Booked but answered 5xx, and the first look-up misses it (Alpaca's index lags): the re-POST meets a 422.
    h.fake.faults.serverError({ method: 'POST', path: '/v2/orders' }, 1, { afterAccept: true });
    h.fake.faults.lookupNotFound(1);
    // The stream stays quiet meanwhile, so only the REST answers tell where the order is.
    h.fake.holdEvents();
    const o = orderRequest();
    h.broker.submit(o);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100 r0']));
    expect(clientIds(h)).toEqual([o.clientOrderId, o.clientOrderId]);
    expect(posts(h).map((r) => r.status)).toEqual([500, 422]);
    expect(lookups(h).map((r) => r.status)).toEqual([404, 200]);
    h.fake.releaseEvents();
    await streamCaughtUp(h);
    expect(describeUpdates(updatesOf(h.updates, o.clientOrderId))).toEqual(['accepted', 'fill 10@100 r0']);
    expect([...h.fake.book.orders.values()].filter((b) => b.client_order_id === o.clientOrderId)).toHaveLength(1);
  });

  it('sits out 429s on submit and sends the order once Alpaca lets it', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.faults.rateLimit(3, { match: { method: 'POST' }, retryAfter: '0' });
    const o = orderRequest();
    h.broker.submit(o);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100 r0']));
    expect(posts(h).map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(lookups(h)).toHaveLength(0);
  });

  it('drops an order canceled while it sits out 429s: Alpaca never took it, so nothing is placed', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    // Retry-After holds the retry for 30 s: the cancel comes first.
    h.fake.faults.rateLimit(1, { match: { method: 'POST' }, retryAfter: '30' });
    const o = orderRequest();
    h.broker.submit(o);
    await eventually(() => expect(posts(h).map((r) => r.status)).toEqual([429]));
    h.broker.cancel(o.clientOrderId);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['canceled']));
    expect(posts(h)).toHaveLength(1);
    expect(h.fake.book.orders.size).toBe(0);
  });

  it('rejects an ordinary order still rate limited after its retries (it was never taken)', async () => {
    h = await brokerAgainstFake({ maxRateLimitRetries: 1 });
    await h.broker.connect();
    h.fake.faults.rateLimit(2, { match: { method: 'POST' } });
    h.broker.submit(orderRequest());
    await eventually(() => expect(h.updates).toHaveLength(1));
    expect(h.updates[0]).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/rate limited 2 times/) });
  });
});

describe('AlpacaBroker: duplicate, late and out-of-order trade updates', () => {
  it('delivers each fill once when events repeat and arrive stale after later ones', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = await submitResting(h);
    h.fake.holdEvents();
    h.fake.fill(o.clientOrderId, 4, 100);
    h.fake.fill(o.clientOrderId, 6, 101);
    h.fake.releaseEvents(([partial, fill]) => [partial!, partial!, fill!, partial!, fill!]);
    h.fake.sendEvent(h.fake.events.at(-1)!);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 4@100 r6', 'fill 6@101 r0']));
    await streamCaughtUp(h);
    expect(describeUpdates(updatesOf(h.updates, o.clientOrderId))).toEqual([
      'accepted',
      'fill 4@100 r6',
      'fill 6@101 r0',
    ]);
    await eventually(() => expect(h.broker.account().cash).toBe(100_000 - 400 - 606 - 1));
  });

  it('derives the missing quantity from filled_qty when the final fill comes first, at the price filled_avg_price implies', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = await submitResting(h);
    h.fake.holdEvents();
    h.fake.fill(o.clientOrderId, 4, 100);
    h.fake.fill(o.clientOrderId, 6, 101);
    h.fake.releaseEvents((held) => [...held].reverse());
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100.6 r0']));
  });

  it('puts a fill reported late, after canceled, before the cancel, and never delivers it twice', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = await submitResting(h);
    h.fake.holdEvents();
    h.fake.fill(o.clientOrderId, 4, 99);
    h.fake.book.cancel(h.fake.order(o.clientOrderId)!);
    h.fake.releaseEvents(([partial, canceled]) => [canceled!, partial!, partial!]);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 4@99 r6', 'canceled']));
    await streamCaughtUp(h);
    expect(describeUpdates(updatesOf(h.updates, o.clientOrderId))).toEqual(['accepted', 'fill 4@99 r6', 'canceled']);
    expect(h.broker.openOrders()).toEqual([]);
  });

  it('ignores events of orders it did not send', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const foreign = h.fake.book.create({
      client_order_id: 'someone-else',
      symbol: 'SPY',
      side: 'buy',
      qty: 1,
      type: 'market',
      time_in_force: 'day',
      stop_price: null,
      limit_price: null,
      position_intent: null,
    });
    h.fake.book.fill(foreign, 1, 100);
    const mine = orderRequest({ quantity: 1 });
    h.broker.submit(mine);
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 1@100 r0']));
  });
});
