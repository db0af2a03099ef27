import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeAlpacaData, type FakeAlpacaData } from '../../helpers/fake-alpaca-data';

const KEYS = { keyId: 'PKFAKE', secretKey: 'fake-secret' };
const HEADERS = { 'APCA-API-KEY-ID': KEYS.keyId, 'APCA-API-SECRET-KEY': KEYS.secretKey };
const bar = (t: string, c: number) => ({ t, o: c, h: c, l: c, c, v: 1 });

/** A raw client that collects every message frame. */
function client(url: string): { ws: WebSocket; frames: unknown[][]; next: (n: number) => Promise<void> } {
  const ws = new WebSocket(url);
  const frames: unknown[][] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as unknown[]);
    for (const w of waiters.filter((w) => frames.length >= w.n)) w.resolve();
  });
  const next = (n: number): Promise<void> =>
    frames.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
  return { ws, frames, next };
}

describe('fake Alpaca market-data server', () => {
  let fake: FakeAlpacaData;

  beforeEach(async () => {
    fake = await startFakeAlpacaData({ ...KEYS, pageSize: 2 });
    fake.setBars('1Min', 'SPY', [
      bar('2026-12-01T14:31:00Z', 2),
      bar('2026-12-01T14:30:00Z', 1),
      bar('2026-12-01T14:32:00Z', 3),
    ]);
    fake.setBars('1Min', 'AAPL', [bar('2026-12-01T14:30:00Z', 9)]);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('serves bars in pages, symbols alphabetically, oldest first, within start and end', async () => {
    const url = new URL('/v2/stocks/bars', fake.endpoints.dataUrl);
    url.search = new URLSearchParams({
      symbols: 'SPY,AAPL',
      timeframe: '1Min',
      start: '2026-12-01T14:30:00Z',
      end: '2026-12-01T14:31:00Z',
      feed: 'iex',
    }).toString();
    const first = (await (await fetch(url, { headers: HEADERS })).json()) as { bars: unknown; next_page_token: string };
    expect(first.bars).toEqual({ AAPL: [bar('2026-12-01T14:30:00Z', 9)], SPY: [bar('2026-12-01T14:30:00Z', 1)] });
    url.searchParams.set('page_token', first.next_page_token);
    const second = (await (await fetch(url, { headers: HEADERS })).json()) as unknown;
    expect(second).toEqual({ bars: { SPY: [bar('2026-12-01T14:31:00Z', 2)] }, next_page_token: null });
  });

  it('answers 401 without the keys and 400 for an unknown timeframe', async () => {
    const base = `${fake.endpoints.dataUrl}/v2/stocks/bars?symbols=SPY&start=2026-12-01T00:00:00Z`;
    expect((await fetch(`${base}&timeframe=1Min`)).status).toBe(401);
    expect((await fetch(`${base}&timeframe=2Weeks`, { headers: HEADERS })).status).toBe(400);
  });

  it('speaks the stream protocol: welcome, auth, subscribe, bars; a wrong secret gets 402', async () => {
    const good = client(`${fake.endpoints.dataStreamUrl}/iex`);
    await good.next(1);
    good.ws.send(JSON.stringify({ action: 'auth', key: KEYS.keyId, secret: KEYS.secretKey }));
    await good.next(2);
    good.ws.send(JSON.stringify({ action: 'subscribe', bars: ['SPY'] }));
    await good.next(3);
    expect(fake.publishBar('SPY', bar('2026-12-01T14:33:00Z', 4))).toBe(1);
    await good.next(4);
    expect(good.frames[0]).toEqual([{ T: 'success', msg: 'connected' }]);
    expect(good.frames[1]).toEqual([{ T: 'success', msg: 'authenticated' }]);
    expect(good.frames[2]?.[0]).toMatchObject({ T: 'subscription', bars: ['SPY'], trades: [], quotes: [] });
    expect(good.frames[3]).toEqual([{ T: 'b', S: 'SPY', ...bar('2026-12-01T14:33:00Z', 4) }]);

    const bad = client(`${fake.endpoints.dataStreamUrl}/sip`);
    await bad.next(1);
    bad.ws.send(JSON.stringify({ action: 'auth', key: KEYS.keyId, secret: 'nope' }));
    await bad.next(2);
    expect(bad.frames[1]).toEqual([{ T: 'error', code: 402, msg: 'auth failed' }]);
    good.ws.close();
    bad.ws.close();
  });

  it('refuses the next handshakes with the status asked for', async () => {
    fake.failHandshakes(1, 429);
    const ws = new WebSocket(`${fake.endpoints.dataStreamUrl}/iex`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(status).toBe(429);
    expect(fake.handshakes).toBe(1);
  });
});
