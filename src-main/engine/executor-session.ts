import { TZDate } from '@date-fns/tz';
import { sessionBounds, sessionDateOf, type ScheduleConfig } from './market-calendar';

const NEW_YORK = 'America/New_York';

/** The instant of New York wall-clock `time` ('HH:MM') on `date` ('YYYY-MM-DD'), DST-aware. */
function wallClock(date: string, time: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  return new TZDate(year!, month! - 1, day!, hours!, minutes!, NEW_YORK).getTime();
}

/**
 * The instant of an intraday deadline (a flat-by time, the 0DTE cutoff) in the session of
 * `date`; null when `date` is not a trading day. On a shortened session the deadline moves
 * earlier by as much as the close does: "flat by 15:55" keeps meaning five minutes before the
 * close (12:55 on a 13:00 half day), so an intraday position never outlives its session.
 */
export function sessionDeadline(date: string, time: string, schedule: ScheduleConfig): number | null {
  const bounds = sessionBounds(date, schedule);
  if (!bounds) return null;
  const earlyClose = wallClock(date, schedule.marketClose) - bounds.close;
  return wallClock(date, time) - earlyClose;
}

/**
 * Whether `now` is at or past the deadline `time` of its own session, or in no session at all
 * (a non-trading day, where nothing intraday may be held or opened).
 */
export function isPastDeadline(now: number, time: string, schedule: ScheduleConfig): boolean {
  const deadline = sessionDeadline(sessionDateOf(now), time, schedule);
  return deadline === null || now >= deadline;
}
