import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src-shared/config-schema';
import { AlpacaFeed, type AlpacaFeedOptions } from '../../../src-main/adapters/alpaca/alpaca-feed';
import { startFakeAlpacaData, type FakeAlpacaData } from '../../helpers/fake-alpaca-data';
import { wireBar } from '../../helpers/fake-alpaca-data-bars';
import { FeedRecorder } from '../../helpers/fake-alpaca-data-recorder';
import { ManualClock } from '../../helpers/manual-clock';
import { ManualTimers } from '../../helpers/manual-timers';

const KEYS = { keyId: 'PKSTREAMKEY', secretKey: 'stream-secret-abcdef0123456789' };
const MINUTE = 60_000;
/** Tuesday 2026-12-01 (EST): 09:30 ET is 14:30 UTC. */
const OPEN = Date.parse('2026-12-01T14:30:00Z');

/** Resolves once `predicate` holds, checked after each turn of the event loop (for state no event announces). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

const bar = (time: number, price: number) =>
  wireBar({ time, open: price, high: price + 1, low: price - 1, close: price + 0.5, volume: 1000 });

describe('AlpacaFeed live stream', () => {
  let fake: FakeAlpacaData;
  let feed: AlpacaFeed | null = null;
  let recorder: FeedRecorder;

  beforeEach(async () => {
    fake = await startFakeAlpacaData(KEYS);
    recorder = new FeedRecorder();
  });

  afterEach(async () => {
    feed?.disconnect();
    feed = null;
    await fake.close();
    // No status detail or error message may ever carry the secret.
    for (const text of recorder.texts) expect(text).not.toContain(KEYS.secretKey);
  });

  function makeFeed(overrides: Partial<AlpacaFeedOptions> = {}): AlpacaFeed {
    feed = new AlpacaFeed({
      credentials: KEYS,
      endpoints: fake.endpoints,
      source: 'iex',
      clock: new ManualClock(OPEN + 60 * MINUTE),
      backoff: { baseMs: 1, capMs: 4 },
      random: () => 0.5,
      ...overrides,
    });
    return feed;
  }

  it('authenticates with a message and subscribes to the minute bars of every ticker on the chosen feed', async () => {
    const f = makeFeed({ source: 'sip' });
    expect(f.name).toBe('Alpaca SIP');
    expect(f.simulated).toBe(false);
    f.connect(['SPY', 'QQQ'], recorder);
    await recorder.waitForStatus('connected');
    const [conn] = fake.connections;
    expect(conn?.feed).toBe('sip');
    expect(conn?.received).toEqual([
      { action: 'auth', key: KEYS.keyId, secret: KEYS.secretKey },
      { action: 'subscribe', bars: ['SPY', 'QQQ'] },
    ]);
    expect([...(conn?.bars ?? [])]).toEqual(['SPY', 'QQQ']);
  });

  it('delivers regular-session minute bars of subscribed tickers as Bar objects, each ticker in order, once', async () => {
    makeFeed().connect(['SPY', 'QQQ'], recorder);
    await recorder.waitForStatus('connected');
    const t = OPEN + 30 * MINUTE;
    fake.publishBars([
      { symbol: 'SPY', bar: bar(t, 600) },
      { symbol: 'QQQ', bar: bar(t, 500) },
      { symbol: 'SPY', bar: bar(OPEN - 10 * MINUTE, 1) }, // pre-market
    ]);
    fake.publishBar('SPY', bar(t, 1)); // duplicate after a hiccup
    fake.publishBar('SPY', bar(t - MINUTE, 1)); // older than what was delivered
    fake.publishBar('SPY', bar(t + MINUTE, 601));
    await recorder.waitFor(() => recorder.bars.length >= 3);
    expect(recorder.bars).toEqual([
      { ticker: 'SPY', timeframe: '1m', time: t, open: 600, high: 601, low: 599, close: 600.5, volume: 1000 },
      { ticker: 'QQQ', timeframe: '1m', time: t, open: 500, high: 501, low: 499, close: 500.5, volume: 1000 },
      { ticker: 'SPY', timeframe: '1m', time: t + MINUTE, open: 601, high: 602, low: 600, close: 601.5, volume: 1000 },
    ]);
  });

  it('after a dropped connection reports disconnected, reconnects, re-authenticates and re-subscribes to every ticker', async () => {
    makeFeed().connect(['SPY', 'QQQ', 'IWM'], recorder);
    await recorder.waitForStatus('connected');
    fake.dropConnections();
    await recorder.waitForStatus('connected', 2);
    expect(recorder.statuses.map((s) => s.status)).toEqual(['connected', 'disconnected', 'connected']);
    expect(recorder.statuses[1]?.detail).toMatch(/reconnecting in/);
    expect(fake.connections).toHaveLength(2);
    const second = fake.connections[1];
    expect(second?.authenticated).toBe(true);
    expect([...(second?.bars ?? [])].sort()).toEqual(['IWM', 'QQQ', 'SPY']);
    fake.publishBar('IWM', bar(OPEN + 5 * MINUTE, 200));
    await recorder.waitFor(() => recorder.bars.length === 1);
    expect(recorder.bars[0]?.ticker).toBe('IWM');
  });

  it('retries a WebSocket handshake refused with HTTP 429 with backoff until it gets through', async () => {
    fake.failHandshakes(3, 429);
    makeFeed().connect(['SPY'], recorder);
    await recorder.waitForStatus('connected');
    expect(fake.handshakes).toBe(4);
    expect(recorder.statuses[0]).toEqual({
      status: 'disconnected',
      detail: expect.stringMatching(/HTTP 429/) as unknown as string,
    });
  });

  it('after a non-fatal server error (500) raises a non-fatal alert, reconnects and re-subscribes', async () => {
    makeFeed().connect(['SPY'], recorder);
    await recorder.waitForStatus('connected');
    fake.sendError(500, 'internal error');
    await recorder.waitForStatus('connected', 2);
    expect(recorder.errors).toEqual([
      { message: expect.stringMatching(/500 internal error/) as unknown as string, fatal: false },
    ]);
    expect(fake.connections.filter((c) => c.authenticated)).toHaveLength(2);
  });

  describe('stops for good on errors retrying cannot cure', () => {
    const cases: { name: string; arrange: (fake: FakeAlpacaData) => void; keys?: typeof KEYS; pattern: RegExp }[] = [
      {
        name: '402 auth failed',
        arrange: () => {},
        keys: { ...KEYS, secretKey: 'wrong-secret' },
        pattern: /authentication failed.*402/,
      },
      {
        name: '406 connection limit exceeded',
        arrange: (f) => f.failAuth({ code: 406, msg: 'connection limit exceeded' }),
        pattern: /connection limit exceeded.*406/,
      },
      {
        name: '409 insufficient subscription',
        arrange: (f) => f.failAuth({ code: 409, msg: 'insufficient subscription' }),
        pattern: /insufficient subscription.*409/,
      },
      {
        name: '405 symbol limit exceeded',
        arrange: (f) => f.failSubscribe({ code: 405, msg: 'symbol limit exceeded' }),
        pattern: /symbol limit.*405/,
      },
    ];
    for (const { name, arrange, keys, pattern } of cases) {
      it(`${name}: a fatal alert, 'disconnected', and no reconnect`, async () => {
        const timers = new ManualTimers();
        arrange(fake);
        makeFeed({ timers, credentials: keys ?? KEYS }).connect(['SPY'], recorder);
        await recorder.waitFor(() => recorder.errors.length > 0);
        expect(recorder.errors).toEqual([
          { message: expect.stringMatching(pattern) as unknown as string, fatal: true },
        ]);
        expect(recorder.status).toBe('disconnected');
        expect(recorder.statuses.at(-1)?.detail).toMatch(pattern);
        await fake.waitFor(() => fake.connections.every((c) => c.closed));
        expect(timers.pending).toBe(0);
        timers.advance(10 * MINUTE);
        expect(fake.handshakes).toBe(1);
      });
    }

    it('an API key refused at the handshake (HTTP 401) three times running: fatal, no fourth try', async () => {
      const timers = new ManualTimers();
      fake.failHandshakes(10, 401);
      makeFeed({ timers }).connect(['SPY'], recorder);
      for (let attempt = 1; attempt <= 2; attempt++) {
        await until(() => timers.pending === 2); // the staleness check and the reconnect
        expect(recorder.status).toBe('disconnected');
        timers.advance(5);
        await fake.waitFor(() => fake.handshakes === attempt + 1);
      }
      await recorder.waitFor(() => recorder.errors.length > 0);
      expect(recorder.errors).toEqual([
        { message: expect.stringMatching(/not authorized/) as unknown as string, fatal: true },
      ]);
      expect(timers.pending).toBe(0);
      expect(fake.handshakes).toBe(3);
    });
  });

  it('keeps the secret out of every message, even when the server echoes it', async () => {
    makeFeed().connect(['SPY'], recorder);
    await recorder.waitForStatus('connected');
    fake.sendError(500, `bad key ${KEYS.secretKey}`);
    await recorder.waitFor(() => recorder.errors.length > 0);
    expect(recorder.errors[0]?.message).toContain('bad key ***');
  });

  it('disconnect closes the socket, reports disconnected once and never reconnects', async () => {
    const timers = new ManualTimers();
    const f = makeFeed({ timers });
    f.connect(['SPY'], recorder);
    await recorder.waitForStatus('connected');
    f.disconnect();
    f.disconnect();
    await fake.waitFor(() => fake.connections[0]?.closed === true);
    expect(recorder.statuses.map((s) => s.status)).toEqual(['connected', 'disconnected']);
    expect(timers.pending).toBe(0);
  });
});

describe('AlpacaFeed staleness', () => {
  const staleAfterMs = defaultConfig().risk.staleDataSeconds * 1000;
  let fake: FakeAlpacaData;
  let feed: AlpacaFeed;
  let recorder: FeedRecorder;
  let timers: ManualTimers;

  beforeEach(async () => {
    fake = await startFakeAlpacaData(KEYS);
    recorder = new FeedRecorder();
    timers = new ManualTimers();
  });

  afterEach(async () => {
    feed.disconnect();
    await fake.close();
  });

  /** Moves time on: the feed's clock reads the manual timers' time, so each check sees its own instant. */
  function advance(ms: number): void {
    timers.advance(ms);
  }

  async function connectAt(t: number): Promise<void> {
    const clock = { now: () => t + timers.now() };
    feed = new AlpacaFeed({
      credentials: KEYS,
      endpoints: fake.endpoints,
      source: 'iex',
      clock,
      timers,
      staleCheckMs: 1000,
      backoff: { baseMs: 1, capMs: 4 },
      random: () => 0.5,
    });
    feed.connect(['SPY'], recorder);
    await recorder.waitForStatus('connected');
  }

  it('defaults the limit to the config stale-data limit: no bar for longer than it in session → delayed', async () => {
    await connectAt(OPEN + 60 * MINUTE);
    advance(staleAfterMs);
    expect(recorder.status).toBe('connected');
    advance(1000);
    expect(recorder.status).toBe('delayed');
    expect(recorder.statuses.at(-1)?.detail).toMatch(/no bar from Alpaca for 121 s/);
  });

  it('a bar after a delay reports connected again, and restarts the wait', async () => {
    await connectAt(OPEN + 60 * MINUTE);
    advance(staleAfterMs + 1000);
    expect(recorder.status).toBe('delayed');
    fake.publishBar('SPY', bar(OPEN + 61 * MINUTE, 600));
    await recorder.waitForStatus('connected', 2);
    advance(staleAfterMs);
    expect(recorder.status).toBe('connected');
    advance(1000);
    expect(recorder.status).toBe('delayed');
  });

  it('is never delayed outside the session', async () => {
    await connectAt(OPEN + 8 * 60 * MINUTE); // 17:30 ET
    advance(60 * MINUTE);
    expect(recorder.statuses.map((s) => s.status)).toEqual(['connected']);
  });

  it('waits from the open, not from a connect before it', async () => {
    await connectAt(OPEN - 30 * MINUTE);
    advance(30 * MINUTE + staleAfterMs);
    expect(recorder.status).toBe('connected');
    advance(2000);
    expect(recorder.status).toBe('delayed');
  });

  it('a dropped socket is disconnected, not delayed', async () => {
    await connectAt(OPEN + 60 * MINUTE);
    fake.dropConnections();
    await recorder.waitForStatus('disconnected');
    fake.failHandshakes(1000, 503);
    advance(staleAfterMs * 2);
    expect(recorder.statuses.map((s) => s.status)).not.toContain('delayed');
  });
});
