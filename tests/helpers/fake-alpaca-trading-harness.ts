import { expect, vi } from 'vitest';
import { AlpacaBroker, type AlpacaBrokerOptions } from '../../src-main/adapters/alpaca/alpaca-broker';
import type { BrokerConnection } from '../../src-main/engine/ports';
import type { OrderRequest, OrderUpdate } from '../../src-main/engine/orders';
import { startFakeAlpacaTrading, type FakeAlpacaTrading, type FakeAlpacaTradingOptions } from './fake-alpaca-trading';

/** Test keys; the secret is distinctive so a leak into a message is easy to spot. */
export const KEYS = { keyId: 'PKFAKEKEY0001', secretKey: 'secret-Zq8vX2-never-print' };

export interface BrokerHarness {
  fake: FakeAlpacaTrading;
  broker: AlpacaBroker;
  updates: OrderUpdate[];
  statuses: { status: BrokerConnection; detail?: string }[];
  close(): Promise<void>;
}

/**
 * The production AlpacaBroker pointed at a fresh fake, with short timeouts and backoff so
 * faults resolve quickly, and a fixed update time.
 */
export async function brokerAgainstFake(
  options: Partial<AlpacaBrokerOptions> = {},
  fakeOptions: Partial<FakeAlpacaTradingOptions> = {},
): Promise<BrokerHarness> {
  const fake = await startFakeAlpacaTrading({ ...KEYS, ...fakeOptions });
  const broker = new AlpacaBroker({
    credentials: KEYS,
    endpoints: fake.endpoints,
    requestTimeoutMs: 400,
    backoff: { baseMs: 2, capMs: 20 },
    random: () => 0.5,
    pingIntervalMs: 60_000,
    now: () => 1_000,
    ...options,
  });
  const updates: OrderUpdate[] = [];
  const statuses: BrokerHarness['statuses'] = [];
  broker.onUpdate((u) => updates.push(u));
  broker.onConnection((status, detail) => statuses.push({ status, detail }));
  return {
    fake,
    broker,
    updates,
    statuses,
    close: async () => {
      await broker.disconnect();
      await fake.close();
    },
  };
}

let seq = 0;

/** A market buy of 10 SPY opening a position, unless overridden. */
export function orderRequest(over: Partial<OrderRequest> = {}): OrderRequest {
  seq++;
  return {
    clientOrderId: `AX-T${seq}`,
    symbol: 'SPY',
    instrumentType: 'stock',
    side: 'buy',
    quantity: 10,
    type: 'market',
    positionId: `pos-${seq}`,
    purpose: 'entry',
    time: 1_000,
    ...over,
  };
}

/** Waits until `check` stops throwing (a condition, never a duration). */
export const eventually = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 5_000, interval: 5 });

/** The updates of one order, in delivery order. */
export const updatesOf = (updates: readonly OrderUpdate[], clientOrderId: string): OrderUpdate[] =>
  updates.filter((u) => (u.kind === 'fill' ? u.fill.clientOrderId : u.clientOrderId) === clientOrderId);

/** A compact view of updates: 'accepted', 'fill 4@100 r6', 'canceled', 'rejected: …'. */
export const describeUpdates = (updates: readonly OrderUpdate[]): string[] =>
  updates.map((u) => {
    if (u.kind === 'fill') return `fill ${u.fill.quantity}@${u.fill.price} r${u.remaining}`;
    if (u.kind === 'rejected') return `rejected: ${u.reason}`;
    return u.kind;
  });

/** The new-order POSTs the fake received. */
export const orderPosts = (fake: FakeAlpacaTrading) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders');

/**
 * Turns the fake's automatic fills off, submits an order (`orderRequest(over)`) and waits until
 * the broker reports it accepted: an order resting at Alpaca, to be filled or cancelled by hand.
 */
export async function submitResting(h: BrokerHarness, over: Partial<OrderRequest> = {}): Promise<OrderRequest> {
  h.fake.setAutoFill({ mode: 'none' });
  const o = orderRequest(over);
  h.broker.submit(o);
  await eventually(() => expect(describeUpdates(updatesOf(h.updates, o.clientOrderId))).toEqual(['accepted']));
  return o;
}

/**
 * A barrier on the stream: sends a marker order and fills it at the fake; once its fill has
 * arrived, every event the fake sent before has been handled (one socket, in order). Leaves
 * the fake's automatic fills off.
 */
export async function streamCaughtUp(h: BrokerHarness): Promise<void> {
  const marker = await submitResting(h, { symbol: 'MARK', quantity: 1 });
  h.fake.fill(marker.clientOrderId, 1, 1);
  await eventually(() => expect(updatesOf(h.updates, marker.clientOrderId)).toHaveLength(2));
}
