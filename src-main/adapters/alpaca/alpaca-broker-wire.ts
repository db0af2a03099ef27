import type { OrderRequest } from '../../engine/orders';

/** Alpaca's limit on `client_order_id`. */
export const MAX_CLIENT_ORDER_ID = 48;

/** An OCC option symbol as Alpaca writes it: root, YYMMDD, C/P, strike × 1000 in 8 digits. */
export const OCC_SYMBOL = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;

/** The body of POST /v2/orders for an engine order. */
export interface AlpacaOrderBody {
  symbol: string;
  qty: string;
  side: 'buy' | 'sell';
  type: 'market' | 'stop';
  time_in_force: 'day';
  client_order_id: string;
  stop_price?: string;
  position_intent?: 'buy_to_open' | 'sell_to_close';
}

/** Why Alpaca would refuse the order outright (checked before any request), or null. */
export function orderRefusal(o: OrderRequest): string | null {
  if (o.clientOrderId.length === 0 || o.clientOrderId.length > MAX_CLIENT_ORDER_ID) {
    return `client order id must be 1–${MAX_CLIENT_ORDER_ID} characters, got ${o.clientOrderId.length}`;
  }
  if (!Number.isInteger(o.quantity) || o.quantity <= 0)
    return `quantity must be a positive whole number, got ${o.quantity}`;
  if (o.side !== 'buy' && o.side !== 'sell') return `unknown side '${String(o.side)}'`;
  if (o.type !== 'market' && o.type !== 'stop') return `unknown order type '${String(o.type)}'`;
  if (o.type === 'stop' && !(Number.isFinite(o.stopPrice) && o.stopPrice! > 0))
    return 'a stop order needs a positive stop price';
  if (o.instrumentType === 'option' && !OCC_SYMBOL.test(o.symbol)) return `'${o.symbol}' is not an OCC option symbol`;
  return null;
}

/**
 * Market or stop, good for the day. Options are long premium only, so a buy opens and a sell
 * closes; Alpaca takes market and stop orders for single-leg options (day orders only).
 */
export function orderBody(o: OrderRequest): AlpacaOrderBody {
  const body: AlpacaOrderBody = {
    symbol: o.symbol,
    qty: String(o.quantity),
    side: o.side,
    type: o.type,
    time_in_force: 'day',
    client_order_id: o.clientOrderId,
  };
  if (o.type === 'stop') body.stop_price = stopPriceText(o.stopPrice!, o.instrumentType === 'option');
  if (o.instrumentType === 'option') body.position_intent = o.side === 'buy' ? 'buy_to_open' : 'sell_to_close';
  return body;
}

/** Alpaca's price increments: cents at $1 and above (and for option premiums), else 4 decimals. */
export function stopPriceText(price: number, isOption: boolean): string {
  return isOption || price >= 1 ? price.toFixed(2) : price.toFixed(4);
}
