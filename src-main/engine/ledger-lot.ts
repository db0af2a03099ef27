import type { TradeRecord } from '../../src-shared/trades';
import type { PositionPlan } from './book';
import type { Fill } from './orders';

/** Contract multiplier: an option contract is 100 shares of premium. */
export const OPTION_MULTIPLIER = 100;

/**
 * The fills of one position, from its first buy until its quantity returns to zero.
 * Cost basis carries the entry commissions, so realized P&L (on reductions) and the closed
 * trade's P&L are net of every commission of the round trip.
 */
export class Lot {
  quantity = 0;
  /** Average fill price of the quantity held, per share (of premium); commissions excluded. */
  avgPrice = 0;
  /** Dollars paid for the quantity held, entry commissions included. */
  costBasis = 0;
  /** P&L of the reductions so far, net of their share of entry commissions and of exit commissions. */
  realizedPnl = 0;
  entryTime: number | null = null;
  lastFillPrice = 0;
  private bought = { quantity: 0, notional: 0, cost: 0 };
  private sold = { quantity: 0, notional: 0 };

  constructor(
    readonly plan: PositionPlan,
    readonly multiplier: number,
  ) {}

  /** Adds a buy fill; returns the change in cash. */
  buy(fill: Fill): number {
    const notional = fill.quantity * fill.price * this.multiplier;
    this.avgPrice = (this.avgPrice * this.quantity + fill.price * fill.quantity) / (this.quantity + fill.quantity);
    this.quantity += fill.quantity;
    this.costBasis += notional + fill.commission;
    this.entryTime ??= fill.time;
    this.lastFillPrice = fill.price;
    this.bought.quantity += fill.quantity;
    this.bought.notional += fill.quantity * fill.price;
    this.bought.cost += notional + fill.commission;
    return -(notional + fill.commission);
  }

  /** Applies a sell fill (at most the quantity held); returns the change in cash. */
  sell(fill: Fill): number {
    if (fill.quantity > this.quantity) {
      throw new RangeError(`fill of ${fill.quantity} would overfill position ${this.plan.id} (${this.quantity} held)`);
    }
    const notional = fill.quantity * fill.price * this.multiplier;
    // Closing the rest releases the whole basis, so no rounding residue survives the trade.
    const released =
      fill.quantity === this.quantity ? this.costBasis : (this.costBasis * fill.quantity) / this.quantity;
    this.quantity -= fill.quantity;
    this.costBasis -= released;
    this.realizedPnl += notional - fill.commission - released;
    this.lastFillPrice = fill.price;
    this.sold.quantity += fill.quantity;
    this.sold.notional += fill.quantity * fill.price;
    return notional - fill.commission;
  }

  /** The closed trade: quantity bought, average entry and exit prices, P&L net of commissions. */
  toTrade(id: string, exitTime: number): TradeRecord {
    const p = this.plan;
    return {
      id,
      ticker: p.ticker,
      instrumentType: p.instrumentType,
      tradeType: p.tradeType,
      direction: p.direction,
      quantity: this.bought.quantity,
      entryPrice: this.bought.notional / this.bought.quantity,
      exitPrice: this.sold.notional / this.sold.quantity,
      entryTime: this.entryTime ?? exitTime,
      exitTime,
      pnl: this.realizedPnl,
      // Percent of the entry cost (what the entries paid, commissions included).
      pnlPct: this.bought.cost > 0 ? (this.realizedPnl / this.bought.cost) * 100 : 0,
      signalType: p.signalType,
      conviction: p.conviction,
      timeframe: p.timeframe,
    };
  }
}
