import { and, asc, eq, gte } from 'drizzle-orm';
import type { PnlPoint } from '../../src-shared/dashboard-data';
import type { StoreDb } from './database';
import { dailyPnl, equitySnapshots } from './schema';

/** One trading day's result (America/New_York date). */
export interface DailyPnlRecord {
  date: string;
  startingEquity: number;
  endingEquity: number | null;
  pnl: number;
  trades: number;
}

/** The intraday equity curve and the daily P&L table. */
export class EquityRepo {
  constructor(private readonly db: StoreDb) {}

  /** Appends points of the intraday curve in one transaction. */
  appendSnapshots(sessionId: string | null, points: readonly { time: number; equity: number; pnl: number }[]): void {
    if (points.length === 0) return;
    this.db.transaction((tx) => {
      for (const p of points)
        tx.insert(equitySnapshots)
          .values({ sessionId, ...p })
          .run();
    });
  }

  /** A session's curve from `since` on, oldest first. */
  curve(sessionId: string, since = 0): PnlPoint[] {
    return this.db
      .select({ time: equitySnapshots.time, pnl: equitySnapshots.pnl })
      .from(equitySnapshots)
      .where(and(eq(equitySnapshots.sessionId, sessionId), gte(equitySnapshots.time, since)))
      .orderBy(asc(equitySnapshots.time))
      .all();
  }

  /** Creates or replaces the row of one day. */
  upsertDay(day: DailyPnlRecord): void {
    this.db
      .insert(dailyPnl)
      .values(day)
      .onConflictDoUpdate({
        target: dailyPnl.date,
        set: { endingEquity: day.endingEquity, pnl: day.pnl, trades: day.trades },
      })
      .run();
  }

  /** Days from `sinceDate` ('YYYY-MM-DD') on, oldest first. */
  days(sinceDate = '0000-00-00'): DailyPnlRecord[] {
    return this.db.select().from(dailyPnl).where(gte(dailyPnl.date, sinceDate)).orderBy(asc(dailyPnl.date)).all();
  }
}
