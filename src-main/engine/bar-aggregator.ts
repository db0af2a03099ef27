import type { Bar, Timeframe } from '../../src-shared/market';
import { TIMEFRAMES } from '../../src-shared/market';
import {
  MINUTE_MS,
  SessionLocator,
  timeframeIndex,
  barCloseTime,
  intervalEnd,
  intervalStart,
  type Session,
} from './bar-sessions';
import type { ScheduleConfig } from './market-calendar';

// Module-local copies of hot imports (a CommonJS build reads imports through getters).
const MINUTE = MINUTE_MS;
const TF_NAMES: readonly Timeframe[] = TIMEFRAMES;
const tfIndexOf = timeframeIndex;
const startOf = intervalStart;
const endOf = intervalEnd;

/**
 * The bars being built, as plain numbers in one Float64Array (no allocation per minute, one
 * cache-friendly block per ticker): SLOT doubles per timeframe, by timeframeIndex.
 */
const ACTIVE = 0;
const START = 1;
const END = 2;
const OPEN = 3;
const HIGH = 4;
const LOW = 5;
const CLOSE = 6;
const VOLUME = 7;
/** 1-minute bars that open before this were covered by seeded history of this timeframe. */
const SEEDED_UNTIL = 8;
const SLOT = 9;

/**
 * Builds one ticker's 5m, 10m, 1h and 1d bars from its closed 1-minute bars, in New York session
 * time (DST-correct, half days close early): intervals anchored at the open, 1h = 09:30–10:30 …
 * 15:30–16:00, 1d = the regular session. A bar's `time` is its interval's open.
 *
 * A higher bar closes with the minute that completes its interval (the 09:34 bar closes the
 * 09:30 5m bar; the session's last minute closes the last hour and the day). When that minute is
 * missing, the bar closes as soon as a minute of a later interval arrives, before that minute
 * starts the next bar. Minutes outside the regular session and minutes not newer than the last
 * one accepted are ignored.
 */
export class BarAggregator {
  readonly ticker: string;
  private readonly sessions: SessionLocator;
  /** Forming bars by timeframeIndex × SLOT; index 0 (1m) stays unused. */
  private readonly slots = new Float64Array(TIMEFRAMES.length * SLOT);
  /** timeframeIndex of each higher timeframe built. */
  private readonly built: Int32Array;
  private readonly closed: Bar[] = [];
  /** Interval ends of `closed` (at most two bars per timeframe close with one minute). */
  private readonly closeTimes = new Float64Array(2 * TIMEFRAMES.length);
  private lastMinute = Number.NEGATIVE_INFINITY;

  /**
   * @param sessions a SessionLocator shared by all tickers (or the schedule to build one from)
   * @param timeframes the higher timeframes to build (others are skipped); default all
   */
  constructor(
    ticker: string,
    sessions: SessionLocator | ScheduleConfig,
    timeframes: readonly Timeframe[] = TIMEFRAMES,
  ) {
    this.ticker = ticker;
    this.sessions = sessions instanceof SessionLocator ? sessions : new SessionLocator(sessions);
    this.built = Int32Array.from(TIMEFRAMES.flatMap((tf, i) => (i > 0 && timeframes.includes(tf) ? [i] : [])));
    for (let i = 0; i < TIMEFRAMES.length; i++) this.slots[i * SLOT + SEEDED_UNTIL] = Number.NEGATIVE_INFINITY;
  }

  /**
   * Feeds one closed 1-minute bar. Returns the higher bars it closed (TIMEFRAMES order, oldest
   * first within a timeframe; the array is reused by the next call, and `closeTime(k)` is when
   * the k-th one's interval ended), or null when the minute was ignored (outside the session, or
   * not newer than the last minute).
   */
  push(bar: Bar): readonly Bar[] | null {
    const t = bar.time;
    if (t <= this.lastMinute) return null;
    const session = this.sessions.at(t);
    if (session === null) return null;
    this.lastMinute = t;
    const closed = this.closed;
    if (closed.length > 0) closed.length = 0;
    const s = this.slots;
    const built = this.built;
    const { high, low, close, volume } = bar;
    for (let k = 0; k < built.length; k++) {
      const i = built[k]!;
      const o = i * SLOT;
      if (s[o + ACTIVE] === 1 && t >= s[o + END]!) this.emit(i); // its closing minute never came
      if (t < s[o + SEEDED_UNTIL]!) continue;
      if (s[o + ACTIVE] === 1) {
        if (high > s[o + HIGH]!) s[o + HIGH] = high;
        if (low < s[o + LOW]!) s[o + LOW] = low;
        s[o + CLOSE] = close;
        s[o + VOLUME] = s[o + VOLUME]! + volume;
      } else {
        this.begin(i, bar, session);
      }
      if (t + MINUTE >= s[o + END]!) this.emit(i);
    }
    return closed;
  }

  /** End of the interval of the k-th bar the last push closed (epoch ms): open + 5 min, …, the close for the last hour and the day. */
  closeTime(k: number): number {
    return this.closeTimes[k]!;
  }

  /** The bar of `timeframe` being built, null when none (always null for 1m: minutes arrive closed). */
  forming(timeframe: Timeframe): Bar | null {
    const i = tfIndexOf(timeframe);
    return i > 0 && this.slots[i * SLOT + ACTIVE] === 1 ? this.toBar(i) : null;
  }

  /**
   * Records that `bar` of `timeframe` (a higher timeframe) came from seeded history: minutes of
   * its interval and earlier no longer count toward that timeframe, and a bar forming there is
   * dropped (the seeded bar supersedes it). Returns the bar's close time.
   */
  seeded(timeframe: Timeframe, bar: Bar): number {
    const i = tfIndexOf(timeframe);
    const closeTime = barCloseTime(this.sessions, i, bar.time);
    if (i === 0) return closeTime;
    const s = this.slots;
    const o = i * SLOT;
    s[o + SEEDED_UNTIL] = Math.max(s[o + SEEDED_UNTIL]!, closeTime);
    if (s[o + ACTIVE] === 1 && s[o + START]! < s[o + SEEDED_UNTIL]!) s[o + ACTIVE] = 0;
    return closeTime;
  }

  private begin(i: number, bar: Bar, session: Session): void {
    const s = this.slots;
    const o = i * SLOT;
    const start = startOf(i, bar.time, session);
    s[o + ACTIVE] = 1;
    s[o + START] = start;
    s[o + END] = endOf(i, start, session);
    s[o + OPEN] = bar.open;
    s[o + HIGH] = bar.high;
    s[o + LOW] = bar.low;
    s[o + CLOSE] = bar.close;
    s[o + VOLUME] = bar.volume;
  }

  private emit(i: number): void {
    const o = i * SLOT;
    this.slots[o + ACTIVE] = 0;
    this.closeTimes[this.closed.length] = this.slots[o + END]!;
    this.closed.push(this.toBar(i));
  }

  private toBar(i: number): Bar {
    const s = this.slots;
    const o = i * SLOT;
    return {
      ticker: this.ticker,
      timeframe: TF_NAMES[i]!,
      time: s[o + START]!,
      open: s[o + OPEN]!,
      high: s[o + HIGH]!,
      low: s[o + LOW]!,
      close: s[o + CLOSE]!,
      volume: s[o + VOLUME]!,
    };
  }
}
