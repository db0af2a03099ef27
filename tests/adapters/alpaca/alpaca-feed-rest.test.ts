import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlpacaFeed, type AlpacaFeedOptions } from '../../../src-main/adapters/alpaca/alpaca-feed';
import { startFakeAlpacaData, type FakeAlpacaData } from '../../helpers/fake-alpaca-data';
import { wireBar } from '../../helpers/fake-alpaca-data-bars';
import { ManualClock } from '../../helpers/manual-clock';

const KEYS = { keyId: 'PKRESTKEY', secretKey: 'rest-secret-0123456789abcdef' };
const MINUTE = 60_000;
/** Tuesday 2026-12-01, 10:00 ET. */
const END = Date.parse('2026-12-01T15:00:00Z');
const OPEN = Date.parse('2026-12-01T14:30:00Z');

describe('AlpacaFeed.prepare over REST', () => {
  let fake: FakeAlpacaData;

  beforeEach(async () => {
    fake = await startFakeAlpacaData({ ...KEYS, pageSize: 7 });
    const minutes = Array.from({ length: 30 }, (_, i) =>
      wireBar({ time: OPEN + i * MINUTE, open: 100 + i, high: 101 + i, low: 99 + i, close: 100.5 + i, volume: 10 }),
    );
    fake.setBars('1Min', 'SPY', minutes);
  });

  afterEach(async () => {
    await fake.close();
  });

  const feedWith = (overrides: Partial<AlpacaFeedOptions> = {}): AlpacaFeed =>
    new AlpacaFeed({
      credentials: KEYS,
      endpoints: fake.endpoints,
      source: 'iex',
      clock: new ManualClock(END),
      backoff: { baseMs: 1, capMs: 4 },
      random: () => 0.5,
      ...overrides,
    });

  it('follows every page of a small page size and returns the bars asked for', async () => {
    const feed = feedWith();
    await feed.prepare(['SPY'], END);
    const minutePages = fake.restRequests.filter((r) => r.query.timeframe === '1Min');
    expect(minutePages).toHaveLength(5); // 30 bars, 7 a page
    const bars = feed.history('SPY', '1m', 100, END);
    expect(bars.map((b) => b.time)).toEqual(Array.from({ length: 30 }, (_, i) => OPEN + i * MINUTE));
    expect(feed.history('SPY', '5m', 10, END).map((b) => b.volume)).toEqual([50, 50, 50, 50, 50, 50]);
  });

  it('backs off on HTTP 429 (honouring Retry-After) and then succeeds', async () => {
    fake.failRest(3, 429, 0);
    const feed = feedWith();
    await feed.prepare(['SPY'], END);
    expect(fake.restRequests.slice(0, 4).map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(feed.history('SPY', '1m', 100, END)).toHaveLength(30);
  });

  it('retries a 5xx too, but gives up after maxRetries with a clear message', async () => {
    fake.failRest(100, 503);
    const feed = feedWith({ maxRetries: 2 });
    await expect(feed.prepare(['SPY'], END)).rejects.toThrow(
      /Alpaca market data did not answer the request for 1Min bars of SPY after 3 attempts \(HTTP 503/,
    );
    expect(fake.restRequests).toHaveLength(3);
  });

  it('rejects at once when the keys are refused (401), without the secret in the message', async () => {
    const wrong = { keyId: KEYS.keyId, secretKey: 'not-the-secret-9876543210' };
    const feed = feedWith({ credentials: wrong });
    const error = await feed.prepare(['SPY'], END).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/refused the API key \(HTTP 401/);
    expect(error?.message).not.toContain(wrong.secretKey);
    expect(error?.message).not.toContain(KEYS.secretKey);
    expect(fake.restRequests).toHaveLength(1);
  });

  it('rejects a request the server finds malformed (400) without retrying', async () => {
    fake.failRest(1, 400);
    await expect(feedWith().prepare(['SPY'], END)).rejects.toThrow(/rejected the request .*HTTP 400/);
    expect(fake.restRequests).toHaveLength(1);
  });
});
