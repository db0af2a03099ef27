import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DataFeedStatus } from '../../src-shared/bot-state';
import { defaultConfig } from '../../src-shared/config-schema';
import type { Bar } from '../../src-shared/market';
import type { Clock, FeedHandler } from '../../src-main/engine/ports';
import {
  SyntheticFeed,
  syntheticEtfs,
  type FeedTimers,
  type SyntheticEtf,
} from '../../src-main/adapters/synthetic-feed';
import { SimulatedClock } from '../../src-main/adapters/simulated-clock';
import { nextTradingDate, sessionBounds, sessionDateOf } from '../../src-main/engine/market-calendar';
import { ManualClock } from '../helpers/manual-clock';

const schedule = defaultConfig().schedule;
const MINUTE = 60_000;
const utc = (iso: string): number => Date.parse(iso);
// Tuesday 2026-11-24, EST: the session runs 14:30–21:00 UTC.
const OPEN = utc('2026-11-24T14:30:00Z');
const CLOSE = utc('2026-11-24T21:00:00Z');

class Recorder implements FeedHandler {
  readonly bars: Bar[] = [];
  readonly statuses: DataFeedStatus[] = [];
  onBar(bar: Bar): void {
    this.bars.push(bar);
  }
  onStatus(status: DataFeedStatus): void {
    this.statuses.push(status);
  }
}

/** Interval timers that fire only when the test calls tick(). */
class FakeTimers implements FeedTimers {
  readonly intervals = new Map<number, { fn: () => void; ms: number }>();
  private nextId = 1;
  setInterval(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.intervals.set(id, { fn, ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.intervals.delete(handle as number);
  }
  tick(): void {
    for (const { fn } of [...this.intervals.values()]) fn();
  }
}

/** The default sector map's Nasdaq pair. */
const NASDAQ_ETFS: Record<string, SyntheticEtf> = {
  TQQQ: { underlying: 'QQQ', leverage: 3 },
  SQQQ: { underlying: 'QQQ', leverage: -3 },
};

function setup(
  clock: Clock,
  tickers: readonly string[] = ['SPY', 'QQQ'],
  seed = 42,
  etfs: Record<string, SyntheticEtf> = {},
) {
  const timers = new FakeTimers();
  const feed = new SyntheticFeed({ seed, clock, schedule, timers, etfs });
  const recorder = new Recorder();
  feed.connect(tickers, recorder);
  return { feed, recorder, timers };
}

/** All bars from `start` to `end`, pumping at each of the given instants and at `end`. */
function collect(
  seed: number,
  tickers: readonly string[],
  start: number,
  end: number,
  pumpsAt: readonly number[] = [],
  etfs: Record<string, SyntheticEtf> = {},
): Bar[] {
  const clock = new ManualClock(start);
  const { feed, recorder } = setup(clock, tickers, seed, etfs);
  for (const t of [...pumpsAt].sort((a, b) => a - b)) {
    clock.set(t);
    feed.pump();
  }
  clock.set(end);
  feed.pump();
  return recorder.bars;
}

const times = (bars: readonly Bar[]): number[] => [...new Set(bars.map((b) => b.time))];

describe('SyntheticFeed', () => {
  it('names itself after its seed and says it is simulated', () => {
    const feed = new SyntheticFeed({ seed: 7, clock: new ManualClock(OPEN), schedule, timers: new FakeTimers() });
    expect(feed.name).toBe('Synthetic market (seed 7)');
    expect(feed.simulated).toBe(true);
  });

  it('reports connected, polls on its timer, and stops on disconnect', () => {
    const clock = new ManualClock(OPEN);
    const { feed, recorder, timers } = setup(clock);
    expect(recorder.statuses).toEqual(['connected']);
    expect([...timers.intervals.values()].map((i) => i.ms)).toEqual([100]);
    clock.advance(MINUTE);
    timers.tick();
    expect(recorder.bars).toHaveLength(2);
    feed.disconnect();
    feed.disconnect();
    expect(recorder.statuses).toEqual(['connected', 'disconnected']);
    expect(timers.intervals.size).toBe(0);
    expect(feed.pump()).toBe(0);
  });

  it('delivers a bar only after its minute has closed', () => {
    const manual = new ManualClock(OPEN);
    const { feed, recorder } = setup(manual);
    expect(feed.pump()).toBe(0);
    manual.advance(MINUTE - 1);
    expect(feed.pump()).toBe(0);
    manual.advance(1);
    expect(feed.pump()).toBe(2);
    expect(recorder.bars.map((b) => [b.ticker, b.timeframe, b.time])).toEqual([
      ['SPY', '1m', OPEN],
      ['QQQ', '1m', OPEN],
    ]);
  });

  it('never delivers a bar twice', () => {
    const clock = new ManualClock(OPEN);
    const { feed, recorder } = setup(clock);
    clock.advance(5 * MINUTE);
    expect(feed.pump()).toBe(10);
    expect(feed.pump()).toBe(0);
    const keys = recorder.bars.map((b) => `${b.ticker}@${b.time}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('delivers minutes in time order, every ticker of a minute before the next minute', () => {
    const bars = collect(42, ['SPY', 'QQQ', 'IWM'], OPEN, OPEN + 30 * MINUTE);
    expect(bars).toHaveLength(90);
    bars.forEach((bar, i) => {
      expect(bar.time).toBe(OPEN + Math.floor(i / 3) * MINUTE);
      expect(bar.ticker).toBe(['SPY', 'QQQ', 'IWM'][i % 3]);
      expect(bar.time % MINUTE).toBe(0);
    });
  });

  it('starts from the minute containing the clock at connect, without backfill', () => {
    const connectAt = OPEN + 45 * MINUTE + 30_000;
    const bars = collect(42, ['SPY'], connectAt, OPEN + 50 * MINUTE);
    expect(times(bars)).toEqual([45, 46, 47, 48, 49].map((m) => OPEN + m * MINUTE));
  });

  it('gives the same bars whatever the pump cadence, leveraged ETFs included', () => {
    const end = CLOSE + MINUTE;
    const once = collect(42, ['SPY', 'QQQ'], OPEN - 3_600_000, end, [], NASDAQ_ETFS);
    expect(once).toHaveLength(4 * 390);
    const everyMinute = collect(
      42,
      ['SPY', 'QQQ'],
      OPEN - 3_600_000,
      end,
      Array.from({ length: 391 }, (_, m) => OPEN + m * MINUTE),
      NASDAQ_ETFS,
    );
    expect(everyMinute).toEqual(once);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: OPEN - 3_600_000, max: end }), { maxLength: 40 }), (pumps) => {
        expect(collect(42, ['SPY', 'QQQ'], OPEN - 3_600_000, end, pumps, NASDAQ_ETFS)).toEqual(once);
      }),
      { numRuns: 20 },
    );
  });

  it('gives each ticker its own stream, independent of the other tickers', () => {
    const alone = collect(42, ['NVDA'], OPEN, OPEN + 60 * MINUTE);
    const together = collect(42, ['SPY', 'NVDA', 'QQQ'], OPEN, OPEN + 60 * MINUTE).filter((b) => b.ticker === 'NVDA');
    expect(together).toEqual(alone);
  });

  it('gives different bars for different seeds', () => {
    const a = collect(1, ['SPY'], OPEN, OPEN + 30 * MINUTE).map((b) => b.close);
    const b = collect(2, ['SPY'], OPEN, OPEN + 30 * MINUTE).map((b) => b.close);
    expect(a).not.toEqual(b);
  });

  it('emits exactly the regular-session minutes of a trading day', () => {
    const bars = collect(42, ['SPY'], utc('2026-11-24T13:00:00Z'), utc('2026-11-25T01:00:00Z'));
    expect(bars).toHaveLength(390);
    expect(bars[0]?.time).toBe(OPEN);
    expect(bars.at(-1)?.time).toBe(CLOSE - MINUTE);
  });

  it('skips holidays and weekends, and stops at the half-day close', () => {
    // Wed 15:00 EST → Mon 10:00 EST, across Thanksgiving (holiday) and a half-day Friday.
    const bars = collect(42, ['SPY'], utc('2026-11-25T20:00:00Z'), utc('2026-11-30T15:00:00Z'));
    const byDate = new Map<string, number[]>();
    for (const t of times(bars)) byDate.set(sessionDateOf(t), [...(byDate.get(sessionDateOf(t)) ?? []), t]);
    expect([...byDate.keys()]).toEqual(['2026-11-25', '2026-11-27', '2026-11-30']);
    expect(byDate.get('2026-11-25')).toHaveLength(60);
    expect(byDate.get('2026-11-27')).toHaveLength(210);
    expect(byDate.get('2026-11-27')?.at(-1)).toBe(utc('2026-11-27T17:59:00Z'));
    expect(byDate.get('2026-11-30')).toHaveLength(30);
  });

  it('goes on from the next open when the clock jumps across closed hours', () => {
    let realMs = 0;
    const clock = new SimulatedClock({
      start: CLOSE - 10 * MINUTE,
      speed: 60,
      wallClock: () => realMs,
      skipTo: (now) => {
        const date = sessionDateOf(now);
        const bounds = sessionBounds(date, schedule);
        if (bounds && now < bounds.close) return null;
        return sessionBounds(nextTradingDate(date, schedule), schedule)?.open ?? null;
      },
    });
    const { feed, recorder } = setup(clock, ['SPY']);
    // Each pump is 42 simulated minutes: the first lands after the close and jumps to the next
    // open, the other seven move 294 minutes into the next session.
    for (let i = 0; i < 8; i++) {
      realMs += 700;
      feed.pump();
    }
    const nextOpen = utc('2026-11-25T14:30:00Z');
    expect(times(recorder.bars)).toEqual([
      ...Array.from({ length: 10 }, (_, m) => CLOSE - (10 - m) * MINUTE),
      ...Array.from({ length: 294 }, (_, m) => nextOpen + m * MINUTE),
    ]);
  });

  it('keeps OHLC consistent: high ≥ open/close ≥ low > 0, whole positive volume, open = previous close', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('SPY', 'TSLA', 'ZZZ', 'A'),
        (seed, ticker) => {
          const bars = collect(seed, [ticker], OPEN, CLOSE);
          expect(bars).toHaveLength(390);
          bars.forEach((bar, i) => {
            expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
            expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
            expect(bar.low).toBeGreaterThan(0);
            expect(Number.isInteger(bar.volume) && bar.volume > 0).toBe(true);
            if (i > 0) expect(bar.open).toBe(bars[i - 1]?.close);
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('moves about 0.05–0.15 % per minute', () => {
    for (const ticker of ['SPY', 'QQQ', 'NVDA', 'XYZ']) {
      const bars = collect(42, [ticker], OPEN, CLOSE);
      const returns = bars.map((b) => Math.log(b.close / b.open));
      const mean = returns.reduce((a, r) => a + r, 0) / returns.length;
      const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / returns.length);
      expect(sd).toBeGreaterThan(0.0004);
      expect(sd).toBeLessThan(0.002);
    }
  });

  it('trades more at the open and the close than at midday', () => {
    const bars = ['SPY', 'QQQ', 'IWM', 'AAPL'].flatMap((t) => collect(42, [t], OPEN, CLOSE));
    const average = (from: number, to: number): number => {
      const slice = bars.filter((b) => b.time >= OPEN + from * MINUTE && b.time < OPEN + to * MINUTE);
      return slice.reduce((a, b) => a + b.volume, 0) / slice.length;
    };
    const midday = average(180, 210);
    expect(average(0, 30)).toBeGreaterThan(2 * midday);
    expect(average(360, 390)).toBeGreaterThan(2 * midday);
  });

  it('trends in regimes: moves over half an hour are wider than independent minutes would give', () => {
    const weekEnd = utc('2026-12-01T21:00:00Z');
    for (const ticker of ['SPY', 'QQQ', 'NVDA']) {
      const bars = collect(42, [ticker], OPEN, weekEnd);
      const logClose = bars.map((b) => Math.log(b.close));
      const variance = (lag: number): number => {
        const moves = logClose.slice(lag).map((v, i) => v - (logClose[i] ?? v));
        return moves.reduce((a, m) => a + m * m, 0) / moves.length;
      };
      // Variance ratio: about 1 for a memoryless walk, well above 1 when drift persists.
      expect(variance(30) / (30 * variance(1))).toBeGreaterThan(1.5);
    }
  });

  it('lets a fast EMA pair cross now and then during a session', () => {
    const ema = (values: readonly number[], n: number): number[] => {
      const alpha = 2 / (n + 1);
      const out: number[] = [];
      values.forEach((v, i) => out.push(alpha * v + (1 - alpha) * (out[i - 1] ?? v)));
      return out;
    };
    for (const ticker of ['SPY', 'QQQ', 'NVDA']) {
      const closes = collect(42, [ticker], OPEN, CLOSE).map((b) => b.close);
      const fast = ema(closes, 5);
      const slow = ema(closes, 12);
      const bullish = fast.map((f, i) => f >= (slow[i] ?? f));
      const crosses = bullish.slice(13).filter((b, i) => b !== bullish[i + 12]).length;
      expect(crosses).toBeGreaterThanOrEqual(2);
    }
  });

  it('starts common tickers near familiar prices and others at a stable derived price', () => {
    const first = (ticker: string, startPrices?: Record<string, number>): number => {
      const clock = new ManualClock(OPEN + MINUTE);
      const recorder = new Recorder();
      const feed = new SyntheticFeed({ seed: 42, clock, schedule, timers: new FakeTimers(), startPrices });
      clock.set(OPEN);
      feed.connect([ticker], recorder);
      clock.set(OPEN + 2 * MINUTE);
      feed.pump();
      return recorder.bars[1]?.open ?? Number.NaN;
    };
    expect(first('SPY')).toBeGreaterThan(560);
    expect(first('SPY')).toBeLessThan(640);
    expect(first('ABCD')).toBe(first('ABCD'));
    expect(first('ABCD')).toBeGreaterThan(15);
    expect(first('ABCD')).toBeLessThan(450);
    expect(first('SPY', { SPY: 50 })).toBeLessThan(60);
  });

  it('keeps going when the handler throws', () => {
    const clock = new ManualClock(OPEN);
    const timers = new FakeTimers();
    const feed = new SyntheticFeed({ seed: 42, clock, schedule, timers });
    const seen: number[] = [];
    feed.connect(['SPY'], {
      onBar: (bar) => {
        seen.push(bar.time);
        throw new Error('consumer bug');
      },
      onStatus: () => undefined,
    });
    clock.advance(2 * MINUTE);
    expect(feed.pump()).toBe(2);
    clock.advance(MINUTE);
    expect(() => timers.tick()).not.toThrow();
    expect(seen).toEqual([OPEN, OPEN + MINUTE, OPEN + 2 * MINUTE]);
  });

  it('never throws out of its timer, even when the clock fails', () => {
    const timers = new FakeTimers();
    let broken = false;
    const clock: Clock = {
      now: () => {
        if (broken) throw new Error('clock gone');
        return OPEN;
      },
    };
    const feed = new SyntheticFeed({ seed: 42, clock, schedule, timers });
    feed.connect(['SPY'], new Recorder());
    broken = true;
    expect(() => timers.tick()).not.toThrow();
  });

  it('stops delivering as soon as the handler disconnects it', () => {
    const clock = new ManualClock(OPEN);
    const feed = new SyntheticFeed({ seed: 42, clock, schedule, timers: new FakeTimers() });
    const seen: Bar[] = [];
    feed.connect(['SPY', 'QQQ'], {
      onBar: (bar) => {
        seen.push(bar);
        feed.disconnect();
      },
      onStatus: () => undefined,
    });
    clock.advance(10 * MINUTE);
    expect(feed.pump()).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('does not repeat minutes when reconnected at an earlier clock time', () => {
    const clock = new ManualClock(OPEN + 10 * MINUTE);
    const { feed, recorder } = setup(clock, ['SPY']);
    clock.advance(MINUTE);
    feed.pump();
    clock.set(OPEN);
    feed.connect(['SPY'], recorder);
    clock.set(OPEN + 12 * MINUTE);
    feed.pump();
    expect(times(recorder.bars)).toEqual([10, 11].map((m) => OPEN + m * MINUTE));
  });

  it('follows the market through a disconnect: after a reconnect the bars are those an uninterrupted feed gives', () => {
    const manual = new ManualClock(OPEN);
    const { feed, recorder } = setup(manual, ['SPY']);
    manual.advance(5 * MINUTE);
    feed.pump();
    feed.disconnect();
    manual.advance(10 * MINUTE + 30_000);
    feed.connect(['SPY'], recorder);
    manual.advance(MINUTE);
    feed.pump();
    expect(times(recorder.bars)).toEqual([0, 1, 2, 3, 4, 15].map((m) => OPEN + m * MINUTE));
    const uninterrupted = collect(42, ['SPY'], OPEN, OPEN + 16 * MINUTE);
    expect(recorder.bars).toEqual([0, 1, 2, 3, 4, 15].map((m) => uninterrupted[m]));
  });
});

const logReturns = (bars: readonly Bar[]): number[] => bars.map((b) => Math.log(b.close / b.open));
const mean = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
const stdev = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    const y = (b[i] ?? mb) - mb;
    ab += (x - ma) * y;
    aa += (x - ma) ** 2;
    bb += y * y;
  });
  return ab / Math.sqrt(aa * bb);
}
/** Time and OHLCV of `bars` taken together, computed by hand. */
const byHand = (bars: readonly Bar[]): Omit<Bar, 'ticker' | 'timeframe'> => ({
  time: bars[0]?.time ?? Number.NaN,
  open: bars[0]?.open ?? Number.NaN,
  high: Math.max(...bars.map((b) => b.high)),
  low: Math.min(...bars.map((b) => b.low)),
  close: bars.at(-1)?.close ?? Number.NaN,
  volume: bars.reduce((a, b) => a + b.volume, 0),
});
const ofTicker = (bars: readonly Bar[], ticker: string): Bar[] => bars.filter((b) => b.ticker === ticker);
/** Five sessions from Tuesday 2026-11-24 (Thanksgiving closed, Friday a half day). */
const WEEK_END = utc('2026-12-01T21:00:00Z');

describe('SyntheticFeed market model', () => {
  it('moves tickers together through a shared market factor: 1m returns correlate clearly', () => {
    const bars = collect(42, ['SPY', 'QQQ', 'AAPL', 'TSLA', 'XYZ'], OPEN, CLOSE);
    const r = (t: string): number[] => logReturns(ofTicker(bars, t));
    expect(correlation(r('SPY'), r('QQQ'))).toBeGreaterThan(0.6);
    expect(correlation(r('AAPL'), r('TSLA'))).toBeGreaterThan(0.3);
    expect(correlation(r('SPY'), r('XYZ'))).toBeGreaterThan(0.3);
  });

  it('gives each ticker its own moves too: returns are far from identical', () => {
    const bars = collect(42, ['SPY', 'TSLA'], OPEN, CLOSE);
    expect(correlation(logReturns(ofTicker(bars, 'SPY')), logReturns(ofTicker(bars, 'TSLA')))).toBeLessThan(0.9);
  });

  it('moves a leveraged ETF by leverage × its underlying each minute (SQQQ −3× QQQ), within rounding', () => {
    const bars = collect(7, ['QQQ'], OPEN, WEEK_END, [], NASDAQ_ETFS);
    const qqq = ofTicker(bars, 'QQQ');
    expect(qqq.length).toBeGreaterThan(1500);
    for (const [etf, leverage] of [
      ['TQQQ', 3],
      ['SQQQ', -3],
    ] as const) {
      const etfBars = ofTicker(bars, etf);
      expect(etfBars.map((b) => b.time)).toEqual(qqq.map((b) => b.time));
      etfBars.forEach((bar, i) => {
        const base = qqq[i] as Bar;
        // Each close/open ratio is off by at most a half cent at each end.
        const tolerance = 0.01 / bar.open + (Math.abs(leverage) * 0.01) / base.open + 1e-9;
        expect(Math.abs(bar.close / bar.open - 1 - leverage * (base.close / base.open - 1))).toBeLessThan(tolerance);
        expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
        expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
        if (i > 0) {
          // Overnight too: from the previous close to this open.
          const prev = etfBars[i - 1] as Bar;
          const basePrev = qqq[i - 1] as Bar;
          const gapTolerance = 0.01 / prev.close + (Math.abs(leverage) * 0.01) / basePrev.close + 1e-9;
          expect(Math.abs(bar.open / prev.close - 1 - leverage * (base.open / basePrev.close - 1))).toBeLessThan(
            gapTolerance,
          );
        }
      });
    }
    // Its own price level, not the underlying's.
    expect(ofTicker(bars, 'SQQQ')[0]?.open).toBeLessThan(40);
    expect(ofTicker(bars, 'TQQQ')[0]?.open).toBeGreaterThan(50);
  });

  it('delivers each ETF in the same minute right after its underlying, subscribed or not, and once', () => {
    const etfs = { ...NASDAQ_ETFS, SPXL: { underlying: 'SPY', leverage: 3 } };
    const bars = collect(42, ['SQQQ', 'SPY', 'QQQ', 'NVDA'], OPEN, OPEN + 3 * MINUTE, [], etfs);
    const minute = bars.filter((b) => b.time === OPEN).map((b) => b.ticker);
    expect(minute).toEqual(['SPY', 'SPXL', 'QQQ', 'TQQQ', 'SQQQ', 'NVDA']);
    expect(bars).toHaveLength(18);
  });

  it('derives the simulated ETFs from the sector map, following a subscribed underlying', () => {
    const { leveragedEtf } = defaultConfig();
    const etfs = syntheticEtfs(leveragedEtf, ['SPY', 'QQQ', 'NVDA', 'AMD']);
    expect(etfs.SQQQ).toEqual({ underlying: 'QQQ', leverage: -3 });
    expect(etfs.SPXL).toEqual({ underlying: 'SPY', leverage: 3 });
    expect(etfs.SOXL).toEqual({ underlying: 'NVDA', leverage: 3 });
    expect(etfs.SOXS).toEqual({ underlying: 'NVDA', leverage: -3 });
    expect(syntheticEtfs(leveragedEtf).SOXL).toEqual({ underlying: 'SMH', leverage: 3 });
    expect(Object.keys(etfs).sort()).toEqual([
      'FAS',
      'FAZ',
      'SOXL',
      'SOXS',
      'SPXL',
      'SPXS',
      'SQQQ',
      'TNA',
      'TQQQ',
      'TZA',
    ]);
  });

  it('rejects an ETF that follows another simulated ETF', () => {
    const etfs = { TQQQ: { underlying: 'QQQ', leverage: 3 }, XXX: { underlying: 'TQQQ', leverage: 2 } };
    expect(() => new SyntheticFeed({ seed: 1, clock: new ManualClock(OPEN), schedule, etfs })).toThrow(/TQQQ/);
  });

  it('trades more in the first and the last 30 minutes than the midday average, in every session', () => {
    const bars = collect(42, ['SPY', 'QQQ', 'NVDA'], OPEN, WEEK_END);
    for (const date of new Set(bars.map((b) => sessionDateOf(b.time)))) {
      const session = bars.filter((b) => sessionDateOf(b.time) === date);
      const open = Math.min(...session.map((b) => b.time));
      const close = Math.max(...session.map((b) => b.time)) + MINUTE;
      const volume = (from: number, to: number): number =>
        mean(session.filter((b) => b.time >= from && b.time < to).map((b) => b.volume));
      const middle = open + (close - open) / 2;
      const midday = volume(middle - 60 * MINUTE, middle + 60 * MINUTE);
      expect(volume(open, open + 30 * MINUTE)).toBeGreaterThan(1.5 * midday);
      expect(volume(close - 30 * MINUTE, close)).toBeGreaterThan(1.5 * midday);
    }
  });

  it('is more volatile in the first 30 minutes than at midday', () => {
    const tickers = ['SPY', 'QQQ', 'NVDA', 'AAPL'];
    const bars = collect(42, tickers, OPEN, WEEK_END).filter((b) => sessionDateOf(b.time) !== '2026-11-27');
    const minuteOf = (b: Bar): number => {
      const bounds = sessionBounds(sessionDateOf(b.time), schedule);
      return (b.time - (bounds?.open ?? 0)) / MINUTE;
    };
    for (const ticker of tickers) {
      const own = ofTicker(bars, ticker);
      const opening = stdev(logReturns(own.filter((b) => minuteOf(b) < 30)));
      const midday = stdev(logReturns(own.filter((b) => minuteOf(b) >= 150 && minuteOf(b) < 240)));
      expect(opening).toBeGreaterThan(1.25 * midday);
    }
  });

  it('changes regime within a session: strong 20-bar trends both ways, and their sign flips several times', () => {
    const tickers = ['SPY', 'QQQ', 'NVDA', 'AAPL'];
    const bars = collect(42, tickers, OPEN, WEEK_END).filter((b) => sessionDateOf(b.time) !== '2026-11-27');
    let strongCount = 0;
    for (const ticker of tickers) {
      const strongMoves: number[] = [];
      for (const date of new Set(bars.map((b) => sessionDateOf(b.time)))) {
        const session = ofTicker(bars, ticker).filter((b) => sessionDateOf(b.time) === date);
        const closes = session.map((b) => b.close);
        // A 20-minute move beyond 2 sd of a memoryless walk is rare (~5 %) without trends.
        const strong = 2 * stdev(logReturns(session)) * Math.sqrt(20);
        const moves: number[] = [];
        for (let i = 20; i < closes.length; i += 20) moves.push(Math.log((closes[i] ?? 0) / (closes[i - 20] ?? 1)));
        const flips = moves.filter((m, i) => i > 0 && Math.sign(m) !== Math.sign(moves[i - 1] ?? m)).length;
        expect(flips, `${ticker} ${date} flips`).toBeGreaterThanOrEqual(3);
        strongMoves.push(...moves.filter((m) => Math.abs(m) > strong));
      }
      // 4 sessions × 19 windows: a memoryless walk gives about 3 strong moves.
      expect(strongMoves.some((m) => m > 0) && strongMoves.some((m) => m < 0), `${ticker} both ways`).toBe(true);
      strongCount += strongMoves.length;
    }
    // 4 tickers × 4 sessions × 19 windows: a memoryless walk gives about 14 strong moves.
    expect(strongCount).toBeGreaterThanOrEqual(20);
  });

  it('gaps between sessions: the first bar opens away from the previous close', () => {
    const bars = ['SPY', 'NVDA', 'XYZ'].flatMap((t) => collect(42, [t], OPEN, WEEK_END));
    const gaps: number[] = [];
    bars.forEach((bar, i) => {
      const prev = bars[i - 1];
      if (prev?.ticker === bar.ticker && sessionDateOf(prev.time) !== sessionDateOf(bar.time)) {
        gaps.push(Math.abs(Math.log(bar.open / prev.close)));
      }
    });
    expect(gaps).toHaveLength(12);
    expect(gaps.filter((g) => g > 0.0005).length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...gaps)).toBeLessThan(0.2);
  });
});

describe('SyntheticFeed history (warm-up)', () => {
  const feedAt = (now: number, etfs: Record<string, SyntheticEtf> = {}, seed = 42) =>
    new SyntheticFeed({ seed, clock: new ManualClock(now), schedule, timers: new FakeTimers(), etfs });

  it('gives 100 daily bars of the sessions before the first open, oldest first, with consistent OHLC', () => {
    const history = feedAt(OPEN - 3_600_000).history('SPY', '1d', 100, OPEN);
    expect(history).toHaveLength(100);
    let date = sessionDateOf(history[0]?.time ?? 0);
    history.forEach((bar, i) => {
      expect(bar.timeframe).toBe('1d');
      expect(bar.ticker).toBe('SPY');
      if (i > 0) date = nextTradingDate(date, schedule);
      const bounds = sessionBounds(date, schedule);
      expect(bar.time).toBe(bounds?.open);
      expect(bounds?.close ?? Infinity).toBeLessThanOrEqual(OPEN);
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.low).toBeGreaterThan(0);
      expect(Number.isInteger(bar.volume) && bar.volume > 0).toBe(true);
      // Plausible daily moves for the index: under 6 % open to close.
      expect(Math.abs(Math.log(bar.close / bar.open))).toBeLessThan(0.06);
    });
    expect(nextTradingDate(date, schedule)).toBe('2026-11-24');
    // The walk ends where the simulation starts: about SPY's start price.
    expect(Math.abs(Math.log((history.at(-1)?.close ?? 0) / 600))).toBeLessThan(0.05);
  });

  it('gives each intraday timeframe at least 89 closed bars of the previous sessions', () => {
    const feed = feedAt(OPEN);
    for (const [timeframe, minutes] of [
      ['1m', 1],
      ['5m', 5],
      ['10m', 10],
      ['1h', 60],
    ] as const) {
      const history = feed.history('QQQ', timeframe, 89, OPEN);
      expect(history, timeframe).toHaveLength(89);
      for (const bar of history) {
        const bounds = sessionBounds(sessionDateOf(bar.time), schedule);
        if (!bounds) throw new Error('bar outside a session');
        expect((bar.time - bounds.open) % (minutes * MINUTE)).toBe(0);
        expect(Math.min(bar.time + minutes * MINUTE, bounds.close)).toBeLessThanOrEqual(OPEN);
      }
      expect(history.map((b) => b.time)).toEqual([...history.map((b) => b.time)].sort((a, b) => a - b));
    }
    // 1h bars start at 09:30 and the session's last one is the short 15:30–16:00 bar.
    const hours = feed.history('QQQ', '1h', 7, OPEN);
    expect(hours.map((b) => new Date(b.time).toISOString().slice(11, 16))).toEqual([
      '14:30',
      '15:30',
      '16:30',
      '17:30',
      '18:30',
      '19:30',
      '20:30',
    ]);
  });

  it('aggregates higher timeframes from the same 1m bars', () => {
    const feed = feedAt(OPEN);
    const minutes = feed.history('NVDA', '1m', 390, OPEN);
    const [hour] = feed.history('NVDA', '1h', 7, OPEN);
    const [day] = feed.history('NVDA', '1d', 1, OPEN);
    expect(hour).toEqual({ ticker: 'NVDA', timeframe: '1h', ...byHand(minutes.slice(0, 60)) });
    expect(day).toEqual({ ticker: 'NVDA', timeframe: '1d', ...byHand(minutes) });
  });

  it('matches what live delivery gave for sessions already played, ETFs included', () => {
    const nextClose = utc('2026-11-25T21:00:00Z');
    const live = collect(42, ['QQQ'], OPEN, nextClose, [], NASDAQ_ETFS);
    const feed = feedAt(OPEN, NASDAQ_ETFS);
    for (const ticker of ['QQQ', 'SQQQ']) {
      const delivered = ofTicker(live, ticker);
      expect(feed.history(ticker, '1m', 780, nextClose)).toEqual(delivered);
      expect(feed.history(ticker, '1d', 2, nextClose)).toEqual([
        { ticker, timeframe: '1d', ...byHand(delivered.slice(0, 390)) },
        { ticker, timeframe: '1d', ...byHand(delivered.slice(390)) },
      ]);
    }
  });

  it('gives only bars closed by endBefore, mid-session too', () => {
    const feed = feedAt(OPEN);
    const at = OPEN + 95 * MINUTE + 30_000;
    expect(feed.history('SPY', '1m', 3, at).map((b) => b.time)).toEqual([92, 93, 94].map((m) => OPEN + m * MINUTE));
    expect(feed.history('SPY', '5m', 1, at)[0]?.time).toBe(OPEN + 90 * MINUTE);
    expect(feed.history('SPY', '1h', 1, at)[0]?.time).toBe(OPEN);
    expect(feed.history('SPY', '1d', 1, at)[0]?.time).toBe(utc('2026-11-23T14:30:00Z'));
    expect(feed.history('SPY', '1m', 0, at)).toEqual([]);
    expect(() => feed.history('SPY', '1m', -1, at)).toThrow(RangeError);
  });

  it('is deterministic: the same seed gives the same history, another seed another', () => {
    const a = feedAt(OPEN).history('AAPL', '1d', 100, OPEN);
    expect(feedAt(OPEN - 3_600_000).history('AAPL', '1d', 100, OPEN)).toEqual(a);
    expect(feedAt(OPEN, {}, 43).history('AAPL', '1d', 100, OPEN)).not.toEqual(a);
  });

  it('gives 20 tickers × 100 days of daily warm-up bars', () => {
    const tickers = [
      ...defaultConfig().universe.tickers,
      'SMH',
      'XLF',
      'GOOGL',
      'A1',
      'B2',
      'C3',
      'D4',
      'E5',
      'F6',
      'G7',
    ];
    expect(tickers).toHaveLength(20);
    const feed = feedAt(OPEN, syntheticEtfs(defaultConfig().leveragedEtf, tickers));
    // How fast this is belongs to `npm run bench` (feed.historyMs), never to a timed unit test.
    for (const ticker of tickers) expect(feed.history(ticker, '1d', 100, OPEN)).toHaveLength(100);
  });
});
