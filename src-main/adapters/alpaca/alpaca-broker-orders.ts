import type { OrderRequest, OrderUpdate } from '../../engine/orders';
import type { AlpacaOrder } from './trading-types';

/** Where an order's POST stands. */
export type Placement = 'queued' | 'sending' | 'placed';

/** One order of ours, as far as Alpaca has told us. */
export interface TrackedOrder {
  request: OrderRequest;
  /** Alpaca's order id, once known. */
  alpacaId: string | null;
  placement: Placement;
  /** A POST is on the wire now. */
  inFlight: boolean;
  /** A POST ended without telling whether Alpaca took it (no answer, 5xx, duplicate id). */
  ambiguous: boolean;
  /** A placement (POST, look-up) is running for it. */
  placing: boolean;
  cancelRequested: boolean;
  /** Aborts the POST's waits (rate limit, backoff) while it has not reached Alpaca. */
  cancelWait: AbortController;
  /** Quantity delivered as fills so far (cumulative). */
  filled: number;
  /** Σ quantity × price of the fills delivered. */
  filledNotional: number;
  accepted: boolean;
  /** A final update (last fill, canceled, rejected) was delivered. */
  done: boolean;
}

/** Whether Alpaca may hold the order: then it is never dropped locally, only canceled there. */
export const mayBeAtBroker = (t: TrackedOrder): boolean => t.inFlight || t.ambiguous || t.placement === 'placed';

/** The execution a fill event reports (`qty`, `price`), when it came from the stream. */
export interface Execution {
  qty: number | null;
  price: number | null;
}

const PRICE_DECIMALS = 1e6;

/**
 * Our orders and what has been delivered about them. Alpaca's reports (REST replies, stream
 * events, look-ups after a reconnect) are folded in as snapshots: the order's cumulative
 * `filled_qty` decides what is new, so a duplicate or stale report delivers nothing, a report
 * that skips fills delivers the missing quantity at the price its `filled_avg_price` implies,
 * and nothing ever goes backwards.
 */
export class TrackedOrders {
  private readonly orders = new Map<string, TrackedOrder>();

  has(clientOrderId: string): boolean {
    return this.orders.has(clientOrderId);
  }

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.orders.get(clientOrderId);
  }

  add(request: OrderRequest): TrackedOrder {
    const t: TrackedOrder = {
      request: { ...request, option: request.option && { ...request.option } },
      alpacaId: null,
      placement: 'queued',
      inFlight: false,
      ambiguous: false,
      placing: false,
      cancelRequested: false,
      cancelWait: new AbortController(),
      filled: 0,
      filledNotional: 0,
      accepted: false,
      done: false,
    };
    this.orders.set(request.clientOrderId, t);
    return t;
  }

  /** Orders without a final update, oldest first. */
  open(): TrackedOrder[] {
    return [...this.orders.values()].filter((t) => !t.done);
  }

  /** The updates `order` (Alpaca's view of `t`) owes the engine, applied to `t`. */
  applySnapshot(t: TrackedOrder, order: AlpacaOrder, time: number, execution?: Execution): OrderUpdate[] {
    const out: OrderUpdate[] = [];
    const id = t.request.clientOrderId;
    t.alpacaId ??= order.id;
    if (order.status === 'rejected') {
      if (!t.done && t.filled === 0) {
        t.done = true;
        out.push({ kind: 'rejected', clientOrderId: id, reason: 'Alpaca rejected the order', time });
      }
      return out;
    }
    if (!t.accepted && !t.done) {
      t.accepted = true;
      out.push({ kind: 'accepted', clientOrderId: id, time });
    }
    const total = order.qty ?? t.request.quantity;
    const cumulative = Math.min(order.filled_qty, total);
    if (cumulative > t.filled) {
      const increment = cumulative - t.filled;
      const price = fillPrice(t, increment, cumulative, order.filled_avg_price, execution);
      t.filled = cumulative;
      t.filledNotional += increment * price;
      // A fill reported after the order was closed (out of order) is still real; nothing stays open.
      const remaining = t.done ? 0 : Math.max(0, total - cumulative);
      if (remaining === 0) t.done = true;
      out.push({
        kind: 'fill',
        fill: {
          clientOrderId: id,
          symbol: t.request.symbol,
          side: t.request.side,
          quantity: increment,
          price,
          commission: 0,
          time,
        },
        remaining,
      });
    }
    if (!t.done && (order.status === 'canceled' || order.status === 'expired' || order.status === 'replaced')) {
      t.done = true;
      out.push({ kind: 'canceled', clientOrderId: id, time });
    }
    return out;
  }

  /** Closes an order Alpaca never accepted. */
  reject(t: TrackedOrder, reason: string, time: number): OrderUpdate[] {
    if (t.done) return [];
    t.done = true;
    return [{ kind: 'rejected', clientOrderId: t.request.clientOrderId, reason, time }];
  }

  /** Closes an order that never reached Alpaca. */
  cancelLocally(t: TrackedOrder, time: number): OrderUpdate[] {
    if (t.done) return [];
    t.done = true;
    return [{ kind: 'canceled', clientOrderId: t.request.clientOrderId, time }];
  }
}

/**
 * This event's own price when it reports exactly the new quantity; otherwise (reports missed)
 * the price that makes the delivered fills average to Alpaca's `filled_avg_price`.
 */
function fillPrice(
  t: TrackedOrder,
  increment: number,
  cumulative: number,
  avgPrice: number | null,
  execution: Execution | undefined,
): number {
  if (execution?.price != null && execution.qty === increment) return execution.price;
  if (avgPrice !== null) {
    const implied = (avgPrice * cumulative - t.filledNotional) / increment;
    if (Number.isFinite(implied) && implied > 0) return Math.round(implied * PRICE_DECIMALS) / PRICE_DECIMALS;
    return avgPrice;
  }
  return execution?.price ?? 0;
}
