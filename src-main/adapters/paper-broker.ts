import type { Bar } from '../../src-shared/market';
import { defaultConfig } from '../../src-shared/config-schema';
import { priceOption, YEAR_MS } from '../../src-shared/option-pricing';
import type { BrokerAccount, SimulatedVenue } from '../engine/ports';
import type { Fill, OptionContract, OrderRequest, OrderUpdate } from '../engine/orders';

/** Options of the simulated broker; everything but the starting equity defaults to the config defaults. */
export interface PaperBrokerOptions {
  startingEquity: number;
  /** Slippage of share fills, basis points of the price (buys pay up, sells receive less). */
  slippageBps?: number;
  commissionPerShare?: number;
  commissionPerContract?: number;
  /** Fill at most 10 % of a bar's volume per bar; the rest stays open for later bars. */
  partialFills?: boolean;
  /** Implied volatility and risk-free rate of the option model (Black–Scholes). */
  optionIv?: number;
  riskFreeRate?: number;
  /** Modelled bid/ask spread of options, percent of the premium (min $0.01); fills pay half. */
  optionSpreadPct?: number;
}

/** One position as the broker holds it. */
export interface PaperHolding {
  symbol: string;
  quantity: number;
  /** Set for options: the contract, marked by the model from its underlying. */
  option?: OptionContract;
}

interface WorkingOrder {
  request: OrderRequest;
  remaining: number;
  /** A stop that has triggered behaves as a market order for what is left of it. */
  triggered: boolean;
  /** Estimated cash per unit (price × multiplier + commission), reserved against buying power. */
  unitCost: number;
}

interface Holding extends PaperHolding {
  lastFillPrice: number;
}

const OPTION_MULTIPLIER = 100;
/** Share of a bar's volume one order may take per bar when partial fills are on. */
const PARTIAL_FILL_VOLUME_SHARE = 0.1;
const MIN_OPTION_SPREAD = 0.01;

const multiplierOf = (order: OrderRequest): number => (order.instrumentType === 'option' ? OPTION_MULTIPLIER : 1);
/** The ticker whose bars fill an order: its own, or an option's underlying. */
const barTickerOf = (order: OrderRequest): string => order.option?.underlying ?? order.symbol;

/**
 * The simulated broker (DESIGN §2, Paper broker). Deterministic: the same orders and bars give
 * the same updates. Orders wait for the next bar of their ticker (an option's underlying) handed
 * to `processBar`: market orders fill at its open ± slippage, stops when its range reaches the
 * stop (a gap through the stop fills at the open), options at the Black–Scholes price of that
 * open ± half the modelled spread. It keeps its own cash and positions (long only, no margin):
 * that is the broker's view, the one the engine's ledger must reconcile with.
 *
 * Updates reach listeners synchronously and in order, also when a listener submits or cancels
 * from inside its callback (those updates are queued behind the current one).
 */
export class PaperBroker implements SimulatedVenue {
  readonly name = 'Paper (simulated)';
  private readonly opts: Required<Omit<PaperBrokerOptions, 'startingEquity'>>;
  private cash: number;
  private readonly working = new Map<string, WorkingOrder>();
  private readonly seenIds = new Set<string>();
  private readonly holdings = new Map<string, Holding>();
  private readonly lastBars = new Map<string, { close: number; time: number }>();
  private lastTime = 0;
  private readonly listeners = new Set<(update: OrderUpdate) => void>();
  private readonly queue: OrderUpdate[] = [];
  private delivering = false;

  constructor(opts: PaperBrokerOptions) {
    const { startingEquity, ...given } = opts;
    if (!(startingEquity > 0)) throw new RangeError('starting equity must be positive');
    const { broker, options } = defaultConfig();
    this.opts = {
      slippageBps: broker.slippageBps,
      commissionPerShare: broker.commissionPerShare,
      commissionPerContract: options.commissionPerContract,
      partialFills: broker.partialFills,
      optionIv: options.impliedVolatility,
      riskFreeRate: options.riskFreeRate,
      optionSpreadPct: 5,
      ...withoutUndefined(given),
    };
    this.cash = startingEquity;
  }

  /** Cash, equity (cash + positions at their last prices, options by the model) and buying power (cash less open buys). */
  account(): BrokerAccount {
    let marketValue = 0;
    for (const h of this.holdings.values())
      marketValue += h.quantity * this.markOf(h) * (h.option ? OPTION_MULTIPLIER : 1);
    let reserved = 0;
    for (const w of this.working.values()) if (w.request.side === 'buy') reserved += w.remaining * w.unitCost;
    return { equity: this.cash + marketValue, cash: this.cash, buyingPower: Math.max(0, this.cash - reserved) };
  }

  /** Open positions (quantity > 0), in the order they were opened. */
  positions(): PaperHolding[] {
    return [...this.holdings.values()].map(({ symbol, quantity, option }) => ({ symbol, quantity, option }));
  }

  /** Validates the order and answers 'accepted' or 'rejected' (with the reason) at once. */
  submit(order: OrderRequest): void {
    const reason = this.rejection(order);
    this.seenIds.add(order.clientOrderId);
    if (reason) {
      this.deliver({ kind: 'rejected', clientOrderId: order.clientOrderId, reason, time: order.time });
      return;
    }
    const request = { ...order, option: order.option && { ...order.option } };
    const estimate = this.estimatePrice(request) ?? 0;
    const unitCost = estimate * multiplierOf(request) + this.commissionOf(request, 1);
    this.working.set(order.clientOrderId, { request, remaining: order.quantity, triggered: false, unitCost });
    this.deliver({ kind: 'accepted', clientOrderId: order.clientOrderId, time: order.time });
  }

  /** Cancels an open order ('canceled' update); unknown or finished orders are ignored. */
  cancel(clientOrderId: string): void {
    const w = this.working.get(clientOrderId);
    if (!w) return;
    this.working.delete(clientOrderId);
    this.deliver({ kind: 'canceled', clientOrderId, time: Math.max(this.lastTime, w.request.time) });
  }

  cancelAll(): void {
    for (const id of [...this.working.keys()]) this.cancel(id);
  }

  openOrders(): OrderRequest[] {
    return [...this.working.values()].map((w) => ({ ...w.request }));
  }

  onUpdate(listener: (update: OrderUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fills what this bar fills (orders sent before it, in the order they were sent), then marks on its close. */
  processBar(bar: Bar): void {
    // Orders sent while this bar is being processed wait for the next one.
    const due = [...this.working.values()].filter((w) => barTickerOf(w.request) === bar.ticker);
    for (const w of due) if (this.working.get(w.request.clientOrderId) === w) this.tryFill(w, bar);
    this.lastBars.set(bar.ticker, { close: bar.close, time: bar.time });
    this.lastTime = Math.max(this.lastTime, bar.time);
  }

  private rejection(order: OrderRequest): string | null {
    if (this.seenIds.has(order.clientOrderId)) return `duplicate client order id ${order.clientOrderId}`;
    if (!Number.isInteger(order.quantity) || order.quantity <= 0) {
      return `quantity must be a positive whole number, got ${order.quantity}`;
    }
    if (order.side !== 'buy' && order.side !== 'sell') return `unknown side '${String(order.side)}'`;
    if (order.type !== 'market' && order.type !== 'stop') return `unknown order type '${String(order.type)}'`;
    if (order.type === 'stop' && !(Number.isFinite(order.stopPrice) && order.stopPrice! > 0)) {
      return 'a stop order needs a positive stop price';
    }
    if (order.instrumentType === 'option' && !order.option) return 'an option order needs its contract';
    if (order.side === 'sell') return this.sellRejection(order);
    return this.buyRejection(order);
  }

  /** Long only: a sell may not exceed the position less what other open sells already hold. */
  private sellRejection(order: OrderRequest): string | null {
    let committed = 0;
    for (const w of this.working.values()) {
      if (w.request.side === 'sell' && w.request.symbol === order.symbol) committed += w.remaining;
    }
    const available = (this.holdings.get(order.symbol)?.quantity ?? 0) - committed;
    if (order.quantity > available) {
      return `insufficient quantity: sell ${order.quantity} ${order.symbol}, ${available} available`;
    }
    return null;
  }

  private buyRejection(order: OrderRequest): string | null {
    const price = this.estimatePrice(order);
    if (price === null) return `no market price for ${barTickerOf(order)} yet`;
    const cost = order.quantity * price * multiplierOf(order) + this.commissionOf(order, order.quantity);
    const { buyingPower } = this.account();
    if (cost > buyingPower) {
      return `insufficient buying power: ${order.symbol} needs $${cost.toFixed(2)}, $${buyingPower.toFixed(2)} available`;
    }
    return null;
  }

  /** What a buy would pay now: the last close (options: the model at it, plus half the spread). */
  private estimatePrice(order: OrderRequest): number | null {
    const last = this.lastBars.get(barTickerOf(order));
    if (!last) return null;
    if (!order.option) return last.close;
    return this.withCosts(this.optionPrice(order.option, last.close, last.time), 'buy', true);
  }

  private tryFill(w: WorkingOrder, bar: Bar): void {
    const order = w.request;
    const priceAt = (spot: number): number => (order.option ? this.optionPrice(order.option, spot, bar.time) : spot);
    const open = priceAt(bar.open);
    let base = open;
    if (order.type === 'stop' && !w.triggered) {
      const stop = order.stopPrice!;
      // Option premiums are monotonic in the underlying: their extremes lie at its high and low.
      const [lo, hi] = [priceAt(bar.low), priceAt(bar.high)].sort((a, b) => a - b) as [number, number];
      const touched = order.side === 'sell' ? lo <= stop : hi >= stop;
      if (!touched) return;
      w.triggered = true;
      // A gap through the stop fills at the open, which is worse than the stop.
      base = order.side === 'sell' ? Math.min(open, stop) : Math.max(open, stop);
    }
    const quantity = this.fillableQuantity(w.remaining, bar.volume);
    if (quantity === 0) return;
    this.execute(w, quantity, this.withCosts(base, order.side, order.option !== undefined), bar.time);
  }

  private fillableQuantity(remaining: number, volume: number): number {
    const cap = Math.floor(volume * PARTIAL_FILL_VOLUME_SHARE);
    return this.opts.partialFills && remaining > cap ? cap : remaining;
  }

  /**
   * Applies a fill of an earlier run (replayed from the event store after a restart) to cash
   * and holdings: nothing is queued, no update is delivered, and the order's client id counts
   * as used. The fill's own price and commission are taken as they were.
   */
  restoreFill(fill: Fill, order: OrderRequest): void {
    if (!(fill.quantity > 0)) throw new RangeError(`fill ${fill.clientOrderId} has no quantity`);
    const held = this.holdings.get(fill.symbol)?.quantity ?? 0;
    if (fill.side === 'sell' && fill.quantity > held) {
      throw new RangeError(`fill ${fill.clientOrderId} sells ${fill.quantity} ${fill.symbol}, ${held} held`);
    }
    this.seenIds.add(fill.clientOrderId);
    this.book({ ...order, symbol: fill.symbol, side: fill.side }, fill.quantity, fill.price, fill.commission);
    this.lastTime = Math.max(this.lastTime, fill.time);
  }

  /** Moves cash and holdings for one execution. */
  private book(order: OrderRequest, quantity: number, price: number, commission: number): void {
    const notional = quantity * price * multiplierOf(order);
    const holding = this.holdings.get(order.symbol) ?? { symbol: order.symbol, quantity: 0, lastFillPrice: price };
    if (order.option) holding.option = { ...order.option };
    holding.quantity += order.side === 'buy' ? quantity : -quantity;
    holding.lastFillPrice = price;
    this.cash += order.side === 'buy' ? -(notional + commission) : notional - commission;
    if (holding.quantity === 0) this.holdings.delete(order.symbol);
    else this.holdings.set(order.symbol, holding);
  }

  private execute(w: WorkingOrder, quantity: number, price: number, time: number): void {
    const order = w.request;
    const commission = this.commissionOf(order, quantity);
    this.book(order, quantity, price, commission);
    w.remaining -= quantity;
    if (w.remaining === 0) this.working.delete(order.clientOrderId);
    this.deliver({
      kind: 'fill',
      fill: {
        clientOrderId: order.clientOrderId,
        symbol: order.symbol,
        side: order.side,
        quantity,
        price,
        commission,
        time,
      },
      remaining: w.remaining,
    });
  }

  /** Slippage on shares (bps of the price); options pay or give up half the modelled spread. */
  private withCosts(price: number, side: 'buy' | 'sell', isOption: boolean): number {
    if (isOption) {
      const halfSpread = Math.max(MIN_OPTION_SPREAD, (price * this.opts.optionSpreadPct) / 100) / 2;
      return side === 'buy' ? price + halfSpread : Math.max(0, price - halfSpread);
    }
    const slip = (price * this.opts.slippageBps) / 10_000;
    return side === 'buy' ? price + slip : price - slip;
  }

  private commissionOf(order: OrderRequest, quantity: number): number {
    return quantity * (order.option ? this.opts.commissionPerContract : this.opts.commissionPerShare);
  }

  private optionPrice(contract: OptionContract, spot: number, time: number): number {
    return priceOption({
      right: contract.right,
      spot,
      strike: contract.strike,
      years: (contract.expiry - time) / YEAR_MS,
      iv: this.opts.optionIv,
      rate: this.opts.riskFreeRate,
    }).price;
  }

  /** A position's mark: the last close of its ticker (options: the model at the underlying's), else its last fill. */
  private markOf(h: Holding): number {
    const last = this.lastBars.get(h.option?.underlying ?? h.symbol);
    if (!last) return h.lastFillPrice;
    return h.option ? this.optionPrice(h.option, last.close, last.time) : last.close;
  }

  private deliver(update: OrderUpdate): void {
    this.queue.push(update);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        for (const listener of [...this.listeners]) listener(next);
      }
    } finally {
      this.delivering = false;
    }
  }
}

/** Drops keys whose value is undefined, so they do not override the defaults. */
function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
