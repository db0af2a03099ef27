import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { EntryPlan, PositionBook, PositionPlan } from './book';
import {
  closedUnfilledEvent,
  deniedEvent,
  divergenceAlert,
  fillEvent,
  intentEvent,
  reductionRejectedAlert,
  tradeEvent,
} from './order-events';
import { isReducing, type Fill, type OrderPurpose, type OrderRequest, type OrderUpdate } from './orders';
import type { Broker, Clock, EventSink } from './ports';
import type { EntryCheck, RiskContext, RiskGate, RiskRule } from './risk-gate';
import { allowsOrder, type TradingState } from './trading-state';
import { errorMessage } from '../../src-shared/error-message';

/** What the order gateway is built from. */
export interface OrderGatewayOptions {
  broker: Broker;
  book: PositionBook;
  /** Must commit 'order' events synchronously: the intent is stored before the broker call. */
  sink: EventSink;
  clock: Clock;
  risk: RiskGate;
  /** Client order ids, unique per store and ≤ 48 characters; default `AX-1`, `AX-2`, … */
  nextOrderId?: () => string;
}

/** Why the gateway refused an entry: a risk rule, or the same position entered twice. */
export type GatewayRule = RiskRule | 'duplicate_entry';

/** What became of an entry: sent under a client order id, or refused (the reason is also an event). */
export type EntryResult = { ok: true; clientOrderId: string } | { ok: false; reason: string; rule: GatewayRule };
/** What became of a reduction: sent for `quantity` (capped), or why nothing was sent. */
export type ReductionResult = { ok: true; clientOrderId: string; quantity: number } | { ok: false; reason: string };

/** The purposes of a reduction. */
export type ReductionPurpose = Extract<OrderPurpose, 'exit' | 'stop' | 'flatten'>;

/** A reduction `flatten` sent. */
export interface SentReduction {
  positionId: string;
  clientOrderId: string;
  quantity: number;
}

interface TrackedOrder {
  request: OrderRequest;
  remaining: number;
  open: boolean;
  /** Expected price per share at submission (entries and adds), for the exposure they will add. */
  price: number;
}

/** Alpaca's limit on client order ids. */
const MAX_ORDER_ID_LENGTH = 48;
const OPTION_MULTIPLIER = 100;

/**
 * The one path to the broker (DESIGN §2 and §3). Entries pass the trading state and then the
 * risk gate; every denial is a 'risk_denied' event. Reductions (exits, stops, flattens) always
 * pass, but never for more than the position holds less what reducing orders already have
 * working (no overfill, no double exit). Every order's intent is emitted to the sink before
 * the broker sees it; broker updates go to the book and become 'fill', 'trade', 'order' and,
 * for a rejected reduction, critical 'alert' events. All positions are long, so reductions sell.
 */
export class OrderGateway {
  private readonly broker: Broker;
  private readonly book: PositionBook;
  private readonly sink: EventSink;
  private readonly clock: Clock;
  private readonly risk: RiskGate;
  private readonly nextOrderId: () => string;
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly unsubscribe: () => void;
  private tradingState: TradingState = 'active';
  private reason = '';

  constructor(opts: OrderGatewayOptions) {
    ({ broker: this.broker, book: this.book, sink: this.sink, clock: this.clock, risk: this.risk } = opts);
    let n = 0;
    this.nextOrderId = opts.nextOrderId ?? (() => `AX-${++n}`);
    this.unsubscribe = this.broker.onUpdate((u) => this.onUpdate(u));
  }

  get state(): TradingState {
    return this.tradingState;
  }

  /** Why the state was last set (quoted in denials). */
  get stateReason(): string {
    return this.reason;
  }

  /**
   * Tracks an order of an earlier run that may still be working at the broker (after a
   * crash), so its later fills and cancel reach the book. Nothing is sent.
   */
  adopt(request: OrderRequest, remaining: number, price: number): void {
    if (this.orders.has(request.clientOrderId) || remaining <= 0) return;
    this.orders.set(request.clientOrderId, { request: { ...request }, remaining, open: true, price });
  }

  /** Takes effect at once: after 'halted' only cancels and reducing orders reach the broker. */
  setState(state: TradingState, reason: string): void {
    this.tradingState = state;
    this.reason = reason;
  }

  /**
   * Sends an entry (purpose 'entry', a new position) or an add (purpose 'add', to an open
   * one) if the trading state and the risk gate allow it. The gateway assigns the client order
   * id and the time; the plan is registered with the book before the order is sent.
   */
  submitEntry(entry: EntryPlan, ctx: RiskContext): EntryResult {
    const { plan, order } = entry;
    const refusal = this.entryRefusal(entry, ctx);
    if (refusal) {
      this.sink.emit(deniedEvent(plan, order, refusal.rule, refusal.reason));
      return { ok: false, ...refusal };
    }
    const request: OrderRequest = { ...order, clientOrderId: this.newOrderId(), time: this.clock.now() };
    const isEntry = order.purpose === 'entry';
    const sent = this.send(
      request,
      ctx.quote(order) ?? 0,
      null,
      () => {
        if (isEntry) this.book.register(plan);
      },
      isEntry ? plan : undefined,
    );
    return sent
      ? { ok: true, clientOrderId: request.clientOrderId }
      : { ok: false, rule: 'invalid_order', reason: 'the order intent could not be recorded' };
  }

  /**
   * Sells `quantity` (or everything) of a position at market, in any trading state. Working
   * entry and add orders of the position are canceled first, so a late entry fill cannot
   * reopen what is being closed. The quantity is capped at what is held less what reducing
   * orders already have working.
   */
  submitReduction(
    positionId: string,
    quantity: number | 'all',
    purpose: ReductionPurpose,
    reason: string,
  ): ReductionResult {
    const plan = this.book.planOf(positionId);
    if (!plan) return { ok: false, reason: `unknown position ${positionId}` };
    if (quantity !== 'all' && !(Number.isInteger(quantity) && quantity > 0)) {
      return { ok: false, reason: `quantity ${quantity} is not a positive whole number` };
    }
    for (const t of this.working(positionId)) {
      if (!isReducing(t.request.purpose)) this.broker.cancel(t.request.clientOrderId);
    }
    const held = this.book.get(positionId)?.quantity ?? 0;
    const pending = this.pendingReduction(positionId);
    const available = held - pending;
    if (available <= 0) {
      return {
        ok: false,
        reason: pending > 0 ? `${pending} already being sold for ${positionId}` : `${positionId} holds nothing`,
      };
    }
    const request = reductionOrder(plan, quantity === 'all' ? available : Math.min(quantity, available), purpose, {
      clientOrderId: this.newOrderId(),
      time: this.clock.now(),
    });
    if (!this.send(request, 0, reason)) return { ok: false, reason: 'the order intent could not be recorded' };
    return { ok: true, clientOrderId: request.clientOrderId, quantity: request.quantity };
  }

  /** Sells every open position `filter` picks (kill with closeDayTrades, EOD, "flatten all"). */
  flatten(filter: (p: Position | ScalpPosition) => boolean, reason: string): SentReduction[] {
    const sent: SentReduction[] = [];
    for (const p of [...this.book.positions(), ...this.book.scalps()]) {
      if (!filter(p)) continue;
      const r = this.submitReduction(p.id, 'all', 'flatten', reason);
      if (r.ok) sent.push({ positionId: p.id, clientOrderId: r.clientOrderId, quantity: r.quantity });
    }
    return sent;
  }

  /** Cancels one order (always allowed). */
  cancel(clientOrderId: string): void {
    this.broker.cancel(clientOrderId);
  }

  /** Cancels every open order at the broker (always allowed). */
  cancelAll(): void {
    this.broker.cancelAll();
  }

  /** The request sent under a client order id. */
  order(clientOrderId: string): OrderRequest | undefined {
    const t = this.orders.get(clientOrderId);
    return t && { ...t.request };
  }

  /** Orders sent and not yet filled, canceled or rejected, as the gateway knows them. */
  openOrders(): OrderRequest[] {
    return [...this.orders.values()].filter((t) => t.open).map((t) => ({ ...t.request }));
  }

  /** Stops listening to the broker. */
  dispose(): void {
    this.unsubscribe();
  }

  private entryRefusal(entry: EntryPlan, ctx: RiskContext): { rule: GatewayRule; reason: string } | null {
    const { plan, order } = entry;
    if (order.purpose !== 'entry' && order.purpose !== 'add') {
      return { rule: 'invalid_order', reason: `a ${order.purpose} order goes through submitReduction` };
    }
    if (order.side !== 'buy') return { rule: 'invalid_order', reason: 'positions are long only: entries buy' };
    if (order.positionId !== plan.id || order.symbol !== plan.symbol) {
      return {
        rule: 'invalid_order',
        reason: `order is for ${order.positionId}/${order.symbol}, plan for ${plan.id}/${plan.symbol}`,
      };
    }
    if (order.purpose === 'entry' && this.book.planOf(plan.id)) {
      return { rule: 'duplicate_entry', reason: `position ${plan.id} was entered already` };
    }
    if (order.purpose === 'add' && !this.book.get(plan.id)) {
      return { rule: 'invalid_order', reason: `position ${plan.id} is not open` };
    }
    if (!allowsOrder(this.tradingState, order.purpose)) {
      return {
        rule: 'trading_state',
        reason: `trading is ${this.tradingState}${this.reason ? ` (${this.reason})` : ''}`,
      };
    }
    const decision = this.risk.evaluate(this.entryCheck(entry, ctx), this.withWorkingEntries(ctx));
    return decision.ok ? null : decision;
  }

  private entryCheck({ plan, order }: EntryPlan, ctx: RiskContext): EntryCheck {
    const multiplier = plan.option ? OPTION_MULTIPLIER : 1;
    const price = ctx.quote(order);
    const held = order.purpose === 'add' ? this.book.get(plan.id) : undefined;
    return {
      positionId: plan.id,
      ticker: plan.ticker,
      symbol: plan.symbol,
      purpose: order.purpose,
      tradeType: plan.tradeType,
      quantity: order.quantity,
      price,
      multiplier,
      // Option scalps exit at a percentage of the premium paid, whatever price the plan rounded.
      stopPrice: plan.option && price !== null ? price * (1 - plan.option.stopPct / 100) : plan.stopPrice,
      existingValue: held ? held.quantity * held.currentPrice * multiplier : 0,
    };
  }

  /** The context with the entries still working: they count as positions, trades and exposure. */
  private withWorkingEntries(ctx: RiskContext): RiskContext {
    let unfilled = 0;
    let value = 0;
    for (const t of this.orders.values()) {
      if (!t.open || isReducing(t.request.purpose)) continue;
      if (t.request.purpose === 'entry' && !this.book.get(t.request.positionId)) unfilled++;
      value += t.remaining * t.price * (t.request.option ? OPTION_MULTIPLIER : 1);
    }
    return {
      ...ctx,
      openPositions: ctx.openPositions + unfilled,
      tradesToday: ctx.tradesToday + unfilled,
      grossExposure: ctx.grossExposure + value,
    };
  }

  /**
   * Records the intent (with the plan of an entry), then sends; false (and nothing sent) when
   * the sink could not record it.
   */
  private send(
    request: OrderRequest,
    price: number,
    reason: string | null,
    beforeSubmit?: () => void,
    plan?: PositionPlan,
  ): boolean {
    try {
      this.sink.emit(intentEvent(request, reason, plan));
    } catch {
      // No committed intent, no order: the broker must never hold an order the store does not.
      return false;
    }
    beforeSubmit?.();
    this.orders.set(request.clientOrderId, { request, remaining: request.quantity, open: true, price });
    this.broker.submit(request);
    return true;
  }

  private newOrderId(): string {
    const id = this.nextOrderId();
    if (id.length > MAX_ORDER_ID_LENGTH) throw new RangeError(`client order id '${id}' is longer than 48 characters`);
    return id;
  }

  private working(positionId: string): TrackedOrder[] {
    return [...this.orders.values()].filter((t) => t.open && t.request.positionId === positionId);
  }

  private pendingReduction(positionId: string): number {
    let sum = 0;
    for (const t of this.working(positionId)) if (isReducing(t.request.purpose)) sum += t.remaining;
    return sum;
  }

  private onUpdate(u: OrderUpdate): void {
    const id = u.kind === 'fill' ? u.fill.clientOrderId : u.clientOrderId;
    const t = this.orders.get(id);
    if (!t) {
      if (u.kind === 'fill') this.sink.emit(divergenceAlert(`Fill for unknown order ${id}`, { fill: { ...u.fill } }));
      return;
    }
    if (u.kind === 'accepted') return;
    if (u.kind === 'fill') {
      this.onFill(t, u.fill, u.remaining);
      return;
    }
    t.open = false;
    const reason = u.kind === 'rejected' ? u.reason : null;
    if (!isReducing(t.request.purpose)) this.book.discardUnfilled(t.request.positionId);
    this.sink.emit(closedUnfilledEvent(t.request, u.kind === 'rejected' ? 'rejected' : 'cancelled', reason));
    if (u.kind === 'rejected' && isReducing(t.request.purpose)) {
      const stillOpen = this.book.get(t.request.positionId)?.quantity ?? 0;
      this.sink.emit(reductionRejectedAlert(t.request, u.reason, stillOpen));
    }
  }

  private onFill(t: TrackedOrder, fill: Fill, remaining: number): void {
    t.remaining = remaining;
    t.open = remaining > 0;
    const closedBefore = this.book.closedTrades().length;
    try {
      this.book.applyFill(fill, t.request);
    } catch (err) {
      const message = errorMessage(err);
      this.sink.emit(divergenceAlert(`Ledger refused fill ${fill.clientOrderId}: ${message}`, { fill: { ...fill } }));
      return;
    }
    this.sink.emit(fillEvent(fill, t.request, remaining));
    for (const trade of this.book.closedTrades().slice(closedBefore)) this.sink.emit(tradeEvent(trade));
  }
}

/** A market sell of `quantity` of the plan's symbol (an option's order carries its contract). */
function reductionOrder(
  plan: PositionPlan,
  quantity: number,
  purpose: ReductionPurpose,
  ids: Pick<OrderRequest, 'clientOrderId' | 'time'>,
): OrderRequest {
  const request: OrderRequest = {
    ...ids,
    symbol: plan.symbol,
    instrumentType: plan.instrumentType,
    side: 'sell',
    quantity,
    type: 'market',
    positionId: plan.id,
    purpose,
  };
  if (plan.option) {
    const { underlying, right, strike, expiry } = plan.option;
    request.option = { underlying, right, strike, expiry };
  }
  return request;
}
