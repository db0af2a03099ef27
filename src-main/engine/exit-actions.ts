import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { PositionBook } from './book';
import { closeAll, type ExitDecision } from './exit-decision';
import { marketOrder, type NextId } from './executor-common';
import type { CloseRoute } from './instrument-router';
import type { OrderRequest } from './orders';

/** The user's "Close Position": the whole position at market (through the gateway like any exit). */
export function manualClose(positionId: string): ExitDecision {
  return closeAll(positionId, 'exit', 'manual close');
}

/** Whether a stop adjustment may be applied, and if not why. */
export type StopCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks the user's "Adjust Stop" before `book.setStop`: a finite price above 0, below the
 * current price for longs and above it for shorts (else it would fire on the next bar).
 * Option scalps are refused: they exit by percentages of the entry premium, not by a stop price.
 */
export function validateStopAdjustment(position: Position | ScalpPosition, newStop: number): StopCheck {
  if (position.instrumentType === 'option') {
    return { ok: false, reason: 'option scalps exit by percent of premium; their stop cannot be moved' };
  }
  if (!Number.isFinite(newStop) || newStop <= 0) return { ok: false, reason: 'the stop must be a price above 0' };
  if (position.direction === 'long' && newStop >= position.currentPrice) {
    return { ok: false, reason: `a long's stop must be below the current price ${position.currentPrice}` };
  }
  if (position.direction === 'short' && newStop <= position.currentPrice) {
    return { ok: false, reason: `a short's stop must be above the current price ${position.currentPrice}` };
  }
  return { ok: true };
}

/** The exits a close route asks for: the ticker's open stock positions of that side and trade types. */
export function closeRouteDecisions(route: CloseRoute, book: Pick<PositionBook, 'positions'>): ExitDecision[] {
  const direction = route.kind === 'close_longs' ? 'long' : 'short';
  return book
    .positions()
    .filter(
      (p) =>
        p.ticker === route.ticker &&
        p.instrumentType === 'stock' &&
        p.direction === direction &&
        route.tradeTypes.includes(p.tradeType),
    )
    .map((p) =>
      closeAll(p.id, 'exit', `${route.kind === 'close_longs' ? 'bearish' : 'bullish'} signal on ${p.ticker}`),
    );
}

/**
 * The market order that carries out `decision`: the whole open quantity, opposite side,
 * the decision's purpose (reducing, so it passes the gateway after a kill). Null when the
 * position is gone or empty.
 */
export function exitOrder(
  decision: ExitDecision,
  book: Pick<PositionBook, 'get' | 'planOf'>,
  now: number,
  nextId: NextId,
): OrderRequest | null {
  const position = book.get(decision.positionId);
  const plan = book.planOf(decision.positionId);
  if (!position || !plan || position.quantity <= 0) return null;
  // Every position is bought (the ledger's convention: a put is 'short' only as a market view), so exits sell.
  return marketOrder(plan, { side: 'sell', quantity: position.quantity, purpose: decision.purpose, time: now }, nextId);
}

/**
 * The user's "Add to Position": a market order buying `quantity` more of the position's symbol
 * (positions are always bought), purpose 'add' (the gateway sizes and risk-checks it like an entry). Null when
 * the position is gone or the quantity is not a positive whole number.
 */
export function addOrder(
  positionId: string,
  quantity: number,
  book: Pick<PositionBook, 'get' | 'planOf'>,
  now: number,
  nextId: NextId,
): OrderRequest | null {
  const position = book.get(positionId);
  const plan = book.planOf(positionId);
  if (!position || !plan || !Number.isInteger(quantity) || quantity <= 0) return null;
  return marketOrder(plan, { side: 'buy', quantity, purpose: 'add', time: now }, nextId);
}
