import { desc, eq } from 'drizzle-orm';
import type { CloudStates, SignalOutcome, SignalType, TradeSignal } from '../../src-shared/signals';
import type { Timeframe } from '../../src-shared/market';
import type { Direction } from '../../src-shared/positions';
import type { StoreDb } from './database';
import { signals } from './schema';

type Row = typeof signals.$inferSelect;

/** The `signals` table: every signal with what became of it. */
export class SignalRepo {
  constructor(private readonly db: StoreDb) {}

  /** Stores a signal, or its new outcome when it is already stored. */
  save(sessionId: string | null, s: TradeSignal): void {
    const values = {
      id: s.id,
      sessionId,
      ticker: s.ticker,
      timeframe: s.timeframe,
      type: s.type,
      direction: s.direction,
      conviction: s.conviction,
      price: s.price,
      time: s.time,
      cloudsJson: JSON.stringify(s.clouds),
      outcome: s.outcome,
      skipReason: s.skipReason,
    };
    this.db
      .insert(signals)
      .values(values)
      .onConflictDoUpdate({ target: signals.id, set: { outcome: s.outcome, skipReason: s.skipReason } })
      .run();
  }

  /** The newest signals, newest first (optionally of one ticker). */
  recent(limit = 50, ticker?: string): TradeSignal[] {
    const q = this.db.select().from(signals);
    return (ticker ? q.where(eq(signals.ticker, ticker)) : q)
      .orderBy(desc(signals.time), desc(signals.id))
      .limit(limit)
      .all()
      .map(toSignal);
  }
}

function toSignal(row: Row): TradeSignal {
  let clouds: CloudStates = { fast: null, pullback: null, trend: null, macro: null };
  try {
    clouds = JSON.parse(row.cloudsJson) as CloudStates;
  } catch {
    // Unreadable clouds read as unknown rather than failing the feed.
  }
  return {
    id: row.id,
    ticker: row.ticker,
    timeframe: row.timeframe as Timeframe,
    type: row.type as SignalType,
    direction: row.direction as Direction,
    conviction: row.conviction,
    price: row.price,
    time: row.time,
    clouds,
    outcome: row.outcome as SignalOutcome,
    skipReason: row.skipReason,
  };
}
