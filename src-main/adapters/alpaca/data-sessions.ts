import type { SessionWindow } from '../replay-history';
import { isTradingDay, sessionBounds, sessionDateOf, type ScheduleConfig } from '../../engine/market-calendar';

/** A regular session with its New York date. */
export interface DatedSession extends SessionWindow {
  date: string;
}

/** The civil date before `date` ('YYYY-MM-DD'), computed in UTC where every day has 24 hours. */
function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The `count` most recent regular sessions that opened before `endBefore`, newest first (the
 * session in progress at `endBefore` included).
 */
export function sessionsBefore(endBefore: number, count: number, schedule: ScheduleConfig): DatedSession[] {
  const out: DatedSession[] = [];
  let date = sessionDateOf(endBefore);
  while (out.length < count) {
    if (isTradingDay(date, schedule)) {
      const bounds = sessionBounds(date, schedule);
      if (bounds && bounds.open < endBefore) out.push({ date, ...bounds });
    }
    date = previousDate(date);
  }
  return out;
}
