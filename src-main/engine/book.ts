import type { Bar } from '../../src-shared/market';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { TradeRecord } from '../../src-shared/trades';
import type { Fill, OptionContract, OrderRequest } from './orders';

/**
 * What an executor decides when it opens a position: everything about the position except
 * what the fills determine (quantity, prices, P&L). `option` is set for option scalps.
 */
export type PositionPlan = Omit<
  Position,
  'quantity' | 'entryPrice' | 'currentPrice' | 'entryTime' | 'unrealizedPnl' | 'unrealizedPnlPct' | 'realizedPnl'
> & {
  /** The traded symbol: the ticker, or the OCC symbol of an option. */
  symbol: string;
  option?: OptionContract & { targetPct: number; stopPct: number };
};

/** An entry decided by an executor: the position it opens and the order that opens it. */
export interface EntryPlan {
  plan: PositionPlan;
  order: OrderRequest;
}

/**
 * The position book (PositionLedger implements it). Positions come into being with
 * `register` when their entry order is sent and take quantity from fills; a position whose
 * quantity returns to zero closes into a TradeRecord. Figures are marked to the last bar
 * (options by the pricing model from their underlying).
 */
export interface PositionBook {
  /** Adds a planned position with no quantity yet (its entry order is on its way). */
  register(plan: PositionPlan): void;
  /** Applies one fill of `order` (entry, add or reduction of `order.positionId`). */
  applyFill(fill: Fill, order: OrderRequest): void;
  /** Drops a registered position that never filled (entry rejected or canceled). */
  discardUnfilled(positionId: string): void;
  /** Marks positions on `bar` (its ticker, or the underlying of options and ETF scalps). */
  mark(bar: Bar): void;
  setStop(positionId: string, stopPrice: number | null): void;
  setCloudAligned(positionId: string, aligned: boolean): void;

  /** Open stock and leveraged-ETF positions (quantity > 0). */
  positions(): Position[];
  /** Open option scalps (quantity > 0). */
  scalps(): ScalpPosition[];
  /** One open position by id, stock, ETF or option. */
  get(positionId: string): Position | ScalpPosition | undefined;
  /** The plan a position was opened with (its symbol and option contract). */
  planOf(positionId: string): PositionPlan | undefined;
  /** Closed trades, in the order they closed. */
  closedTrades(): TradeRecord[];

  /** Cash after every fill and commission. */
  cash(): number;
  realizedPnl(): number;
  unrealizedPnl(): number;
  /** cash + market value of open positions. */
  equity(): number;
  /** Σ |market value| of open positions. */
  grossExposure(): number;
}
