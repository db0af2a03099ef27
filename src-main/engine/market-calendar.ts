import { TZDate } from '@date-fns/tz';
import type { BotConfig } from '../../src-shared/config-schema';
import type { MarketClock, SessionPhase } from '../../src-shared/market';

/** The schedule part of the bot configuration (hours, holidays, half days). */
export type ScheduleConfig = BotConfig['schedule'];

const NEW_YORK = 'America/New_York';
const DAY_MS = 86_400_000;
/** Extended hours as shown on the dashboard (NY time). */
const PRE_MARKET_START = '04:00';
const AFTER_HOURS_END = '20:00';

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function parseDate(date: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`expected a YYYY-MM-DD date, got '${date}'`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function parseTime(time: string): { hours: number; minutes: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`expected an HH:MM time, got '${time}'`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDate(d: CivilDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** Calendar arithmetic on civil dates is done in UTC, where every day has 24 hours. */
function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return formatDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}

/** The instant of wall-clock `time` on `date` in New York (DST-aware). */
function nyInstant(date: string, time: string): number {
  const { year, month, day } = parseDate(date);
  const { hours, minutes } = parseTime(time);
  return new TZDate(year, month - 1, day, hours, minutes, NEW_YORK).getTime();
}

/** NY trading date 'YYYY-MM-DD' of an instant. */
export function sessionDateOf(now: number): string {
  const ny = new TZDate(now, NEW_YORK);
  return formatDate({ year: ny.getFullYear(), month: ny.getMonth() + 1, day: ny.getDate() });
}

/** Whether that NY date is a trading day (weekday, not a configured holiday). */
export function isTradingDay(date: string, schedule: ScheduleConfig): boolean {
  const { year, month, day } = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !schedule.holidays.includes(date);
}

/**
 * Open/close instants (epoch ms) of that date's regular session; close is `halfDayClose`
 * on half days; null when not a trading day.
 */
export function sessionBounds(date: string, schedule: ScheduleConfig): { open: number; close: number } | null {
  if (!isTradingDay(date, schedule)) return null;
  const closeTime = schedule.halfDays.includes(date) ? schedule.halfDayClose : schedule.marketClose;
  return { open: nyInstant(date, schedule.marketOpen), close: nyInstant(date, closeTime) };
}

/** First trading date strictly after `date`. */
export function nextTradingDate(date: string, schedule: ScheduleConfig): string {
  // Terminates: the holiday list is finite, so some later weekday is not in it.
  let next = addDays(date, 1);
  while (!isTradingDay(next, schedule)) next = addDays(next, 1);
  return next;
}

function phaseAt(now: number, date: string, bounds: { open: number; close: number } | null): SessionPhase {
  if (!bounds) return 'closed';
  if (now >= bounds.open && now < bounds.close) return 'open';
  if (now >= nyInstant(date, PRE_MARKET_START) && now < bounds.open) return 'pre_market';
  if (now >= bounds.close && now < nyInstant(date, AFTER_HOURS_END)) return 'after_hours';
  return 'closed';
}

/**
 * The market clock as the dashboard shows it: phase (pre_market 04:00–open, open,
 * after_hours close–20:00, closed otherwise and on non-trading days), the NY date,
 * `nextOpen` (the next open strictly after `now`; while open, the next session's open),
 * `nextClose` (today's close while open or before the open on a trading day, else the next
 * session's close), and `speed` passed through.
 */
export function describeMarketClock(now: number, schedule: ScheduleConfig, speed: number): MarketClock {
  const sessionDate = sessionDateOf(now);
  const today = sessionBounds(sessionDate, schedule);
  const upcoming = sessionBounds(nextTradingDate(sessionDate, schedule), schedule);
  const nextOpen = today && now < today.open ? today.open : (upcoming?.open ?? null);
  const nextClose = today && now < today.close ? today.close : (upcoming?.close ?? null);
  return { now, phase: phaseAt(now, sessionDate, today), sessionDate, nextOpen, nextClose, speed };
}

/**
 * Where a simulation starts: `startTime` (HH:MM, NY) on the NY date of `realNow` if that is
 * a trading day, else on the next trading day.
 */
export function simulationStart(realNow: number, schedule: ScheduleConfig, startTime: string): number {
  const today = sessionDateOf(realNow);
  const date = isTradingDay(today, schedule) ? today : nextTradingDate(today, schedule);
  return nyInstant(date, startTime);
}
