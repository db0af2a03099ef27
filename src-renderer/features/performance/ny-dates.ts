/**
 * New York calendar arithmetic for the Performance tab. The report's days are New York dates
 * ('YYYY-MM-DD'); ranges are sent as epoch ms. Date strings are handled as UTC calendar dates,
 * so adding days or finding a weekday never depends on the machine's own time zone.
 */

const NY_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const DAY_MS = 86_400_000;

function wallClock(ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of NY_PARTS.formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of a UTC calendar date held as ms at 00:00 UTC ('' for NaN). */
const isoOf = (utcMidnight: number): string =>
  Number.isFinite(utcMidnight) ? new Date(utcMidnight).toISOString().slice(0, 10) : '';

/** ms at 00:00 UTC of a 'YYYY-MM-DD' date (NaN when it is not one). */
function utcOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoOf(ms) === date ? ms : NaN;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export const isIsoDate = (date: string): boolean => Number.isFinite(utcOf(date));

/** The New York calendar date of an instant: 'YYYY-MM-DD' ('' for a non-finite one). */
export function nyDate(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const p = wallClock(ms);
  return `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 0)}-${pad(p.day ?? 0)}`;
}

/** New York wall time minus UTC at an instant, in ms (−5 h in winter, −4 h in summer). */
function nyOffset(ms: number): number {
  const p = wallClock(ms);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant New York's day `date` begins. Clocks change at 02:00, so the offset at 00:00 UTC
 * of that date (the evening before in New York) is the offset at New York midnight.
 */
export function nyMidnight(date: string): number {
  const utc = utcOf(date);
  return utc - nyOffset(utc);
}

/** `date` moved by `days` calendar days. */
export const addDays = (date: string, days: number): string => isoOf(utcOf(date) + days * DAY_MS);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utcOf(to) - utcOf(from)) / DAY_MS);

/** Weekday of a date, Monday = 0 … Sunday = 6. */
export const weekdayOf = (date: string): number => (new Date(utcOf(date)).getUTCDay() + 6) % 7;

/** The Monday starting the week of `date`. */
export const mondayOf = (date: string): string => addDays(date, -weekdayOf(date));

/** ISO week of a date, 'YYYY-Www' (the ISO week-numbering year, e.g. 2026-12-31 → '2026-W53'). */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 3 - weekdayOf(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** 'Nov' for '2026-11-24'. */
export const monthLabel = (date: string): string => SHORT_MONTHS[Number(date.slice(5, 7)) - 1] ?? date;

/** 'Tue, Nov 24, 2026' for '2026-11-24' (the raw text when it is not a date). */
export function longDateLabel(date: string): string {
  if (!isIsoDate(date)) return date || '—';
  return `${SHORT_WEEKDAYS[weekdayOf(date)]}, ${monthLabel(date)} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}

/** 'Nov 24' for '2026-11-24'. */
export const shortDateLabel = (date: string): string =>
  isIsoDate(date) ? `${monthLabel(date)} ${Number(date.slice(8, 10))}` : date || '—';
