import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { defaultConfig } from '../../../src-shared/config-schema';
import { TIMEFRAMES, type Bar, type Timeframe } from '../../../src-shared/market';
import { AlpacaFeed } from '../../../src-main/adapters/alpaca/alpaca-feed';
import { SyntheticFeed, type FeedTimers } from '../../../src-main/adapters/synthetic-feed';
import { sessionBounds, sessionDateOf } from '../../../src-main/engine/market-calendar';
import { startFakeAlpacaData, type FakeAlpacaData } from '../../helpers/fake-alpaca-data';
import { clockAligned, dailyBars, wireBar } from '../../helpers/fake-alpaca-data-bars';
import { ManualClock } from '../../helpers/manual-clock';

const schedule = defaultConfig().schedule;
const KEYS = { keyId: 'PKTESTKEYID', secretKey: 'history-secret-0123456789' };
const TICKERS = ['SPY', 'QQQ'];
const MINUTE = 60_000;
/** What the engine asks for at warm-up (trading-engine WARM_UP_BARS). */
const WARM_UP: Record<Timeframe, number> = { '1m': 120, '5m': 120, '10m': 120, '1h': 120, '1d': 130 };
/** Tuesday 2026-12-01, 11:07 ET: mid-session, after Thanksgiving (holiday) and its half day. */
const END = Date.parse('2026-12-01T16:07:00Z');
/** The half day 2026-11-27, 12:40 ET (history asked for an earlier instant than was loaded). */
const HALF_DAY_END = Date.parse('2026-11-27T17:40:00Z');

const noTimers: FeedTimers = { setInterval: () => 0, clearInterval: () => {} };
const ny = (t: number): string => {
  const d = new TZDate(t, 'America/New_York');
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Alpaca also has extended-hours minutes; priced absurdly so that any leak shows. */
function extendedHours(ticker: string, regular: readonly Bar[]): Bar[] {
  const dates = [...new Set(regular.map((b) => sessionDateOf(b.time)))];
  return dates.flatMap((date) => {
    const bounds = sessionBounds(date, schedule);
    if (!bounds) return [];
    const times = [bounds.open - 90 * MINUTE, bounds.open - MINUTE, bounds.close, bounds.close + 30 * MINUTE];
    return times.map((time) => ({
      ticker,
      timeframe: '1m' as const,
      time,
      open: 9999,
      high: 9999,
      low: 1,
      close: 9999,
      volume: 1e9,
    }));
  });
}

describe('AlpacaFeed warm-up history', () => {
  let fake: FakeAlpacaData;
  let synthetic: SyntheticFeed;
  let feed: AlpacaFeed;

  beforeAll(async () => {
    fake = await startFakeAlpacaData({ ...KEYS, pageSize: 1000 });
    synthetic = new SyntheticFeed({ seed: 11, clock: new ManualClock(END), schedule, timers: noTimers });
    for (const ticker of TICKERS) {
      // About 140 sessions of regular minutes: enough for 130 daily bars before the half day.
      const regular = synthetic.history(ticker, '1m', 140 * 390, END);
      // The minute in progress at END: Alpaca returns it (t ≤ end) though it has not closed.
      const forming = { ...regular.at(-1)!, time: END, open: 9999, high: 9999, close: 9999 };
      const all = [...regular, ...extendedHours(ticker, regular), forming].sort((a, b) => a.time - b.time);
      fake.setBars('1Min', ticker, all.map(wireBar));
      fake.setBars('30Min', ticker, clockAligned(all, 30));
      fake.setBars('1Day', ticker, dailyBars([...regular, forming]));
    }
    feed = new AlpacaFeed({
      credentials: KEYS,
      endpoints: fake.endpoints,
      source: 'iex',
      clock: new ManualClock(END),
      schedule,
      backoff: { baseMs: 1, capMs: 4 },
    });
    await feed.prepare(TICKERS, END);
  });

  afterAll(async () => {
    await fake.close();
  });

  it('loads every page of 1Min, 30Min and 1Day bars for all tickers in one request series, IEX, raw, ascending', () => {
    const requests = fake.restRequests.filter((r) => r.path === '/v2/stocks/bars');
    expect(requests.every((r) => r.status === 200)).toBe(true);
    const byTimeframe = (tf: string) => requests.filter((r) => r.query.timeframe === tf);
    expect(byTimeframe('1Min').length).toBeGreaterThan(2);
    expect(
      byTimeframe('1Min')
        .slice(1)
        .every((r) => typeof r.query.page_token === 'string'),
    ).toBe(true);
    expect(byTimeframe('30Min').length).toBeGreaterThan(0);
    expect(byTimeframe('1Day').length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.query).toMatchObject({
        symbols: 'SPY,QQQ',
        feed: 'iex',
        adjustment: 'raw',
        sort: 'asc',
        limit: '10000',
      });
      expect(Date.parse(r.query.end ?? '')).toBe(END);
      expect(r.headers['apca-api-key-id']).toBe(KEYS.keyId);
    }
  });

  for (const timeframe of TIMEFRAMES) {
    it(`answers ${timeframe} history exactly as the synthetic feed does for the same minutes`, () => {
      for (const ticker of TICKERS) {
        const expected = synthetic.history(ticker, timeframe, WARM_UP[timeframe], END);
        expect(expected).toHaveLength(WARM_UP[timeframe]);
        expect(feed.history(ticker, timeframe, WARM_UP[timeframe], END)).toEqual(expected);
      }
    });

    it(`answers ${timeframe} history for an earlier instant (a half day) as the synthetic feed does`, () => {
      const expected = synthetic.history('SPY', timeframe, WARM_UP[timeframe], HALF_DAY_END);
      expect(feed.history('SPY', timeframe, WARM_UP[timeframe], HALF_DAY_END)).toEqual(expected);
    });
  }

  it('returns bars oldest first, all closed at or before endBefore, regular session only', () => {
    for (const timeframe of TIMEFRAMES) {
      const bars = feed.history('QQQ', timeframe, WARM_UP[timeframe], END);
      expect(bars.map((b) => b.time)).toEqual([...bars.map((b) => b.time)].sort((a, b) => a - b));
      expect(bars.every((b) => b.ticker === 'QQQ' && b.timeframe === timeframe)).toBe(true);
      expect(bars.some((b) => b.high === 9999)).toBe(false);
    }
    expect(feed.history('QQQ', '1m', 1, END)[0]?.time).toBe(END - MINUTE);
  });

  it('anchors 1h bars at 09:30 ET (the last one 15:30, or 12:30 on a half day) and stamps 1d bars with the session open', () => {
    const hours = feed.history('SPY', '1h', 120, END);
    expect(new Set(hours.map((b) => ny(b.time)))).toEqual(
      new Set(['09:30', '10:30', '11:30', '12:30', '13:30', '14:30', '15:30']),
    );
    const halfDay = hours.filter((b) => sessionDateOf(b.time) === '2026-11-27').map((b) => ny(b.time));
    expect(halfDay).toEqual(['09:30', '10:30', '11:30', '12:30']);
    const days = feed.history('SPY', '1d', 130, END);
    expect(days.every((b) => b.time === sessionBounds(sessionDateOf(b.time), schedule)?.open)).toBe(true);
    expect(days.map((b) => sessionDateOf(b.time))).not.toContain('2026-12-01');
    expect(days.at(-1) && sessionDateOf(days.at(-1)!.time)).toBe('2026-11-30');
  });

  it('knows nothing after the instant it was prepared for, and nothing of tickers it did not load', () => {
    const later = END + 3 * 60 * MINUTE;
    expect(feed.history('SPY', '5m', 5, later)).toEqual(feed.history('SPY', '5m', 5, END));
    expect(feed.history('AAPL', '1m', 10, END)).toEqual([]);
    expect(
      new AlpacaFeed({
        credentials: KEYS,
        endpoints: fake.endpoints,
        source: 'sip',
        clock: new ManualClock(END),
      }).history('SPY', '1m', 5, END),
    ).toEqual([]);
  });
});
