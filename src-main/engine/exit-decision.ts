import type { OrderPurpose } from './orders';

/** Why a position is being closed: a planned exit, a stop, or the time-of-day flatten. */
export type ExitPurpose = Extract<OrderPurpose, 'exit' | 'stop' | 'flatten'>;

/**
 * Close a whole position at market. The engine turns it into an order with `exitOrder` and
 * sends it through the order gateway; `reason` goes into the event log and the alert.
 */
export interface ExitDecision {
  positionId: string;
  quantity: 'all';
  purpose: ExitPurpose;
  reason: string;
}

/** A whole-position exit decision. */
export function closeAll(positionId: string, purpose: ExitPurpose, reason: string): ExitDecision {
  return { positionId, quantity: 'all', purpose, reason };
}
