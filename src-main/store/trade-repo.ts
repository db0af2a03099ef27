import { and, asc, desc, gte, lte } from 'drizzle-orm';
import type { TradeRecord } from '../../src-shared/trades';
import type { SignalType } from '../../src-shared/signals';
import type { Direction, InstrumentType, TradeType } from '../../src-shared/positions';
import type { StoreDb } from './database';
import { trades } from './schema';

type Row = typeof trades.$inferSelect;

/** The `trades` table: closed trades, the input of every performance metric. */
export class TradeRepo {
  constructor(private readonly db: StoreDb) {}

  /** Records a closed trade; a trade id already stored is left as it is (replays are idempotent). */
  record(sessionId: string | null, t: TradeRecord): void {
    this.db
      .insert(trades)
      .values({ ...t, sessionId })
      .onConflictDoNothing()
      .run();
  }

  /** Trades whose exit lies in [since, until] (epoch ms, inclusive), oldest exit first. */
  between(since: number, until: number): TradeRecord[] {
    return this.db
      .select()
      .from(trades)
      .where(and(gte(trades.exitTime, since), lte(trades.exitTime, until)))
      .orderBy(asc(trades.exitTime), asc(trades.id))
      .all()
      .map(toTrade);
  }

  /** The newest trades by exit time, newest first. */
  recent(limit = 100): TradeRecord[] {
    return this.db.select().from(trades).orderBy(desc(trades.exitTime)).limit(limit).all().map(toTrade);
  }
}

function toTrade(row: Row): TradeRecord {
  return {
    id: row.id,
    ticker: row.ticker,
    instrumentType: row.instrumentType as InstrumentType,
    tradeType: row.tradeType as TradeType,
    direction: row.direction as Direction,
    quantity: row.quantity,
    entryPrice: row.entryPrice,
    exitPrice: row.exitPrice,
    entryTime: row.entryTime,
    exitTime: row.exitTime,
    pnl: row.pnl,
    pnlPct: row.pnlPct,
    signalType: row.signalType as SignalType | null,
    conviction: row.conviction,
    timeframe: row.timeframe,
  };
}
