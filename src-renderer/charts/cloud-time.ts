import { TickMarkType, type Time } from 'lightweight-charts';
import type { Timeframe } from '../../src-shared/market';

/**
 * Time labels of the cloud chart in New York time. lightweight-charts has no time zones: it
 * places ticks by UTC, which suits a regular-hours equity session (09:30–16:00 ET never spans
 * UTC midnight), and lets us format every label ourselves.
 */
const ny = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', ...options });

const YEAR = ny({ year: 'numeric' });
const MONTH = ny({ month: 'short' });
const DAY = ny({ month: 'short', day: 'numeric' });
const MINUTE = ny({ hour: '2-digit', minute: '2-digit' });
const SECOND = ny({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
const CROSSHAIR_INTRADAY = ny({ weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const CROSSHAIR_DAILY = ny({ weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

/** Chart time (UTC seconds; business-day strings and objects are not used here) → epoch ms. */
export const chartTimeToMs = (time: Time): number => (typeof time === 'number' ? time * 1000 : NaN);

/** Axis tick labels: 2026, Nov, Nov 24, 10:30 — all New York time. */
export function tickMarkLabel(time: Time, type: TickMarkType): string {
  const ms = chartTimeToMs(time);
  if (!Number.isFinite(ms)) return '';
  switch (type) {
    case TickMarkType.Year:
      return YEAR.format(ms);
    case TickMarkType.Month:
      return MONTH.format(ms);
    case TickMarkType.DayOfMonth:
      return DAY.format(ms);
    case TickMarkType.TimeWithSeconds:
      return SECOND.format(ms);
    default:
      return MINUTE.format(ms);
  }
}

/** The crosshair's time label: "Tue, Nov 24, 10:42 ET" intraday, "Tue, Nov 24, 2026" for daily bars. */
export function crosshairTimeLabel(time: Time, timeframe: Timeframe): string {
  const ms = chartTimeToMs(time);
  if (!Number.isFinite(ms)) return '';
  return timeframe === '1d' ? CROSSHAIR_DAILY.format(ms) : `${CROSSHAIR_INTRADAY.format(ms)} ET`;
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Volume as the legend shows it: 950, 12.3K, 4.1M. */
export const formatVolume = (v: number): string => (Number.isFinite(v) ? COMPACT.format(v) : '—');
