import { addDays, daysBetween, isIsoDate, nyMidnight } from './ny-dates';

/**
 * The range the Performance tab reports on: the last `days` New York calendar days up to now
 * (1 = today), or a custom span of whole days `from`…`to` (both 'YYYY-MM-DD', inclusive).
 */
export type DateRange = { kind: 'days'; days: number } | { kind: 'custom'; from: string; to: string };

export interface RangePreset {
  days: number;
  label: string;
}

const FIXED_PRESETS = [1, 5, 30, 90];

const presetLabel = (days: number): string => (days === 1 ? 'Today' : `${days}D`);

/** Today, 5, 30 and 90 days, plus the configured lookback when it is none of these. */
export function rangePresets(lookbackDays: number): RangePreset[] {
  const days = FIXED_PRESETS.includes(lookbackDays) ? FIXED_PRESETS : [...FIXED_PRESETS, lookbackDays];
  return days.sort((a, b) => a - b).map((d) => ({ days: d, label: presetLabel(d) }));
}

/** The range shown first: the configured lookback (config.dashboard.pnlChartLookbackDays). */
export const defaultRange = (lookbackDays: number): DateRange => ({ kind: 'days', days: lookbackDays });

/** The first and last New York dates a range covers, given today's New York date. */
export function rangeDates(range: DateRange, today: string): { from: string; to: string } {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  return { from: addDays(today, 1 - Math.max(1, range.days)), to: today };
}

/** Why a custom range cannot be used, or null when it can. */
export function customRangeError(from: string, to: string): string | null {
  if (!isIsoDate(from) || !isIsoDate(to)) return 'Pick both dates.';
  if (daysBetween(from, to) < 0) return 'The start is after the end.';
  return null;
}

/**
 * The getPerformance request of a range. A preset starts at New York midnight of its first day
 * and leaves `until` out, so the bot reports up to its own clock's now; a custom range ends at
 * the last millisecond of its last day.
 */
export function rangeRequest(range: DateRange, today: string): { since: number; until?: number } {
  const { from, to } = rangeDates(range, today);
  const since = nyMidnight(from);
  if (range.kind === 'days') return { since };
  return { since, until: nyMidnight(addDays(to, 1)) - 1 };
}
