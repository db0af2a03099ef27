import { and, desc, eq, inArray } from 'drizzle-orm';
import type { StoreDb } from './database';
import { orders } from './schema';

export const OPEN_ORDER_STATUSES = ['intent', 'submitted', 'accepted', 'partially_filled'] as const;

/** An order intent as the gateway records it before the broker call. */
export interface OrderIntentRecord {
  clientOrderId: string;
  sessionId: string | null;
  ticker: string;
  side: 'buy' | 'sell';
  qty: number;
  type: 'market' | 'stop';
  stopPrice: number | null;
  createdAt: number;
  /** Why the order exists: position, purpose, signal, option contract… */
  intent: Record<string, unknown>;
}

/** An `orders` row as the app reads it. */
export interface OrderRecord extends OrderIntentRecord {
  status: string;
  filledQty: number;
  avgFillPrice: number | null;
  updatedAt: number;
}

type Row = typeof orders.$inferSelect;

/** The `orders` table: every order from intent to its final status. */
export class OrderRepo {
  constructor(private readonly db: StoreDb) {}

  /** Records the intent (status 'intent'); committed when it returns, before the broker call. */
  recordIntent(o: OrderIntentRecord): void {
    this.db
      .insert(orders)
      .values({
        clientOrderId: o.clientOrderId,
        sessionId: o.sessionId,
        ticker: o.ticker,
        side: o.side,
        qty: o.qty,
        type: o.type,
        stopPrice: o.stopPrice,
        status: 'intent',
        createdAt: o.createdAt,
        updatedAt: o.createdAt,
        intentJson: JSON.stringify(o.intent),
      })
      .run();
  }

  /** Moves an order to `status`; a fill adds to the filled quantity and re-averages its price. */
  update(clientOrderId: string, status: string, time: number, fill?: { qty: number; price: number }): boolean {
    const row = this.db.select().from(orders).where(eq(orders.clientOrderId, clientOrderId)).get();
    if (!row) return false;
    const filledQty = row.filledQty + (fill?.qty ?? 0);
    const avgFillPrice = fill
      ? ((row.avgFillPrice ?? 0) * row.filledQty + fill.price * fill.qty) / filledQty
      : row.avgFillPrice;
    this.db
      .update(orders)
      .set({ status, filledQty, avgFillPrice, updatedAt: time })
      .where(eq(orders.clientOrderId, clientOrderId))
      .run();
    return true;
  }

  get(clientOrderId: string): OrderRecord | null {
    const row = this.db.select().from(orders).where(eq(orders.clientOrderId, clientOrderId)).get();
    return row ? toRecord(row) : null;
  }

  /** Orders not yet filled, canceled or rejected (optionally of one session), newest first. */
  open(sessionId?: string): OrderRecord[] {
    const statusOpen = inArray(orders.status, [...OPEN_ORDER_STATUSES]);
    return this.db
      .select()
      .from(orders)
      .where(sessionId ? and(statusOpen, eq(orders.sessionId, sessionId)) : statusOpen)
      .orderBy(desc(orders.id))
      .all()
      .map(toRecord);
  }

  /** The newest orders, newest first. */
  recent(limit = 100): OrderRecord[] {
    return this.db.select().from(orders).orderBy(desc(orders.id)).limit(limit).all().map(toRecord);
  }
}

function toRecord(row: Row): OrderRecord {
  let intent: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.intentJson ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) intent = parsed as Record<string, unknown>;
  } catch {
    // A hand-edited row reads with an empty intent rather than failing the whole query.
  }
  return {
    clientOrderId: row.clientOrderId,
    sessionId: row.sessionId,
    ticker: row.ticker,
    side: row.side === 'sell' ? 'sell' : 'buy',
    qty: row.qty,
    type: row.type === 'stop' ? 'stop' : 'market',
    stopPrice: row.stopPrice,
    createdAt: row.createdAt,
    intent,
    status: row.status,
    filledQty: row.filledQty,
    avgFillPrice: row.avgFillPrice,
    updatedAt: row.updatedAt,
  };
}
