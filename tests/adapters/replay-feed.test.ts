import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataFeedStatus } from '../../src-shared/bot-state';
import type { Bar } from '../../src-shared/market';
import type { FeedHandler } from '../../src-main/engine/ports';
import type { FeedTimers } from '../../src-main/adapters/replay-feed-base';
import { ReplayFeed, type ReplayFeedOptions } from '../../src-main/adapters/replay-feed';
import { ManualClock } from '../helpers/manual-clock';

const FIXTURES = join(__dirname, '../fixtures/replay');
const SPY = join(FIXTURES, 'SPY.csv');
const QQQ = join(FIXTURES, 'QQQ.csv');
const COMBINED = join(FIXTURES, 'combined.csv');
const MINUTE = 60_000;
// Monday 2026-11-23 09:30 EST.
const MON = Date.parse('2026-11-23T14:30:00Z');
const TUE = Date.parse('2026-11-24T14:30:00Z');

/** A handler that records what it is given. */
function recorder(): FeedHandler & { bars: Bar[]; statuses: DataFeedStatus[] } {
  const bars: Bar[] = [];
  const statuses: DataFeedStatus[] = [];
  return { bars, statuses, onBar: (bar) => void bars.push(bar), onStatus: (status) => void statuses.push(status) };
}

/** Timers that fire only when the test calls tick(). */
function fakeTimers(): FeedTimers & { tick(): void; readonly active: number } {
  const intervals = new Map<number, () => void>();
  let nextId = 1;
  return {
    setInterval: (fn) => {
      intervals.set(nextId, fn);
      return nextId++;
    },
    clearInterval: (handle) => void intervals.delete(handle as number),
    tick: () => [...intervals.values()].forEach((fn) => fn()),
    get active() {
      return intervals.size;
    },
  };
}

function load(files: string[], clock = new ManualClock(MON), extra: Partial<ReplayFeedOptions> = {}) {
  return ReplayFeed.load({ files, clock, timers: fakeTimers(), ...extra });
}

const keys = (bars: readonly Bar[]): string[] =>
  bars.map((b) => `${b.ticker}@${new Date(b.time).toISOString().slice(11, 16)}`);

const scratch = mkdtempSync(join(tmpdir(), 'axion-replay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `text` to a scratch file and returns its path. */
function csv(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const HEADER = 'timestamp,open,high,low,close,volume';
const GOOD_ROW = '2026-11-23T09:30:00-05:00,100,101,99,100.5,1000';

describe('ReplayFeed loading', () => {
  it('loads one file per ticker, the ticker taken from the file name', async () => {
    const feed = await load([SPY, QQQ]);
    expect(feed.name).toBe('Replay (2 files)');
    expect(feed.simulated).toBe(true);
    expect(feed.tickers).toEqual(['SPY', 'QQQ']);
    expect(feed.firstTime).toBe(MON);
    expect(feed.lastTime).toBe(TUE + 6 * MINUTE);
    expect(feed.history('SPY', '1m', 1, MON + MINUTE)).toEqual([
      { ticker: 'SPY', timeframe: '1m', time: MON, open: 100, high: 101, low: 99.5, close: 100.5, volume: 1000 },
    ]);
  });

  it('loads a single file with a ticker column, in any column order', async () => {
    const feed = await load([COMBINED]);
    expect(feed.name).toBe('Replay (1 file)');
    expect(feed.tickers).toEqual(['IWM', 'NVDA']);
    expect(feed.history('NVDA', '1m', 10, MON + 3 * MINUTE).map((b) => b.close)).toEqual([180.5, 181.5, 182.5]);
  });

  it('reads times with any offset, Z included', async () => {
    const feed = await load([QQQ]);
    expect(feed.history('QQQ', '1m', 5, MON + 6 * MINUTE).map((b) => b.time)).toEqual(
      [1, 2, 3, 4, 5].map((m) => MON + m * MINUTE),
    );
  });

  it('accepts a header in upper case, blank lines and a byte-order mark', async () => {
    const file = csv('AAPL.csv', `\uFEFF${HEADER.toUpperCase()}\n\n${GOOD_ROW}\n\n`);
    const feed = await load([file]);
    expect(feed.history('AAPL', '1m', 5, MON + MINUTE)).toHaveLength(1);
  });

  const malformed: [kind: string, name: string, text: string, message: string][] = [
    ['a bad time', 'SPY.csv', `${HEADER}\n${GOOD_ROW}\nyesterday,1,2,0.5,1.5,10\n`, ":3: bad time 'yesterday'"],
    [
      'a time without offset',
      'SPY.csv',
      `${HEADER}\n2026-11-23T09:30:00,1,2,0.5,1.5,10\n`,
      ":2: bad time '2026-11-23T09:30:00'",
    ],
    ['an impossible date', 'SPY.csv', `${HEADER}\n2026-02-30T09:30:00-05:00,1,2,0.5,1.5,10\n`, ':2: bad time'],
    [
      'a non-numeric price',
      'SPY.csv',
      `${HEADER}\n${GOOD_ROW}\n2026-11-23T09:31:00-05:00,1,abc,0.5,1.5,10\n`,
      ":3: high 'abc' is not a number",
    ],
    ['an empty price', 'SPY.csv', `${HEADER}\n2026-11-23T09:31:00-05:00,1,2,,1.5,10\n`, ":2: low '' is not a number"],
    [
      'a negative price',
      'SPY.csv',
      `${HEADER}\n2026-11-23T09:31:00-05:00,-1,2,0.5,1.5,10\n`,
      ':2: open must be positive, got -1',
    ],
    [
      'a negative volume',
      'SPY.csv',
      `${HEADER}\n2026-11-23T09:31:00-05:00,1,2,0.5,1.5,-10\n`,
      ':2: volume must be ≥ 0, got -10',
    ],
    [
      'high below max(open, close)',
      'SPY.csv',
      `${HEADER}\n${GOOD_ROW}\n2026-11-23T09:31:00-05:00,1,1.4,0.5,1.5,10\n`,
      ':3: high 1.4 is below max(open, close) 1.5',
    ],
    [
      'low above min(open, close)',
      'SPY.csv',
      `${HEADER}\n2026-11-23T09:31:00-05:00,1,2,1.2,1.5,10\n`,
      ':2: low 1.2 is above min(open, close) 1',
    ],
    [
      'a repeated time',
      'SPY.csv',
      `${HEADER}\n${GOOD_ROW}\n${GOOD_ROW}\n`,
      ':3: time 2026-11-23T14:30:00.000Z is not after the previous SPY bar',
    ],
    [
      'a time going back',
      'SPY.csv',
      `${HEADER}\n2026-11-23T09:31:00-05:00,1,2,0.5,1.5,10\n${GOOD_ROW}\n`,
      ':3: time 2026-11-23T14:30:00.000Z is not after',
    ],
    [
      'a missing column',
      'SPY.csv',
      'timestamp,open,high,low,close\n2026-11-23T09:31:00-05:00,1,2,0.5,1.5\n',
      ":1: missing column 'volume'",
    ],
    ['an unknown column', 'SPY.csv', `${HEADER},vwap\n${GOOD_ROW},100\n`, ":1: unknown column 'vwap'"],
    [
      'a short row',
      'SPY.csv',
      `${HEADER}\n${GOOD_ROW}\n2026-11-23T09:31:00-05:00,1,2,0.5,1.5\n`,
      ':3: expected 6 fields, got 5',
    ],
    ['a bad ticker', 'multi.csv', `ticker,${HEADER}\nspy!,${GOOD_ROW}\n`, ":2: bad ticker 'spy!'"],
    ['no ticker at all', 'my data.csv', `${HEADER}\n${GOOD_ROW}\n`, ":1: no 'ticker' column"],
    [
      'an unclosed quote',
      'SPY.csv',
      `${HEADER}\n${GOOD_ROW}\n"2026-11-23T09:31:00-05:00,1,2,0.5,1.5,10\n`,
      ':3: Quote Not Closed',
    ],
    ['an empty file', 'SPY.csv', '', ':1: empty file'],
    ['no bars', 'SPY.csv', `${HEADER}\n`, ':1: no bars'],
  ];

  it.each(malformed)('stops the load at %s with file:line: reason', async (_kind, name, text, message) => {
    const file = csv(name, text);
    await expect(load([file])).rejects.toThrow(`${file}${message}`);
  });

  it('checks time order per ticker across files, naming where the previous bar was', async () => {
    const later = csv('later.csv', `ticker,${HEADER}\nSPY,2026-11-23T09:35:00-05:00,1,2,0.5,1.5,10\n`);
    const earlier = csv('earlier.csv', `ticker,${HEADER}\nQQQ,${GOOD_ROW}\nSPY,${GOOD_ROW}\n`);
    await expect(load([later, earlier])).rejects.toThrow(
      `${earlier}:3: time 2026-11-23T14:30:00.000Z is not after the previous SPY bar (${later}:2)`,
    );
  });

  it('fails on a file that cannot be read', async () => {
    await expect(load([join(scratch, 'missing.csv')])).rejects.toThrow(/ENOENT/);
  });

  it('rejects a bad speed and an empty file list', async () => {
    await expect(load([SPY], new ManualClock(MON), { speed: 0 })).rejects.toThrow(RangeError);
    await expect(load([])).rejects.toThrow(RangeError);
  });
});

describe('ReplayFeed delivery', () => {
  it('delivers bars in time order across tickers and files, each once its minute has closed', async () => {
    const clock = new ManualClock(MON);
    const feed = await load([SPY, QQQ, COMBINED], clock);
    const rec = recorder();
    feed.connect(['SPY', 'QQQ', 'NVDA', 'IWM'], rec);
    expect(rec.statuses).toEqual(['connected']);
    clock.set(MON + MINUTE - 1);
    expect(feed.pump()).toBe(0);
    clock.set(MON + 3 * MINUTE);
    feed.pump();
    expect(keys(rec.bars)).toEqual([
      'SPY@14:30',
      'IWM@14:30',
      'NVDA@14:30',
      'SPY@14:31',
      'QQQ@14:31',
      'IWM@14:31',
      'NVDA@14:31',
      'SPY@14:32',
      'QQQ@14:32',
      'IWM@14:32',
      'NVDA@14:32',
    ]);
    clock.set(TUE + 7 * MINUTE);
    feed.pump();
    expect(rec.bars).toHaveLength(17 + 5 + 6);
    const times = rec.bars.map((b) => b.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(feed.pump()).toBe(0);
  });

  it('delivers only the subscribed tickers', async () => {
    const clock = new ManualClock(MON);
    const feed = await load([SPY, QQQ], clock);
    const rec = recorder();
    feed.connect(['QQQ', 'TSLA'], rec);
    clock.set(TUE + 7 * MINUTE);
    feed.pump();
    expect(rec.bars.map((b) => b.ticker)).toEqual(Array(5).fill('QQQ'));
  });

  it('runs speed× as fast as the clock from the connect', async () => {
    const clock = new ManualClock(MON);
    const feed = await load([SPY], clock, { speed: 5 });
    const rec = recorder();
    feed.connect(['SPY'], rec);
    clock.set(MON + 60_000); // 5 replay minutes
    feed.pump();
    expect(rec.bars).toHaveLength(5);
  });

  it("delivers everything within connect at speed 'max'", async () => {
    const feed = await load([SPY, QQQ], new ManualClock(MON - 86_400_000), { speed: 'max' });
    const rec = recorder();
    feed.connect(['SPY', 'QQQ'], rec);
    expect(rec.statuses).toEqual(['connected']);
    expect(rec.bars).toHaveLength(22);
  });

  it('polls on its timer, stops on disconnect and never repeats a bar after a reconnect', async () => {
    const clock = new ManualClock(MON);
    const timers = fakeTimers();
    const feed = await ReplayFeed.load({ files: [SPY], clock, timers, pollMs: 50 });
    const rec = recorder();
    feed.connect(['SPY'], rec);
    clock.set(MON + 2 * MINUTE);
    timers.tick();
    expect(rec.bars).toHaveLength(2);
    feed.disconnect();
    expect(timers.active).toBe(0);
    expect(rec.statuses).toEqual(['connected', 'disconnected']);
    clock.set(MON + 4 * MINUTE);
    feed.connect(['SPY'], rec);
    feed.pump();
    expect(keys(rec.bars)).toEqual(['SPY@14:30', 'SPY@14:31', 'SPY@14:32', 'SPY@14:33']);
  });
});

describe('ReplayFeed history', () => {
  it('gives the most recent closed 1m bars before endBefore, oldest first', async () => {
    const feed = await load([SPY]);
    expect(feed.history('SPY', '1m', 3, TUE + 2 * MINUTE + 30_000).map((b) => b.close)).toEqual([109.5, 200.5, 201.5]);
    expect(feed.history('SPY', '1m', 100, TUE)).toHaveLength(10);
    expect(feed.history('SPY', '1m', 3, MON)).toEqual([]);
    expect(feed.history('TSLA', '1m', 3, TUE)).toEqual([]);
  });

  it('aggregates 5m and 10m bars from the session open, only when closed', async () => {
    const feed = await load([SPY]);
    expect(feed.history('SPY', '5m', 10, TUE)).toEqual([
      { ticker: 'SPY', timeframe: '5m', time: MON, open: 100, high: 105, low: 99.5, close: 104.5, volume: 5100 },
      {
        ticker: 'SPY',
        timeframe: '5m',
        time: MON + 5 * MINUTE,
        open: 105,
        high: 110,
        low: 104.5,
        close: 109.5,
        volume: 5350,
      },
    ]);
    // Tuesday 09:35 bar: only its first two minutes exist and it has not closed at 09:37.
    expect(feed.history('SPY', '5m', 10, TUE + 7 * MINUTE).map((b) => b.time)).toEqual([MON, MON + 5 * MINUTE, TUE]);
    expect(feed.history('SPY', '10m', 1, TUE)).toEqual([
      { ticker: 'SPY', timeframe: '10m', time: MON, open: 100, high: 110, low: 99.5, close: 109.5, volume: 10_450 },
    ]);
  });

  it('gives a daily bar once its session has closed', async () => {
    const feed = await load([SPY]);
    expect(feed.history('SPY', '1d', 5, MON + 6 * 3_600_000)).toEqual([]);
    expect(feed.history('SPY', '1d', 5, TUE)).toEqual([
      { ticker: 'SPY', timeframe: '1d', time: MON, open: 100, high: 110, low: 99.5, close: 109.5, volume: 10_450 },
    ]);
    expect(feed.history('SPY', '1h', 5, TUE + 86_400_000).map((b) => [b.time, b.close])).toEqual([
      [MON, 109.5],
      [TUE, 206.5],
    ]);
  });
});
