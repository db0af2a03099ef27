/**
 * The book of the fake Alpaca trading server: account, positions and orders, kept the way
 * Alpaca reports them (decimal strings on the wire), and the trade_updates events their
 * changes produce.
 */

export type FakeOrderStatus =
  'new' | 'accepted' | 'partially_filled' | 'filled' | 'canceled' | 'expired' | 'rejected' | 'pending_cancel';

export interface FakeOrder {
  id: string;
  client_order_id: string;
  symbol: string;
  asset_class: 'us_equity' | 'us_option';
  side: 'buy' | 'sell';
  qty: number;
  filled_qty: number;
  filled_avg_price: number | null;
  type: string;
  time_in_force: string;
  stop_price: number | null;
  limit_price: number | null;
  position_intent: string | null;
  status: FakeOrderStatus;
  created_at: string;
  updated_at: string;
  filled_at: string | null;
  canceled_at: string | null;
}

export interface FakePosition {
  symbol: string;
  qty: number;
  avgEntryPrice: number;
  assetClass: 'us_equity' | 'us_option';
}

/** A trade_updates event as sent: `{ stream: 'trade_updates', data }`. */
export interface FakeTradeEvent {
  stream: 'trade_updates';
  data: {
    event: string;
    order: Record<string, unknown>;
    timestamp: string;
    price?: string;
    qty?: string;
    position_qty?: string;
    execution_id?: string;
  };
}

export const OCC = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;
const OPEN: ReadonlySet<FakeOrderStatus> = new Set(['new', 'accepted', 'partially_filled', 'pending_cancel']);
const multiplier = (assetClass: string): number => (assetClass === 'us_option' ? 100 : 1);

export const isOpen = (o: FakeOrder): boolean => OPEN.has(o.status);

/** An order as Alpaca's REST and stream carry it. */
export function wireOrder(o: FakeOrder): Record<string, unknown> {
  const money = (n: number | null): string | null => (n === null ? null : String(n));
  return {
    id: o.id,
    client_order_id: o.client_order_id,
    created_at: o.created_at,
    updated_at: o.updated_at,
    submitted_at: o.created_at,
    filled_at: o.filled_at,
    expired_at: null,
    canceled_at: o.canceled_at,
    failed_at: null,
    asset_id: `asset-${o.symbol}`,
    symbol: o.symbol,
    asset_class: o.asset_class,
    qty: String(o.qty),
    filled_qty: String(o.filled_qty),
    filled_avg_price: money(o.filled_avg_price),
    order_class: 'simple',
    order_type: o.type,
    type: o.type,
    side: o.side,
    position_intent: o.position_intent,
    time_in_force: o.time_in_force,
    limit_price: money(o.limit_price),
    stop_price: money(o.stop_price),
    status: o.status,
    extended_hours: false,
  };
}

export class FakeTradingBook {
  cash = 100_000;
  daytradeCount = 0;
  patternDayTrader = false;
  tradingBlocked = false;
  clock = {
    timestamp: '2026-11-24T15:00:00Z',
    is_open: true,
    next_open: '2026-11-25T14:30:00Z',
    next_close: '2026-11-24T21:00:00Z',
  };
  readonly orders = new Map<string, FakeOrder>();
  readonly positions = new Map<string, FakePosition>();
  /** Last price per symbol (marks positions, prices automatic fills). */
  readonly prices = new Map<string, number>();
  defaultPrice = 100;
  private seq = 0;

  constructor(private readonly emit: (event: FakeTradeEvent) => void) {}

  priceOf(symbol: string): number {
    return this.prices.get(symbol) ?? this.defaultPrice;
  }

  byClientId(clientOrderId: string): FakeOrder | undefined {
    return [...this.orders.values()].find((o) => o.client_order_id === clientOrderId);
  }

  openOrders(): FakeOrder[] {
    return [...this.orders.values()].filter(isOpen);
  }

  setPosition(symbol: string, qty: number, avgEntryPrice: number): void {
    if (qty === 0) this.positions.delete(symbol);
    else
      this.positions.set(symbol, {
        symbol,
        qty,
        avgEntryPrice,
        assetClass: OCC.test(symbol) ? 'us_option' : 'us_equity',
      });
  }

  wireAccount(): Record<string, unknown> {
    let marketValue = 0;
    for (const p of this.positions.values()) marketValue += p.qty * this.priceOf(p.symbol) * multiplier(p.assetClass);
    const equity = this.cash + marketValue;
    return {
      id: 'fake-account',
      account_number: 'PA0000000',
      status: 'ACTIVE',
      currency: 'USD',
      cash: this.cash.toFixed(2),
      portfolio_value: equity.toFixed(2),
      equity: equity.toFixed(2),
      last_equity: equity.toFixed(2),
      buying_power: Math.max(0, this.cash).toFixed(2),
      daytrade_count: this.daytradeCount,
      pattern_day_trader: this.patternDayTrader,
      trading_blocked: this.tradingBlocked,
      transfers_blocked: false,
      account_blocked: false,
      shorting_enabled: false,
    };
  }

  wirePosition(p: FakePosition): Record<string, unknown> {
    const price = this.priceOf(p.symbol);
    const m = multiplier(p.assetClass);
    return {
      asset_id: `asset-${p.symbol}`,
      symbol: p.symbol,
      exchange: p.assetClass === 'us_option' ? '' : 'ARCA',
      asset_class: p.assetClass,
      avg_entry_price: String(p.avgEntryPrice),
      qty: String(p.qty),
      qty_available: String(p.qty),
      side: p.qty >= 0 ? 'long' : 'short',
      market_value: (p.qty * price * m).toFixed(2),
      cost_basis: (p.qty * p.avgEntryPrice * m).toFixed(2),
      current_price: String(price),
    };
  }

  /** Records an accepted order (status 'new'); no event yet. */
  create(fields: {
    client_order_id: string;
    symbol: string;
    side: 'buy' | 'sell';
    qty: number;
    type: string;
    time_in_force: string;
    stop_price: number | null;
    limit_price: number | null;
    position_intent: string | null;
  }): FakeOrder {
    const now = new Date().toISOString();
    const order: FakeOrder = {
      ...fields,
      id: `ord-${String(++this.seq).padStart(6, '0')}`,
      asset_class: OCC.test(fields.symbol) ? 'us_option' : 'us_equity',
      filled_qty: 0,
      filled_avg_price: null,
      status: 'new',
      created_at: now,
      updated_at: now,
      filled_at: null,
      canceled_at: null,
    };
    this.orders.set(order.id, order);
    return order;
  }

  /** Quantity a sell of `symbol` may still take: the position less open sells' unfilled quantity. */
  sellable(symbol: string): number {
    let committed = 0;
    for (const o of this.openOrders()) if (o.symbol === symbol && o.side === 'sell') committed += o.qty - o.filled_qty;
    return (this.positions.get(symbol)?.qty ?? 0) - committed;
  }

  /** What an order would cost to buy now (for the buying-power check). */
  cost(symbol: string, qty: number): number {
    return qty * this.priceOf(symbol) * multiplier(OCC.test(symbol) ? 'us_option' : 'us_equity');
  }

  announce(order: FakeOrder, event = 'new'): void {
    this.emit(this.event(event, order));
  }

  /** Executes `qty` of an open order at `price`: book, position, cash, and a fill event. */
  fill(order: FakeOrder, qty: number, price: number): void {
    if (!isOpen(order)) throw new Error(`order ${order.client_order_id} is ${order.status}`);
    const left = order.qty - order.filled_qty;
    if (!(qty > 0 && qty <= left)) throw new Error(`cannot fill ${qty} of ${order.client_order_id}, ${left} left`);
    const cumulative = order.filled_qty + qty;
    order.filled_avg_price = ((order.filled_avg_price ?? 0) * order.filled_qty + qty * price) / cumulative;
    order.filled_qty = cumulative;
    order.status = cumulative === order.qty ? 'filled' : 'partially_filled';
    order.updated_at = new Date().toISOString();
    if (order.status === 'filled') order.filled_at = order.updated_at;
    const signed = order.side === 'buy' ? qty : -qty;
    const m = multiplier(order.asset_class);
    this.cash -= signed * price * m;
    const held = this.positions.get(order.symbol);
    const newQty = (held?.qty ?? 0) + signed;
    const avg =
      held && order.side === 'sell'
        ? held.avgEntryPrice
        : ((held?.avgEntryPrice ?? 0) * (held?.qty ?? 0) + qty * price) / newQty;
    this.setPosition(order.symbol, newQty, avg);
    this.prices.set(order.symbol, price);
    const base = this.event(order.status === 'filled' ? 'fill' : 'partial_fill', order);
    this.emit({
      ...base,
      data: {
        ...base.data,
        price: String(price),
        qty: String(qty),
        position_qty: String(newQty),
        execution_id: `exec-${++this.seq}`,
      },
    });
  }

  cancel(order: FakeOrder): void {
    order.status = 'canceled';
    order.canceled_at = order.updated_at = new Date().toISOString();
    this.emit(this.event('canceled', order));
  }

  event(event: string, order: FakeOrder): FakeTradeEvent {
    return { stream: 'trade_updates', data: { event, order: wireOrder(order), timestamp: new Date().toISOString() } };
  }
}
