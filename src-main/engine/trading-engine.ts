import type { BotConfig } from '../../src-shared/config-schema';
import { TIMEFRAMES, type Bar, type Timeframe } from '../../src-shared/market';
import type { TradeSignal } from '../../src-shared/signals';
import type { TradeRecord } from '../../src-shared/trades';
import type { PositionBook, PositionPlan } from './book';
import type { Fill, OrderRequest } from './orders';
import type { EntryContext, EntryDecision } from './executor-common';
import { EtfScalper } from './etf-scalper';
import { addOrder, closeRouteDecisions, manualClose, validateStopAdjustment } from './exit-actions';
import { ExitMonitor } from './exit-monitor';
import { routeSignal, type Route } from './instrument-router';
import { describeMarketClock, sessionDateOf } from './market-calendar';
import { MarketState, type ClosedBar } from './market-state';
import { OrderGateway } from './order-gateway';
import type { Broker, Clock, EventSink, MarketDataFeed } from './ports';
import { OptionsScalper } from './options-scalper';
import { PositionLedger } from './position-ledger';
import { dayTradesInWindow } from './risk-calendar';
import { RiskGate, type RiskContext } from './risk-gate';
import { SignalDetector } from './signal-detector';
import { sizeForConviction } from './conviction';
import { TradeExecutor } from './trade-executor';
import type { TradingState } from './trading-state';
import { DailyLossMonitor, type DailyLossSignal } from './daily-loss-monitor';
import { UniverseScanner, type ScanResult } from './universe-scanner';
import { errorMessage } from '../../src-shared/error-message';

/** What the engine tells its owner besides events (the controller persists and publishes these). */
export interface EngineListener {
  /** A signal with its final outcome. */
  onSignal(signal: TradeSignal): void;
  /** A trade that just closed. */
  onTrade(trade: TradeRecord): void;
  /** Bars of every timeframe that closed with a 1-minute bar, with their clouds. */
  onBarsClosed(ticker: string, closed: readonly ClosedBar[]): void;
  /** The daily loss limit was reached: the owner must halt (and persist the kill). */
  onLossLimit(message: string): void;
}

/** Everything the engine runs on; paper, live, replay and simulation differ only in these. */
export interface TradingEngineDeps {
  config: BotConfig;
  clock: Clock;
  broker: Broker;
  /** Must store 'order' events synchronously (intent before the broker call). */
  sink: EventSink;
  listener: EngineListener;
  startingCash: number;
  /** Closed trades of earlier days (PDT look-back), oldest first. */
  priorTrades?: readonly TradeRecord[];
  /** Prefix of client order ids, unique per run (the orders table keeps them across runs). */
  orderIdPrefix: string;
}

/** What a manual override returns. */
export type OverrideResult = { ok: true } | { ok: false; reason: string };

/**
 * Bars of history each timeframe is seeded with: enough for the macro cloud (89) to be valid
 * well before the open, and for the charts to show the previous session(s) with all four
 * clouds drawn from their left edge (1m: one session; 5m: three; 10m: five).
 */
export const WARM_UP_BARS: Readonly<Record<Timeframe, number>> = {
  '1m': 390,
  '5m': 234,
  '10m': 195,
  '1h': 120,
  '1d': 130,
};

/**
 * The trading engine (DESIGN §2), one per session: every 1-minute bar goes through the
 * indicators, the signal detector, the instrument router and the executors to the order
 * gateway, and the exit monitor watches every position. Pure and deterministic: time comes
 * from the clock, orders leave through the broker port, everything else through the sink
 * and the listener. The engine never asks whether it is live.
 */
export class TradingEngine {
  private config: BotConfig;
  private pendingConfig: BotConfig | null = null;
  readonly market: MarketState;
  private readonly detector: SignalDetector;
  readonly ledger: PositionLedger;
  private readonly risk: RiskGate;
  readonly gateway: OrderGateway;
  private readonly exits = new ExitMonitor();
  private readonly stocks: TradeExecutor;
  private readonly options: OptionsScalper;
  private readonly etfs: EtfScalper;
  private readonly loss: DailyLossMonitor;
  private readonly listener: EngineListener;
  private readonly sink: EventSink;
  /** Market time: the close of the bar being processed, else the injected clock. */
  private readonly clock: Clock;
  private barClose: number | null = null;
  private readonly trades: TradeRecord[];
  private seenTrades = 0;
  private sessionDate: string | null = null;
  private startOfDayEquity: number;
  private entriesToday = 0;
  private lastDataTime: number | null = null;
  private lastScan: ScanResult | null = null;
  /** Daily bars per ticker (seeded and closed since), oldest first: the scanner's input. */
  private readonly dailyBars = new Map<string, Bar[]>();
  private ids = 0;

  constructor(deps: TradingEngineDeps) {
    this.config = deps.config;
    // While a bar is processed, "now" is that bar's close: a sped-up simulation delivers minutes
    // in bursts, and decisions must not depend on how far the wall clock ran ahead of the data.
    this.clock = { now: () => this.barClose ?? deps.clock.now() };
    this.sink = deps.sink;
    this.listener = deps.listener;
    this.trades = [...(deps.priorTrades ?? [])];
    this.market = new MarketState(deps.config);
    this.detector = new SignalDetector(deps.config);
    this.ledger = new PositionLedger({
      startingCash: deps.startingCash,
      optionModel: { iv: deps.config.options.impliedVolatility, rate: deps.config.options.riskFreeRate },
    });
    this.startOfDayEquity = deps.startingCash;
    this.risk = new RiskGate(deps.config);
    let orders = 0;
    this.gateway = new OrderGateway({
      broker: deps.broker,
      book: this.ledger,
      sink: deps.sink,
      clock: this.clock,
      risk: this.risk,
      nextOrderId: () => `${deps.orderIdPrefix}-${++orders}`,
    });
    const nextId = (prefix: string) => `${prefix}-${++this.ids}`;
    this.stocks = new TradeExecutor(nextId);
    // Half-dollar strikes: with whole-dollar ones a 0DTE delta often jumps across the whole 0.30–0.50 band.
    this.options = new OptionsScalper({ nextId, strikeIncrements: {}, defaultStrikeIncrement: 0.5 });
    this.etfs = new EtfScalper(nextId);
    this.loss = new DailyLossMonitor(deps.config.risk);
  }

  /** The position book, for snapshots. */
  get book(): PositionBook {
    return this.ledger;
  }

  get tradingState(): TradingState {
    return this.gateway.state;
  }

  /** The day's scan list, once built. */
  get scan(): ScanResult | null {
    return this.lastScan;
  }

  /**
   * Moves a flat book to another account's cash (paper → live or back): the day's P&L and
   * loss limit then count from that account's equity. Throws when positions are open.
   */
  rebaseAccount(cash: number): void {
    this.ledger.rebaseCash(cash);
    this.startOfDayEquity = cash;
  }

  /** Equity at the start of the current trading day. */
  get dayStartEquity(): number {
    return this.startOfDayEquity;
  }

  /**
   * Seeds every timeframe of every ticker from the feed's own history (so clouds are valid at
   * the open; higher timeframes first, so the minutes only build intervals after them) and
   * builds the day's scan list. Feeds without history start cold. Returns the seeded bars.
   */
  warmUp(feed: MarketDataFeed, tickers: readonly string[]): Bar[] {
    const now = this.clock.now();
    const seeded: Bar[] = [];
    if (feed.history) {
      const timeframes = [...TIMEFRAMES].reverse().filter((tf) => this.config.clouds.timeframes.includes(tf));
      for (const ticker of tickers) {
        for (const tf of timeframes) {
          const bars = feed.history(ticker, tf, WARM_UP_BARS[tf], now);
          this.market.seed(ticker, tf, bars);
          seeded.push(...bars);
        }
      }
    }
    for (const bar of seeded) if (bar.timeframe === '1d') this.keepDaily(bar);
    this.rescan(sessionDateOf(now));
    return seeded;
  }

  /** Builds the scan list of `date` from the daily bars before it, and records it. */
  private rescan(date: string): void {
    this.lastScan = new UniverseScanner(this.config).scan(date, (ticker) => this.dailyBars.get(ticker));
    const { tickers: kept, rejected, notes } = this.lastScan;
    this.sink.emit({
      eventType: 'session',
      severity: 'info',
      message: `Scan list for ${date}: ${kept.length} tickers${rejected.length ? `, ${rejected.length} filtered out` : ''}`,
      metadata: { date, tickers: kept, rejected, notes },
    });
  }

  private keepDaily(bar: Bar): void {
    let list = this.dailyBars.get(bar.ticker);
    if (!list) this.dailyBars.set(bar.ticker, (list = []));
    if (list.length > 0 && bar.time <= list[list.length - 1]!.time) return;
    list.push(bar);
    if (list.length > 400) list.splice(0, list.length - 300);
  }

  /** Sets what the gateway lets through: active, paused (no entries) or halted (reductions only). */
  setTradingState(state: TradingState, reason: string): void {
    this.gateway.setState(state, reason);
  }

  /** Applies a validated config at the next bar boundary, so one bar never sees two configs. */
  updateConfig(config: BotConfig): void {
    this.pendingConfig = config;
  }

  /** The config the engine trades with now. */
  get activeConfig(): BotConfig {
    return this.config;
  }

  /**
   * Halts: entries blocked at once, open orders canceled and, with `closeDayTrades`, every
   * intraday position (day trades, option and ETF scalps) flattened. Swing positions stay
   * unless `flattenAll`.
   */
  halt(reason: string, closeDayTrades: boolean, flattenAll = false): { flattened: number } {
    this.gateway.setState('halted', reason);
    this.gateway.cancelAll();
    const sent = closeDayTrades ? this.gateway.flatten((p) => flattenAll || p.tradeType !== 'swing', reason) : [];
    return { flattened: sent.length };
  }

  /** One closed 1-minute bar, after the venue has filled what was due at its open. */
  onBar(bar: Bar): void {
    this.barClose = bar.time + 60_000;
    try {
      this.step(bar);
    } finally {
      this.barClose = null;
    }
  }

  private step(bar: Bar): void {
    if (this.pendingConfig) this.applyConfig(this.pendingConfig);
    this.rollDay(bar.time);
    this.ledger.mark(bar);
    this.lastDataTime = Math.max(this.lastDataTime ?? 0, bar.time + 60_000);
    this.collectTrades();

    const closed = this.market.onBar(bar);
    for (const c of closed) if (c.bar.timeframe === '1d') this.keepDaily(c.bar);
    this.listener.onBarsClosed(bar.ticker, closed);
    this.manageExits(bar.ticker, closed);
    // Leveraged ETFs are traded instruments, not scanned tickers: they get no signals of their own.
    if (this.config.universe.tickers.includes(bar.ticker)) {
      for (const signal of this.detector.onClosedBars(bar.ticker, closed, this.market)) this.handleSignal(signal);
    }
    this.collectTrades();
    this.watchLoss();
  }

  /**
   * Rebuilds the book of an earlier run from its stored fills, oldest first (event sourcing):
   * each entry's plan is registered before its first fill, every fill is applied to the
   * ledger, and the trades that closed on the way count as seen (they were recorded and
   * published when they happened). Position ids of this run continue after the restored ones.
   * Nothing is sent to the broker. Call before the first bar.
   */
  restore(history: readonly { order: OrderRequest; plan?: PositionPlan; fill: Fill }[]): { positions: number } {
    for (const { order, plan, fill } of history) {
      if (plan && !this.ledger.planOf(plan.id)) this.ledger.register(plan);
      this.bumpIds(order.positionId);
      try {
        this.ledger.applyFill(fill, order);
      } catch (err) {
        const message = errorMessage(err);
        this.sink.emit({
          eventType: 'alert',
          severity: 'critical',
          message: `Restore skipped fill ${fill.clientOrderId}: ${message}`,
          metadata: { kind: 'book_divergence', fill: { ...fill } },
        });
      }
    }
    this.seenTrades = this.ledger.closedTrades().length;
    this.startOfDayEquity = this.ledger.equity();
    return { positions: this.ledger.positions().length + this.ledger.scalps().length };
  }

  /**
   * After a restart on a network broker: tracks the orders of the earlier run that may still
   * be working there (an entry's plan registered if no fill had come), so their later fills
   * reach the ledger. Call after `restore`; nothing is sent.
   */
  adoptOrders(orders: readonly { order: OrderRequest; plan?: PositionPlan; filled: number }[]): void {
    for (const { order, plan, filled } of orders) {
      if (plan && !this.ledger.planOf(plan.id)) this.ledger.register(plan);
      this.bumpIds(order.positionId);
      this.gateway.adopt(order, order.quantity - filled, 0);
    }
  }

  /** Keeps generated ids (`pos-7`) after a restored one, so a new position never reuses an id. */
  private bumpIds(id: string): void {
    const n = /-(\d+)$/.exec(id)?.[1];
    if (n !== undefined) this.ids = Math.max(this.ids, Number(n));
  }

  /** Picks up fills that arrive between bars (a real broker's fills are asynchronous). */
  afterFills(): void {
    this.collectTrades();
  }

  // ── Manual overrides (same gateway, same risk gate) ─────────────────────────────────

  closePosition(positionId: string): OverrideResult {
    const d = manualClose(positionId);
    const r = this.gateway.submitReduction(d.positionId, d.quantity, d.purpose, d.reason);
    return r.ok ? { ok: true } : { ok: false, reason: r.reason };
  }

  adjustStop(positionId: string, stopPrice: number): OverrideResult {
    const position = this.ledger.get(positionId);
    if (!position) return { ok: false, reason: `no open position ${positionId}` };
    const check = validateStopAdjustment(position, stopPrice);
    if (!check.ok) return check;
    this.ledger.setStop(positionId, stopPrice);
    this.sink.emit({
      eventType: 'order',
      severity: 'info',
      message: `Stop of ${position.ticker} moved ${position.stopPrice ?? '—'} → ${stopPrice} (manual)`,
      metadata: { positionId, from: position.stopPrice, to: stopPrice },
    });
    return { ok: true };
  }

  addToPosition(positionId: string, quantity: number): OverrideResult {
    const plan = this.ledger.planOf(positionId);
    const order = addOrder(positionId, quantity, this.ledger, this.clock.now(), (p) => `${p}-${++this.ids}`);
    if (!plan || !order) return { ok: false, reason: `no open position ${positionId}` };
    const r = this.gateway.submitEntry({ plan, order }, this.riskContext());
    return r.ok ? { ok: true } : { ok: false, reason: r.reason };
  }

  // ── Steps ───────────────────────────────────────────────────────────────────────────

  private applyConfig(config: BotConfig): void {
    this.config = config;
    this.pendingConfig = null;
    this.risk.setConfig(config);
    this.loss.setLimits(config.risk);
  }

  private rollDay(time: number): void {
    const date = sessionDateOf(time);
    if (date === this.sessionDate) return;
    const first = this.sessionDate === null;
    this.sessionDate = date;
    this.startOfDayEquity = this.ledger.equity();
    this.entriesToday = 0;
    // Each new session trades its own scan list, built from the daily bars before it.
    if (!first || this.lastScan?.date !== date) this.rescan(date);
  }

  private collectTrades(): void {
    const closed = this.ledger.closedTrades();
    for (; this.seenTrades < closed.length; this.seenTrades++) {
      const trade = closed[this.seenTrades]!;
      this.trades.push(trade);
      this.listener.onTrade(trade);
      for (const s of this.loss.recordTrade(trade.pnl)) this.reportLoss(s);
    }
  }

  private manageExits(ticker: string, closed: readonly ClosedBar[]): void {
    const now = this.clock.now();
    const closedTimeframes = closed.map((c) => ({ ticker, timeframe: c.bar.timeframe }));
    for (const d of this.exits.evaluate(now, this.ledger, this.market, closedTimeframes, this.config)) {
      // A refusal here means an exit is already working for the position: nothing to do.
      this.gateway.submitReduction(d.positionId, d.quantity, d.purpose, d.reason);
    }
    for (const u of this.exits.alignment(this.ledger, this.market, this.config)) {
      this.ledger.setCloudAligned(u.positionId, u.cloudAligned);
    }
  }

  private handleSignal(signal: TradeSignal): void {
    const size = sizeForConviction(signal.conviction, this.config.signals);
    if (size === 'log_only') return this.finish(signal, 'LOGGED_ONLY', null);
    const state = this.gateway.state;
    if (state !== 'active') return this.finish(signal, 'SKIPPED', state === 'paused' ? 'paused' : 'killed');
    if (this.lastScan && !this.lastScan.tickers.includes(signal.ticker)) {
      return this.finish(signal, 'SKIPPED', "not on today's scan list");
    }

    let acted = false;
    const reasons: string[] = [];
    for (const route of routeSignal(signal, this.config)) {
      const r = this.execute(route, signal, size);
      if (r === true) acted = true;
      else if (r) reasons.push(r);
    }
    if (acted) this.finish(signal, size === 'full' ? 'EXECUTED' : 'EXECUTED_HALF', null);
    else {
      const nothing = signal.direction === 'short' && !this.config.risk.allowShortStocks;
      this.finish(
        signal,
        'SKIPPED',
        reasons[0] ?? (nothing ? 'long only: no long position to close' : 'no instrument to trade'),
      );
    }
  }

  /** true when the route sent an order, a reason when it could not, null when it had nothing to do. */
  private execute(route: Route, signal: TradeSignal, size: 'full' | 'half'): true | string | null {
    if (route.kind === 'close_longs' || route.kind === 'close_shorts') {
      let sent = false;
      for (const d of closeRouteDecisions(route, this.ledger)) {
        sent = this.gateway.submitReduction(d.positionId, d.quantity, d.purpose, d.reason).ok || sent;
      }
      return sent ? true : null;
    }
    const ctx: EntryContext = {
      signal,
      size,
      equity: this.ledger.equity(),
      now: this.clock.now(),
      view: this.market,
      config: this.config,
    };
    let decision: EntryDecision;
    if (route.kind === 'option_scalp') decision = this.options.plan(route, ctx);
    else if (route.kind === 'etf_scalp') decision = this.etfs.plan(route, ctx);
    else if (route.kind === 'stock_day' || route.kind === 'stock_swing') decision = this.stocks.plan(route, ctx);
    else return null;
    if (!decision.ok) return decision.reason;
    // Two signals (say 1m and 5m) on one bar must not open the same instrument twice.
    const symbol = decision.entry.plan.symbol;
    if (this.holds(symbol)) return `already holding ${symbol}`;
    const r = this.gateway.submitEntry(decision.entry, this.riskContext());
    if (!r.ok) return r.reason;
    this.entriesToday++;
    return true;
  }

  /** Whether a position in `symbol` is open or its entry is still working. */
  private holds(symbol: string): boolean {
    const open = [...this.ledger.positions(), ...this.ledger.scalps()].some(
      (p) => this.ledger.planOf(p.id)?.symbol === symbol,
    );
    return open || this.gateway.openOrders().some((o) => o.symbol === symbol && o.purpose === 'entry');
  }

  private finish(signal: TradeSignal, outcome: TradeSignal['outcome'], skipReason: string | null): void {
    const final: TradeSignal = { ...signal, outcome, skipReason };
    this.listener.onSignal(final);
    // While paused or killed a high-conviction alert would only be noise: nothing can act on it.
    const idle = outcome === 'SKIPPED' && (skipReason === 'paused' || skipReason === 'killed');
    if (signal.conviction >= this.config.signals.highConvictionAlert && !idle) {
      this.sink.emit({
        eventType: 'alert',
        severity: 'info',
        message: `High-conviction signal: ${signal.ticker} ${signal.type} ${signal.timeframe} (${signal.conviction}) → ${outcome}`,
        metadata: {
          rule: 'high_conviction_signal',
          ticker: signal.ticker,
          signalId: signal.id,
          conviction: signal.conviction,
        },
      });
    }
  }

  private watchLoss(): void {
    if (this.sessionDate === null) return;
    const signals = this.loss.update({
      sessionDate: this.sessionDate,
      startingEquity: this.startOfDayEquity,
      equity: this.ledger.equity(),
    });
    for (const s of signals) this.reportLoss(s);
  }

  private reportLoss(s: DailyLossSignal): void {
    switch (s.kind) {
      case 'warning':
        return this.alert('daily_loss_warning', 'warning', s.message);
      case 'consecutive_losses':
        return this.alert('consecutive_losses', 'warning', s.message);
      case 'new_high':
        return this.alert('new_daily_high', 'info', s.message);
      case 'limit':
        this.alert('daily_loss_warning', 'critical', s.message);
        if (this.config.killSwitch.autoKillOnDailyLoss) this.listener.onLossLimit(s.message);
        return;
    }
  }

  private alert(rule: string, severity: 'info' | 'warning' | 'critical', message: string): void {
    this.sink.emit({ eventType: 'alert', severity, message, metadata: { rule } });
  }

  /** The account and market as the risk gate sees them now. */
  riskContext(): RiskContext {
    const now = this.clock.now();
    const positions = this.ledger.positions().length + this.ledger.scalps().length;
    return {
      now,
      phase: describeMarketClock(now, this.config.schedule, 0).phase,
      state: this.gateway.state,
      equity: this.ledger.equity(),
      startOfDayEquity: this.startOfDayEquity,
      grossExposure: this.ledger.grossExposure(),
      openPositions: positions,
      tradesToday: this.entriesToday,
      dayTrades: dayTradesInWindow(this.trades, now, this.config.schedule),
      lastDataTime: this.lastDataTime,
      quote: (order) => this.ledger.quote(order),
    };
  }
}
