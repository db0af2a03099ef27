import type { TradeRecord } from '../../src-shared/trades';
import type { PositionPlan } from './book';
import { isReducing, type Fill, type OrderRequest } from './orders';
import type { EngineEvent } from './ports';
import { signedUsd } from '../../src-shared/money-text';

/**
 * The events of the order gateway. Order events carry `status` in the words of the store's
 * `orders` table ('intent', 'partially_filled', 'filled', 'cancelled', 'rejected') and the
 * whole request, so the sink can record the intent before the broker call.
 */

const describe = (o: OrderRequest): string =>
  `${o.side.toUpperCase()} ${o.quantity} ${o.symbol} ${o.type} (${o.purpose})`;

/**
 * The intent, emitted (and committed by the sink) before the order goes to the broker. An
 * entry carries the plan of the position it opens, so a restart can rebuild the position
 * from the stored intents and fills (event sourcing).
 */
export function intentEvent(order: OrderRequest, reason: string | null, plan?: PositionPlan): EngineEvent {
  const metadata: Record<string, unknown> = {
    status: 'intent',
    clientOrderId: order.clientOrderId,
    order: { ...order },
    reason,
  };
  if (plan) metadata.plan = { ...plan, option: plan.option && { ...plan.option } };
  return {
    eventType: 'order',
    severity: 'info',
    message: `${describe(order)} ${order.clientOrderId}${reason ? `: ${reason}` : ''}`,
    metadata,
  };
}

/** One execution, with the order's status after it ('partially_filled' or 'filled'). */
export function fillEvent(fill: Fill, order: OrderRequest, remaining: number): EngineEvent {
  return {
    eventType: 'fill',
    severity: 'info',
    message: `Filled ${fill.side} ${fill.quantity} ${fill.symbol} @ ${fill.price.toFixed(4)} (${order.purpose}, ${remaining} open)`,
    metadata: {
      status: remaining > 0 ? 'partially_filled' : 'filled',
      clientOrderId: fill.clientOrderId,
      positionId: order.positionId,
      purpose: order.purpose,
      fill: { ...fill },
      remaining,
    },
  };
}

/** A closed trade; its metadata carries pnl, ticker and tradeType for the notification router. */
export function tradeEvent(trade: TradeRecord): EngineEvent {
  return {
    eventType: 'trade',
    severity: 'info',
    message: `Closed ${trade.ticker} ${trade.tradeType.replace('_', ' ')}: ${signedUsd(trade.pnl)} (${trade.pnlPct.toFixed(2)} %)`,
    metadata: {
      pnl: trade.pnl,
      pnlPct: trade.pnlPct,
      ticker: trade.ticker,
      tradeType: trade.tradeType,
      instrumentType: trade.instrumentType,
      positionId: trade.id,
      trade: { ...trade },
    },
  };
}

/** The broker refused or canceled an order; a reducing order left behind leaves the position open. */
export function closedUnfilledEvent(
  order: OrderRequest,
  status: 'rejected' | 'cancelled',
  reason: string | null,
): EngineEvent {
  return {
    eventType: 'order',
    severity: status === 'rejected' || isReducing(order.purpose) ? 'warning' : 'info',
    message: `${describe(order)} ${order.clientOrderId} ${status}${reason ? `: ${reason}` : ''}`,
    metadata: {
      status,
      clientOrderId: order.clientOrderId,
      positionId: order.positionId,
      purpose: order.purpose,
      reason,
    },
  };
}

/** A rejected exit, stop or flatten: the position is NOT flat, whatever anyone hoped. */
export function reductionRejectedAlert(order: OrderRequest, reason: string, stillOpen: number): EngineEvent {
  return {
    eventType: 'alert',
    severity: 'critical',
    message: `${order.purpose} of ${order.symbol} rejected by the broker (${reason}); ${stillOpen} still open, NOT flat`,
    metadata: {
      kind: 'reduction_rejected',
      clientOrderId: order.clientOrderId,
      positionId: order.positionId,
      symbol: order.symbol,
      purpose: order.purpose,
      reason,
      stillOpen,
    },
  };
}

/** The book and the broker disagree (a fill for an unknown order, a fill the ledger refused). */
export function divergenceAlert(message: string, metadata: Record<string, unknown>): EngineEvent {
  return { eventType: 'alert', severity: 'critical', message, metadata: { kind: 'book_divergence', ...metadata } };
}

/** An entry the gateway or the risk gate refused. */
export function deniedEvent(plan: PositionPlan, order: OrderRequest, rule: string, reason: string): EngineEvent {
  return {
    eventType: 'risk_denied',
    // Denials while paused or halted are expected; limit breaches deserve attention.
    severity: rule === 'trading_state' ? 'info' : 'warning',
    message: `${plan.ticker} ${order.purpose} denied (${rule}): ${reason}`,
    metadata: {
      rule,
      reason,
      positionId: plan.id,
      ticker: plan.ticker,
      symbol: order.symbol,
      signalId: plan.signalId,
      quantity: order.quantity,
      purpose: order.purpose,
    },
  };
}
