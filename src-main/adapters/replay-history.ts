/**
 * Warm-up history from 1-minute bars, shared by ReplayFeed (recorded bars) and SyntheticFeed
 * (generated sessions): 1m bars are aggregated in session time as the engine does — 5m/10m/1h
 * buckets counted from the session open (so 1h bars start 09:30 and the last one of a session
 * may be short), 1d = the regular session.
 */
import type { Bar, Timeframe } from '../../src-shared/market';

export const MINUTE = 60_000;

const INTRADAY_MS: Readonly<Record<Exclude<Timeframe, '1d'>, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '10m': 10 * MINUTE,
  '1h': 60 * MINUTE,
};

/** A regular session: open and close instants (epoch ms). */
export interface SessionWindow {
  open: number;
  close: number;
}

/** Throws unless `count` is a whole number ≥ 0 and `endBefore` a finite instant. */
export function checkHistoryRequest(count: number, endBefore: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (!Number.isFinite(endBefore)) throw new RangeError(`endBefore must be an instant, got ${endBefore}`);
}

/** Open time of the `timeframe` bar that holds a 1-minute bar opening at `time`. */
function bucketOf(time: number, session: SessionWindow, timeframe: Timeframe): number {
  if (timeframe === '1d') return session.open;
  const ms = INTRADAY_MS[timeframe];
  return session.open + Math.floor((time - session.open) / ms) * ms;
}

/** When a `timeframe` bar opening at `time` in `session` closes. */
function closeOf(time: number, session: SessionWindow, timeframe: Timeframe): number {
  return timeframe === '1d' ? session.close : Math.min(time + INTRADAY_MS[timeframe], session.close);
}

/**
 * Aggregates one session's 1-minute bars (time order) into `timeframe` bars: first open, highest
 * high, lowest low, last close, summed volume. Bars outside the session are left out.
 */
export function aggregateSession(bars: readonly Bar[], session: SessionWindow, timeframe: Timeframe): Bar[] {
  const out: Bar[] = [];
  let current: Bar | undefined;
  for (const bar of bars) {
    if (bar.time < session.open || bar.time >= session.close) continue;
    const time = bucketOf(bar.time, session, timeframe);
    if (current?.time === time) {
      current.high = Math.max(current.high, bar.high);
      current.low = Math.min(current.low, bar.low);
      current.close = bar.close;
      current.volume += bar.volume;
    } else {
      current = { ...bar, timeframe, time };
      out.push(current);
    }
  }
  return out;
}

/**
 * The `count` most recent bars that closed at or before `endBefore`, oldest first, walking
 * `sessions` newest first (it may be endless: the walk stops once `count` bars are found).
 * `barsOf` gives a session's bars of `timeframe`, oldest first.
 */
export function closedBars<S extends SessionWindow>(
  timeframe: Timeframe,
  count: number,
  endBefore: number,
  sessions: Iterable<S>,
  barsOf: (session: S) => readonly Bar[],
): Bar[] {
  checkHistoryRequest(count, endBefore);
  if (count === 0) return [];
  const chunks: Bar[][] = [];
  let found = 0;
  for (const session of sessions) {
    if (found >= count) break;
    if (session.open >= endBefore) continue;
    const closed = barsOf(session).filter((bar) => closeOf(bar.time, session, timeframe) <= endBefore);
    chunks.push(closed);
    found += closed.length;
  }
  return chunks.reverse().flat().slice(-count);
}
