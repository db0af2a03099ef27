import type { Bar } from '../../src-shared/market';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { TradeRecord } from '../../src-shared/trades';
import type { PositionBook, PositionPlan } from './book';
import { Lot, OPTION_MULTIPLIER } from './ledger-lot';
import { MarkBook, type OptionModel } from './ledger-marks';
import type { Fill, OrderRequest } from './orders';

export type { OptionModel } from './ledger-marks';

/** Options of the position ledger. */
export interface PositionLedgerOptions {
  startingCash: number;
  /** Implied volatility and risk-free rate that value option positions (config `options`). */
  optionModel: OptionModel;
}

const DAY_MS = 86_400_000;

/**
 * The engine's book of positions, cash and closed trades (DESIGN §2), fed by the order
 * gateway with the broker's fills and marked with every bar.
 *
 * Direction convention: every position is bought (long premium, bear ETFs bought, no short
 * stock), so P&L never depends on `direction`, which records the market view only: for
 * stocks and ETFs it is 'long' (a bear ETF is a long position in that ETF), for options
 * 'long' is a call and 'short' a put.
 *
 * Marks: stocks and ETFs at the last close of their symbol, options by the model from their
 * underlying's last close at that bar's time; before any bar, at the last fill price. Option
 * quantities are contracts (× 100 in every dollar figure). `equity() = cash() + Σ market value`
 * and `equity() = startingCash + realizedPnl() + unrealizedPnl()` (unrealized P&L carries the
 * entry commissions of the quantity held).
 */
export class PositionLedger implements PositionBook {
  private readonly lots = new Map<string, Lot>();
  /** Every plan registered and not discarded, open or closed (for `planOf`). */
  private readonly plans = new Map<string, PositionPlan>();
  private readonly closed: TradeRecord[] = [];
  private readonly closeCounts = new Map<string, number>();
  private readonly marks: MarkBook;
  private cashBalance: number;
  private closedPnl = 0;

  constructor(opts: PositionLedgerOptions) {
    this.cashBalance = opts.startingCash;
    this.marks = new MarkBook(opts.optionModel);
  }

  register(plan: PositionPlan): void {
    if (this.plans.has(plan.id)) throw new Error(`position ${plan.id} is already registered`);
    const copy: PositionPlan = { ...plan, option: plan.option && { ...plan.option } };
    this.plans.set(plan.id, copy);
    this.lots.set(plan.id, newLot(copy));
  }

  /**
   * Buys add (re-averaging the entry price), sells reduce (realizing P&L); a sell beyond the
   * quantity held throws a RangeError and changes nothing. A buy for a closed position opens
   * it again with its plan (a late entry fill after an exit); its next trade gets id `<id>#2`.
   */
  applyFill(fill: Fill, order: OrderRequest): void {
    const id = order.positionId;
    let lot = this.lots.get(id);
    if (!lot) {
      const plan = this.plans.get(id);
      if (!plan || fill.side !== 'buy') throw new Error(`fill ${fill.clientOrderId} for unknown position ${id}`);
      lot = newLot(plan);
      this.lots.set(id, lot);
    }
    if (fill.side === 'buy') {
      this.cashBalance += lot.buy(fill);
      return;
    }
    this.cashBalance += lot.sell(fill);
    if (lot.quantity > 0) return;
    const count = (this.closeCounts.get(id) ?? 0) + 1;
    this.closeCounts.set(id, count);
    const trade = lot.toTrade(count === 1 ? id : `${id}#${count}`, fill.time);
    this.closed.push(trade);
    this.closedPnl += trade.pnl;
    this.lots.delete(id);
  }

  discardUnfilled(positionId: string): void {
    const lot = this.lots.get(positionId);
    if (!lot || lot.entryTime !== null) return;
    this.lots.delete(positionId);
    if (!this.closeCounts.has(positionId)) this.plans.delete(positionId);
  }

  /** Records the bar's close as its ticker's mark (every ticker's bars should come here). */
  mark(bar: Bar): void {
    this.marks.update(bar);
  }

  setStop(positionId: string, stopPrice: number | null): void {
    const plan = this.plans.get(positionId);
    if (plan) plan.stopPrice = stopPrice;
  }

  setCloudAligned(positionId: string, aligned: boolean): void {
    const plan = this.plans.get(positionId);
    if (plan) plan.cloudAligned = aligned;
  }

  positions(): Position[] {
    return this.open()
      .filter((lot) => !lot.plan.option)
      .map((lot) => this.toPosition(lot));
  }

  scalps(): ScalpPosition[] {
    return this.open()
      .filter((lot) => lot.plan.option)
      .map((lot) => this.toScalp(lot));
  }

  /** An open position (quantity > 0); undefined while its entry has not filled and after it closed. */
  get(positionId: string): Position | ScalpPosition | undefined {
    const lot = this.lots.get(positionId);
    if (!lot || lot.quantity === 0) return undefined;
    return lot.plan.option ? this.toScalp(lot) : this.toPosition(lot);
  }

  planOf(positionId: string): PositionPlan | undefined {
    const plan = this.plans.get(positionId);
    return plan && { ...plan, option: plan.option && { ...plan.option } };
  }

  closedTrades(): TradeRecord[] {
    return [...this.closed];
  }

  cash(): number {
    return this.cashBalance;
  }

  /**
   * Starts the book over on another account's cash (paper → live). Only a flat book may:
   * positions never move between accounts.
   */
  rebaseCash(cash: number): void {
    if (this.open().length > 0) throw new Error('the book is not flat; close every position first');
    if (!Number.isFinite(cash) || cash < 0) throw new RangeError('cash must be a finite amount ≥ 0');
    this.cashBalance = cash;
  }

  realizedPnl(): number {
    let sum = this.closedPnl;
    for (const lot of this.lots.values()) sum += lot.realizedPnl;
    return sum;
  }

  unrealizedPnl(): number {
    let sum = 0;
    for (const lot of this.open()) sum += this.marketValue(lot) - lot.costBasis;
    return sum;
  }

  equity(): number {
    let sum = this.cashBalance;
    for (const lot of this.open()) sum += this.marketValue(lot);
    return sum;
  }

  grossExposure(): number {
    let sum = 0;
    for (const lot of this.open()) sum += Math.abs(this.marketValue(lot));
    return sum;
  }

  /**
   * What one share (one share of premium for an option) of `order` is worth at the marks:
   * the last close of its symbol, or the model value of its contract. Null before any bar of
   * it. The engine hands this to the order gateway to price entries for the risk gate.
   */
  quote(order: OrderRequest): number | null {
    if (order.option) return this.marks.option(order.option)?.price ?? null;
    return this.marks.get(order.symbol)?.close ?? null;
  }

  private open(): Lot[] {
    return [...this.lots.values()].filter((lot) => lot.quantity > 0);
  }

  private priceOf(lot: Lot): number {
    const option = lot.plan.option;
    const price = option ? this.marks.option(option)?.price : this.marks.get(lot.plan.symbol)?.close;
    return price ?? lot.lastFillPrice;
  }

  private marketValue(lot: Lot): number {
    return lot.quantity * this.priceOf(lot) * lot.multiplier;
  }

  private toPosition(lot: Lot): Position {
    const { symbol: _symbol, option: _option, ...fields } = lot.plan;
    const currentPrice = this.priceOf(lot);
    const unrealizedPnl = lot.quantity * currentPrice * lot.multiplier - lot.costBasis;
    return {
      ...fields,
      quantity: lot.quantity,
      entryPrice: lot.avgPrice,
      currentPrice,
      entryTime: lot.entryTime ?? 0,
      unrealizedPnl,
      unrealizedPnlPct: lot.costBasis > 0 ? (unrealizedPnl / lot.costBasis) * 100 : 0,
      realizedPnl: lot.realizedPnl,
    };
  }

  private toScalp(lot: Lot): ScalpPosition {
    const option = lot.plan.option!;
    const quote = this.marks.option(option);
    const asOf = this.marks.get(option.underlying)?.time ?? lot.entryTime ?? option.expiry;
    return {
      ...this.toPosition(lot),
      instrumentType: 'option',
      tradeType: 'options_scalp',
      contractSymbol: lot.plan.symbol,
      right: option.right,
      strike: option.strike,
      expiry: option.expiry,
      // Calendar days left: 0 on the expiry day (0DTE).
      dte: Math.max(0, Math.floor((option.expiry - asOf) / DAY_MS)),
      greeks: quote
        ? { delta: quote.delta, gamma: quote.gamma, theta: quote.theta, vega: quote.vega }
        : { delta: 0, gamma: 0, theta: 0, vega: 0 },
      targetPct: option.targetPct,
      stopPct: option.stopPct,
    };
  }
}

function newLot(plan: PositionPlan): Lot {
  return new Lot(plan, plan.option ? OPTION_MULTIPLIER : 1);
}
