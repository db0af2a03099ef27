import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DataFeedStatus } from '../../src-shared/bot-state';
import { defaultConfig } from '../../src-shared/config-schema';
import type { Bar } from '../../src-shared/market';
import type { Clock, FeedHandler } from '../../src-main/engine/ports';
import { SyntheticFeed, type FeedTimers } from '../../src-main/adapters/synthetic-feed';
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

function setup(clock: Clock, tickers: readonly string[] = ['SPY', 'QQQ'], seed = 42) {
  const timers = new FakeTimers();
  const feed = new SyntheticFeed({ seed, clock, schedule, timers });
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
): Bar[] {
  const clock = new ManualClock(start);
  const { feed, recorder } = setup(clock, tickers, seed);
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

  it('gives the same bars whatever the pump cadence', () => {
    const end = CLOSE + MINUTE;
    const once = collect(42, ['SPY', 'QQQ'], OPEN - 3_600_000, end);
    const everyMinute = collect(
      42,
      ['SPY', 'QQQ'],
      OPEN - 3_600_000,
      end,
      Array.from({ length: 391 }, (_, m) => OPEN + m * MINUTE),
    );
    expect(everyMinute).toEqual(once);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: OPEN - 3_600_000, max: end }), { maxLength: 40 }), (pumps) => {
        expect(collect(42, ['SPY', 'QQQ'], OPEN - 3_600_000, end, pumps)).toEqual(once);
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

  it('continues prices across a reconnect without repeating bars', () => {
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
    expect(recorder.bars[5]?.open).toBe(recorder.bars[4]?.close);
  });
});
