import { TZDate } from '@date-fns/tz';
import type { TradeRecord } from '../../src-shared/trades';
import { isTradingDay, nextTradingDate, sessionDateOf, type ScheduleConfig } from './market-calendar';

const NEW_YORK = 'America/New_York';
const DAY_MS = 86_400_000;
/** FINRA's pattern-day-trader window: day trades within five business days. */
const PDT_WINDOW_SESSIONS = 5;
/** Calendar days that surely hold five sessions, holidays included. */
const PDT_LOOKBACK_DAYS = 21;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` falls in the FOMC blackout: a configured FOMC date, from its start (inclusive) to its end (exclusive) ET. */
export function inFomcBlackout(
  now: number,
  schedule: Pick<ScheduleConfig, 'fomcDates' | 'fomcBlackoutStart' | 'fomcBlackoutEnd'>,
): boolean {
  if (!schedule.fomcDates.includes(sessionDateOf(now))) return false;
  const ny = new TZDate(now, NEW_YORK);
  const minute = ny.getHours() * 60 + ny.getMinutes();
  return minute >= minutesOf(schedule.fomcBlackoutStart) && minute < minutesOf(schedule.fomcBlackoutEnd);
}

/** The last five trading dates up to the NY date of `now` (that date included when it is one). */
export function pdtWindow(now: number, schedule: ScheduleConfig): string[] {
  const today = sessionDateOf(now);
  const dates: string[] = [];
  let date = sessionDateOf(now - PDT_LOOKBACK_DAYS * DAY_MS);
  if (!isTradingDay(date, schedule)) date = nextTradingDate(date, schedule);
  for (; date <= today; date = nextTradingDate(date, schedule)) dates.push(date);
  return dates.slice(-PDT_WINDOW_SESSIONS);
}

/**
 * Day trades (closed trades entered and exited in the same NY session) among `trades` in the
 * last five sessions up to `now`: what RiskContext.dayTrades wants for the PDT guard.
 */
export function dayTradesInWindow(trades: readonly TradeRecord[], now: number, schedule: ScheduleConfig): number {
  const window = new Set(pdtWindow(now, schedule));
  let count = 0;
  for (const t of trades) {
    const exitDate = sessionDateOf(t.exitTime);
    if (window.has(exitDate) && sessionDateOf(t.entryTime) === exitDate) count++;
  }
  return count;
}
