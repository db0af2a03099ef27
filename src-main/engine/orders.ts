import type { InstrumentType, OptionRight } from '../../src-shared/positions';

export type OrderSide = 'buy' | 'sell';
/** Market orders fill at the next bar's open; stop orders trigger on a bar's range. */
export type OrderType = 'market' | 'stop';
/** Why an order exists; exits, stops and flattens only ever reduce a position. */
export type OrderPurpose = 'entry' | 'add' | 'exit' | 'stop' | 'flatten';

/** The option contract an order trades (long premium only). */
export interface OptionContract {
  underlying: string;
  right: OptionRight;
  strike: number;
  /** Expiry instant, epoch ms: the session close of the expiry date (16:00 ET, 13:00 on half days). */
  expiry: number;
}

/**
 * An order as the engine sends it through the order gateway to the broker port.
 * Quantities are whole shares or contracts, always positive; `side` gives the direction.
 */
export interface OrderRequest {
  /** Unique per store, deterministic per run (≤ 48 characters, Alpaca's limit). */
  clientOrderId: string;
  /** Ticker, or the OCC symbol for an option. */
  symbol: string;
  instrumentType: InstrumentType;
  side: OrderSide;
  quantity: number;
  type: OrderType;
  /** Trigger price of a stop order. */
  stopPrice?: number;
  /** The ledger position the order opens, adds to or reduces. */
  positionId: string;
  purpose: OrderPurpose;
  /** Market time the order was submitted (epoch ms). */
  time: number;
  /** Present for options: what the paper broker prices the fill with. */
  option?: OptionContract;
}

/** One execution (an order may fill in several). Price per share / per contract share of premium. */
export interface Fill {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  quantity: number;
  price: number;
  /** Total commission of this fill, in dollars. */
  commission: number;
  time: number;
}

/** What the broker reports about an order, in the order it happened. */
export type OrderUpdate =
  | { kind: 'accepted'; clientOrderId: string; time: number }
  | { kind: 'fill'; fill: Fill; /** Quantity still open after this fill. */ remaining: number }
  | { kind: 'rejected'; clientOrderId: string; reason: string; time: number }
  | { kind: 'canceled'; clientOrderId: string; time: number };

/** Whether an order with this purpose can only shrink a position (allowed after a kill). */
export const isReducing = (purpose: OrderPurpose): boolean =>
  purpose === 'exit' || purpose === 'stop' || purpose === 'flatten';
