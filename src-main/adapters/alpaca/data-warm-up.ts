/**
 * Warm-up history built from Alpaca's bars so that it matches what the simulated feeds (and the
 * engine's own aggregation) produce: regular-session bars only, 5m/10m/1h buckets anchored at
 * the session open, 1d bars stamped with the session's open.
 *
 * - 1m, 5m, 10m: from Alpaca's 1Min bars (the extended-hours minutes are left out).
 * - 1h: from Alpaca's 30Min bars. Alpaca's 1Hour bars are clock-aligned (09:00–10:00, …) while
 *   ours run 09:30–10:30 … 15:30–16:00; two clock-aligned half hours make one of ours (this
 *   needs the configured open on a half hour, as 09:30 is).
 * - 1d: Alpaca's 1Day bars, whose `t` is midnight New York time, restamped to the session open
 *   (our 1d bar's `time`); days the calendar does not trade are left out.
 */
import type { Bar, Timeframe } from '../../../src-shared/market';
import { sessionBounds, sessionDateOf, type ScheduleConfig } from '../../engine/market-calendar';
import { aggregateSession, checkHistoryRequest, closedBars, type SessionWindow } from '../replay-history';
import { toBar, type WireBar } from './data-messages';

/** The Alpaca bars loaded for one ticker. */
export interface LoadedBars {
  minutes: readonly WireBar[];
  halfHours: readonly WireBar[];
  days: readonly WireBar[];
}

interface SessionBars extends SessionWindow {
  bars: Bar[];
}

/** One ticker's history, grouped by regular session, newest session first. */
interface TickerHistory {
  minutes: SessionBars[];
  halfHours: SessionBars[];
  days: SessionBars[];
}

/** Wire bars → Bars in time order without duplicates, grouped by the session they fall in. */
function bySession(
  ticker: string,
  wire: readonly WireBar[],
  schedule: ScheduleConfig,
  stamp: (bar: Bar, session: SessionWindow) => Bar,
): SessionBars[] {
  const bars = wire
    .map((w) => toBar(ticker, '1m', w))
    .filter((b): b is Bar => b !== null)
    .sort((a, b) => a.time - b.time);
  const sessions = new Map<string, SessionBars>();
  let last = Number.NEGATIVE_INFINITY;
  for (const bar of bars) {
    if (bar.time === last) continue;
    last = bar.time;
    const date = sessionDateOf(bar.time);
    let session = sessions.get(date);
    if (!session) {
      const bounds = sessionBounds(date, schedule);
      if (!bounds) continue;
      session = { ...bounds, bars: [] };
      sessions.set(date, session);
    }
    session.bars.push(stamp(bar, session));
  }
  return [...sessions.values()].sort((a, b) => b.open - a.open);
}

/** Warm-up history answered from memory once loaded. */
export class WarmUpHistory {
  private readonly tickers = new Map<string, TickerHistory>();

  /** @param loadedUntil the `endBefore` the bars were loaded for: nothing later is known. */
  constructor(
    private readonly schedule: ScheduleConfig,
    private readonly loadedUntil: number,
  ) {}

  /** Stores one ticker's bars (replacing what it had). */
  load(ticker: string, bars: LoadedBars): void {
    const keep = (bar: Bar): Bar => bar;
    this.tickers.set(ticker, {
      minutes: bySession(ticker, bars.minutes, this.schedule, keep),
      halfHours: bySession(ticker, bars.halfHours, this.schedule, keep),
      days: bySession(ticker, bars.days, this.schedule, (bar, session) => ({ ...bar, time: session.open })),
    });
  }

  /**
   * The `count` most recent closed `timeframe` bars of `ticker` that closed at or before
   * `endBefore` (and before the instant the history was loaded for), oldest first.
   */
  history(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[] {
    checkHistoryRequest(count, endBefore);
    const loaded = this.tickers.get(ticker);
    if (!loaded) return [];
    const end = Math.min(endBefore, this.loadedUntil);
    const source = timeframe === '1h' ? loaded.halfHours : timeframe === '1d' ? loaded.days : loaded.minutes;
    return closedBars(timeframe, count, end, source, (s) => aggregateSession(s.bars, s, timeframe));
  }
}
