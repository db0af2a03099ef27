import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeAlpacaTrading, type FakeAlpacaTrading } from '../../helpers/fake-alpaca-trading';
import { KEYS } from '../../helpers/fake-alpaca-trading-harness';

let fake: FakeAlpacaTrading;
beforeEach(async () => {
  fake = await startFakeAlpacaTrading(KEYS);
});
afterEach(async () => {
  await fake.close();
});

const headers = {
  'APCA-API-KEY-ID': KEYS.keyId,
  'APCA-API-SECRET-KEY': KEYS.secretKey,
  'content-type': 'application/json',
};
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${fake.endpoints.tradingUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
};
const order = (over: Record<string, unknown> = {}) => ({
  symbol: 'SPY',
  qty: '1',
  side: 'buy',
  type: 'market',
  time_in_force: 'day',
  client_order_id: 'c-1',
  ...over,
});

describe('fake Alpaca trading server', () => {
  it('checks the key headers', async () => {
    const res = await fetch(`${fake.endpoints.tradingUrl}/v2/account`);
    expect(res.status).toBe(401);
    expect((await call('GET', '/v2/account')).body).toMatchObject({ equity: '100000.00', buying_power: '100000.00' });
  });

  it('validates orders as Alpaca does: unique client ids of at most 48 characters, day orders for options', async () => {
    fake.setAutoFill({ mode: 'none' });
    expect((await call('POST', '/v2/orders', order())).status).toBe(200);
    expect(await call('POST', '/v2/orders', order())).toMatchObject({
      status: 422,
      body: { message: 'client_order_id must be unique' },
    });
    expect((await call('POST', '/v2/orders', order({ client_order_id: 'x'.repeat(49) }))).status).toBe(422);
    expect(
      (
        await call(
          'POST',
          '/v2/orders',
          order({ client_order_id: 'o', symbol: 'SPY261124C00595000', time_in_force: 'gtc' }),
        )
      ).status,
    ).toBe(422);
    expect((await call('POST', '/v2/orders', order({ client_order_id: 's', type: 'stop' }))).status).toBe(422);
    expect((await call('GET', '/v2/orders:by_client_order_id?client_order_id=c-1')).body).toMatchObject({
      client_order_id: 'c-1',
      status: 'new',
      qty: '1',
      filled_qty: '0',
    });
  });

  it('answers DELETE /v2/orders with 207 and a status per order, failing what it was told to', async () => {
    fake.setAutoFill({ mode: 'none' });
    await call('POST', '/v2/orders', order({ client_order_id: 'a' }));
    await call('POST', '/v2/orders', order({ client_order_id: 'b' }));
    fake.faults.cancelAllFailures(1, 1);
    const first = await call('DELETE', '/v2/orders');
    expect(first.status).toBe(207);
    expect((first.body as { status: number }[]).map((s) => s.status)).toEqual([500, 200]);
    expect((await call('GET', '/v2/orders?status=open')).body).toHaveLength(1);
    await call('DELETE', '/v2/orders');
    expect((await call('GET', '/v2/orders?status=open')).body).toEqual([]);
  });

  it('injects 429s with Retry-After', async () => {
    fake.faults.rateLimit(1, { retryAfter: '3' });
    const limited = await call('GET', '/v2/clock');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await call('GET', '/v2/clock')).status).toBe(200);
  });

  it('streams trade updates in binary frames after auth and listen', async () => {
    const ws = new WebSocket(fake.endpoints.tradingStreamUrl);
    const frames: { binary: boolean; msg: { stream: string; data: Record<string, unknown> } }[] = [];
    ws.on('message', (data, isBinary) => frames.push({ binary: isBinary, msg: JSON.parse(String(data)) }));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ action: 'auth', key: KEYS.keyId, secret: KEYS.secretKey }));
    ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
    await expect.poll(() => fake.listeners()).toBe(1);
    await call('POST', '/v2/orders', order());
    await expect.poll(() => frames.length).toBe(4);
    ws.close();
    expect(frames.map((f) => f.binary)).toEqual([true, true, true, true]);
    expect(frames.map((f) => f.msg.stream)).toEqual(['authorization', 'listening', 'trade_updates', 'trade_updates']);
    expect(frames[0]!.msg.data).toEqual({ status: 'authorized', action: 'authenticate' });
    expect(frames.slice(2).map((f) => f.msg.data.event)).toEqual(['new', 'fill']);
    expect(frames[3]!.msg.data).toMatchObject({ qty: '1', price: '100', position_qty: '1' });
  });
});
