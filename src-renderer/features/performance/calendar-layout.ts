import { toneOf, type Tone } from '../../format/format';
import { addDays, daysBetween, isIsoDate, mondayOf, monthLabel, weekdayOf } from './ny-dates';

/** One day of the calendar heatmap: its column (week) and row (weekday, Monday = 0). */
export interface CalendarCell {
  date: string;
  col: number;
  row: number;
  /** Net P&L of the day; null on a day without closed trades. */
  pnl: number | null;
  /** Sign of the P&L; 'none' without trades. */
  tone: Tone | 'none';
  /** 0…1: |P&L| relative to the largest |P&L| of the range (0 without trades). */
  intensity: number;
}

export interface CalendarLayout {
  cells: CalendarCell[];
  /** Number of week columns. */
  weeks: number;
  /** Rows drawn: 5 (Monday–Friday) unless a weekend day has P&L, then 7. */
  rows: number;
  /** Month names over the column where each month's first shown day falls. */
  months: { label: string; col: number }[];
}

/** At most this many weeks are drawn (the latest ones), about two years. */
export const MAX_CALENDAR_WEEKS = 106;

/**
 * Lays out the days `from`…`to` (New York dates, inclusive) as weeks × weekdays, Monday-first
 * columns like an ISO week. Weekends are left out unless they carry P&L. The colour strength
 * grows with |P&L| (the square root, so small days stay visible next to a big one).
 */
export function calendarLayout(
  from: string,
  to: string,
  days: readonly { date: string; pnl: number }[],
): CalendarLayout {
  const empty: CalendarLayout = { cells: [], weeks: 0, rows: 5, months: [] };
  if (!isIsoDate(from) || !isIsoDate(to) || daysBetween(from, to) < 0) return empty;
  const pnlByDate = new Map<string, number>();
  for (const d of days) if (Number.isFinite(d.pnl)) pnlByDate.set(d.date, (pnlByDate.get(d.date) ?? 0) + d.pnl);
  let first = from;
  if (daysBetween(mondayOf(first), to) >= MAX_CALENDAR_WEEKS * 7)
    first = addDays(mondayOf(to), -(MAX_CALENDAR_WEEKS - 1) * 7);
  const span = daysBetween(first, to);

  const weekendPnl = [...pnlByDate.keys()].some((d) => d >= first && d <= to && weekdayOf(d) >= 5);
  const rows = weekendPnl ? 7 : 5;
  let maxAbs = 0;
  for (const [date, pnl] of pnlByDate) if (date >= first && date <= to) maxAbs = Math.max(maxAbs, Math.abs(pnl));

  const start = mondayOf(first);
  const cells: CalendarCell[] = [];
  const months: { label: string; col: number }[] = [];
  for (let i = 0; i <= span; i++) {
    const date = addDays(first, i);
    const row = weekdayOf(date);
    if (row >= rows) continue;
    const col = Math.floor(daysBetween(start, date) / 7);
    const pnl = pnlByDate.get(date) ?? null;
    cells.push({
      date,
      col,
      row,
      pnl,
      tone: pnl === null ? 'none' : toneOf(pnl),
      intensity: pnl === null || maxAbs === 0 ? 0 : Math.sqrt(Math.abs(pnl) / maxAbs),
    });
    const label = monthLabel(date);
    if (months[months.length - 1]?.label !== label) months.push({ label, col });
  }
  // A month starting late in the first column's week would print over the next one: drop the first.
  const second = months[1];
  if (months[0] && second && second.col - months[0].col < 2) months.shift();
  const weeks = cells.length ? (cells[cells.length - 1]?.col ?? 0) + 1 : 0;
  return { cells, weeks, rows, months };
}
