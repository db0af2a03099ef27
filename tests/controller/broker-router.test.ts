import { afterEach, describe, expect, it } from 'vitest';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { BrokerRouter } from '../../src-main/controller/broker-router';
import type { OrderUpdate } from '../../src-main/engine/orders';
import {
  brokerAgainstFake,
  eventually,
  orderPosts,
  orderRequest,
  type BrokerHarness,
} from '../helpers/fake-alpaca-trading-harness';

const harnesses: BrokerHarness[] = [];
afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.close();
});

async function routed(route: ConstructorParameters<typeof BrokerRouter>[2]) {
  const h = await brokerAgainstFake();
  harnesses.push(h);
  await h.broker.connect();
  const paper = new PaperBroker({ startingEquity: 50_000 });
  const router = new BrokerRouter(paper, h.broker, route);
  // The paper broker prices orders from the bars it has seen.
  router.processBar({
    ticker: 'SPY',
    timeframe: '1m',
    time: 0,
    open: 500,
    high: 501,
    low: 499,
    close: 500,
    volume: 1e6,
  });
  const updates: OrderUpdate[] = [];
  router.onUpdate((u) => updates.push(u));
  return { h, paper, router, updates };
}

const posts = (h: BrokerHarness) => orderPosts(h.fake);

describe('BrokerRouter (primary / fallback)', () => {
  it('sends entries to a connected primary and names it the active broker', async () => {
    const { h, router, updates } = await routed({ primary: 'alpaca', fallback: 'paper' });
    expect(router.name).toBe('Alpaca (Paper)');
    const entry = orderRequest();
    router.submit(entry);
    await eventually(() => expect(updates.some((u) => u.kind === 'fill')).toBe(true));
    expect(posts(h)).toHaveLength(1);
  });

  it('sends new entries to the fallback while the primary is down, and exits to where the position lives', async () => {
    const { h, paper, router } = await routed({ primary: 'alpaca', fallback: 'paper' });
    const atAlpaca = orderRequest();
    router.submit(atAlpaca);
    await eventually(() => expect(posts(h)).toHaveLength(1));

    h.fake.faults.refuseStream = true;
    h.fake.dropStream();
    await eventually(() => expect(h.broker.connection()).not.toBe('connected'));
    expect(router.activeVenue()).toBe('paper');
    expect(router.name).toBe('Paper (simulated)');
    const atPaper = orderRequest();
    router.submit(atPaper);
    expect(paper.openOrders().map((o) => o.clientOrderId)).toEqual([atPaper.clientOrderId]);
    expect(posts(h)).toHaveLength(1);

    // The Alpaca position's exit still goes to Alpaca (it holds the shares), not to paper.
    const exit = orderRequest({ side: 'sell', purpose: 'exit', positionId: atAlpaca.positionId });
    expect(router.venueFor(exit)).toBe('alpaca');
    router.submit(exit);
    expect(paper.openOrders().map((o) => o.clientOrderId)).toEqual([atPaper.clientOrderId]);
  });

  it('rejects an entry when neither primary nor fallback can take it, with the reason', async () => {
    const { h, router, updates } = await routed({ primary: 'alpaca', fallback: 'none' });
    h.fake.faults.refuseStream = true;
    h.fake.dropStream();
    await eventually(() => expect(h.broker.connection()).not.toBe('connected'));
    const entry = orderRequest();
    router.submit(entry);
    expect(updates).toContainEqual({
      kind: 'rejected',
      clientOrderId: entry.clientOrderId,
      reason: 'no broker is connected (primary and fallback unavailable)',
      time: entry.time,
    });
    expect(posts(h)).toHaveLength(0);
  });
});
