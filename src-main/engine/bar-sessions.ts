import type { Timeframe } from '../../src-shared/market';
import { TIMEFRAMES } from '../../src-shared/market';
import { sessionBounds, sessionDateOf, type ScheduleConfig } from './market-calendar';

export const MINUTE_MS = 60_000;

/** Index of a timeframe in TIMEFRAMES (1m = 0 … 1d = 4); a switch, several times faster than a keyed lookup. */
export function timeframeIndex(timeframe: Timeframe): number {
  switch (timeframe) {
    case '1m':
      return 0;
    case '5m':
      return 1;
    case '10m':
      return 2;
    case '1h':
      return 3;
    case '1d':
      return 4;
  }
}

/** Length of an intraday timeframe's interval in ms, by timeframeIndex; 0 for 1d (the session). */
const SPAN_MS = [MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 60 * MINUTE_MS, 0] as const;

if (TIMEFRAMES.some((tf, i) => timeframeIndex(tf) !== i)) throw new Error('timeframeIndex out of step with TIMEFRAMES');

const DATE_CACHE_SIZE = 8192;

/** One regular session: NY date and its open/close instants (epoch ms; close is early on half days). */
export interface Session {
  date: string;
  open: number;
  close: number;
}

/**
 * Finds the regular session of an instant, with the calendar math done once per session date
 * (the common case, an instant inside the session found last, costs two comparisons).
 */
export class SessionLocator {
  private last: Session | null = null;
  private readonly byDate = new Map<string, Session | null>();
  /** NY date of instants looked up outside the last session (warm-up history repeats them per ticker). */
  private readonly dates = new Map<number, string>();

  constructor(private readonly schedule: ScheduleConfig) {}

  /** The regular session containing `t` (open ≤ t < close), or null outside every session. */
  at(t: number): Session | null {
    const last = this.last;
    if (last !== null && t >= last.open && t < last.close) return last;
    const session = this.ofDate(this.dateOf(t));
    if (session === null || t < session.open || t >= session.close) return null;
    this.last = session;
    return session;
  }

  /** NY date of an instant, 'YYYY-MM-DD'. */
  dateOf(t: number): string {
    let date = this.dates.get(t);
    if (date === undefined) {
      if (this.dates.size >= DATE_CACHE_SIZE) this.dates.clear();
      date = sessionDateOf(t);
      this.dates.set(t, date);
    }
    return date;
  }

  /** The session of a NY date, null when it is not a trading day. */
  ofDate(date: string): Session | null {
    let session = this.byDate.get(date);
    if (session === undefined) {
      const bounds = sessionBounds(date, this.schedule);
      session = bounds && { date, ...bounds };
      this.byDate.set(date, session);
    }
    return session;
  }
}

/**
 * Start of the interval of timeframe `tfIndex` that holds `t` within `session`: intervals are
 * anchored at the open (the 1h bars are 09:30–10:30 … 15:30–16:00); 1d is the whole session.
 */
export function intervalStart(tfIndex: number, t: number, session: Session): number {
  const span = SPAN_MS[tfIndex] ?? 0;
  if (span === 0) return session.open;
  return session.open + Math.floor((t - session.open) / span) * span;
}

/** End of the interval that starts at `start`, clipped to the session's close (the short last hour). */
export function intervalEnd(tfIndex: number, start: number, session: Session): number {
  const span = SPAN_MS[tfIndex] ?? 0;
  return span === 0 ? session.close : Math.min(start + span, session.close);
}

/**
 * When a bar of that timeframe opening at `time` is complete: the end of its session interval;
 * for a time outside every session (a feed's own history may stamp daily bars at midnight),
 * the close of that NY date's session if later, else just after `time`.
 */
export function barCloseTime(sessions: SessionLocator, tfIndex: number, time: number): number {
  const session = sessions.at(time);
  if (session !== null) return intervalEnd(tfIndex, intervalStart(tfIndex, time, session), session);
  const span = SPAN_MS[tfIndex] ?? 0;
  if (span !== 0) return time + span;
  const day = sessions.ofDate(sessions.dateOf(time));
  return Math.max(time + 1, day?.close ?? 0);
}
