import type { BarUpdate, ChartData, ChartMarker, TickerSummary } from '../../src-shared/chart-data';
import type { BotConfig } from '../../src-shared/config-schema';
import type { PnlPoint } from '../../src-shared/dashboard-data';
import type { BotEvent, EventType, Severity } from '../../src-shared/events';
import { TIMEFRAMES, type Bar, type Timeframe } from '../../src-shared/market';
import type { TradeSignal } from '../../src-shared/signals';
import type { TradeRecord } from '../../src-shared/trades';
import { sessionDateOf } from '../engine/market-calendar';
import type { ClosedBar } from '../engine/market-state';
import type { PositionPlan } from '../engine/book';
import type { Fill, OrderRequest } from '../engine/orders';
import type { Broker, EngineEvent, FeedHandler, MarketDataFeed, SimulatedVenue } from '../engine/ports';
import { TradingEngine, type EngineListener } from '../engine/trading-engine';
import { ChartHistory, toCloudPoint } from './chart-history';
import { BrokerRouter, type Venue } from './broker-router';
import type { ControllerStore } from './controller-store';

/** Signals kept in memory for the dashboard and the charts' markers. */
const SIGNAL_MEMORY = 2000;
const MAX_PNL_POINTS = 2000;

/** What the runtime needs from the controller that owns it. */
export interface RuntimeDeps {
  store: ControllerStore;
  config: BotConfig;
  clock: { now(): number };
  broker: Broker;
  feed: MarketDataFeed;
  /** Unique per run: prefixes client order ids. */
  runId: string;
  sessionId: () => string | null;
  /** Writes an event to the store (synchronously) and publishes it. */
  record: (type: EventType, severity: Severity, message: string, metadata: Record<string, unknown> | null) => void;
  /** Something on the dashboard changed. */
  changed: () => void;
  /** The daily loss limit was reached. */
  lossLimit: (message: string) => void;
}

const isVenue = (b: Broker): b is SimulatedVenue => typeof (b as Partial<SimulatedVenue>).processBar === 'function';

/** A stored fill with the order (and, for an entry, the plan) it belongs to. */
export interface RestoredFill {
  order: OrderRequest;
  plan?: PositionPlan;
  fill: Fill;
  /** The broker slot that filled it (absent in stores older than the router: paper). */
  venue?: Venue;
}

/** A broker that can take the fills of an earlier run back (the paper broker). */
interface RestorableBroker extends Broker {
  restoreFill(fill: Fill, order: OrderRequest): void;
}
const isRestorable = (b: Broker): b is RestorableBroker =>
  typeof (b as Partial<RestorableBroker>).restoreFill === 'function';

/** Events per page when the store is read back (the event log's maximum). */
const RESTORE_PAGE = 5000;
/** Order statuses after which nothing more happens to an order. */
const FINAL_STATUSES = new Set(['filled', 'cancelled', 'rejected']);

/**
 * Every stored intent and fill of the data folder, oldest first, as fills with their orders:
 * the event-sourced history of the book. Orders whose intent has no final status (open at
 * a crash) are counted, never re-sent.
 */
/** An order whose intent has no final status: open when the earlier run ended. */
export interface UnfinishedOrder {
  clientOrderId: string;
  venue: Venue;
  order: OrderRequest;
  plan?: PositionPlan;
  filled: number;
  filledNotional: number;
}

export function readFillHistory(store: ControllerStore): {
  history: RestoredFill[];
  unfinished: UnfinishedOrder[];
} {
  const events: BotEvent[] = [];
  for (const eventType of ['order', 'fill'] as const) {
    let beforeId: number | undefined;
    for (;;) {
      const page = store.eventLog.query({
        eventType,
        limit: RESTORE_PAGE,
        ...(beforeId !== undefined && { beforeId }),
      });
      events.push(...page);
      if (page.length < RESTORE_PAGE) break;
      beforeId = page[page.length - 1]!.id;
    }
  }
  events.sort((a, b) => a.id - b.id);
  const intents = new Map<
    string,
    { order: OrderRequest; plan?: PositionPlan; final: boolean; venue: Venue; filled: number; notional: number }
  >();
  const history: RestoredFill[] = [];
  for (const e of events) {
    const meta = e.metadata ?? {};
    const id = typeof meta.clientOrderId === 'string' ? meta.clientOrderId : null;
    const status = typeof meta.status === 'string' ? meta.status : null;
    if (!id || !status) continue;
    if (e.eventType === 'order' && status === 'intent' && meta.order) {
      const plan = meta.plan as PositionPlan | undefined;
      const venue: Venue = meta.venue === 'alpaca' ? 'alpaca' : 'paper';
      intents.set(id, {
        order: meta.order as OrderRequest,
        ...(plan && { plan }),
        final: false,
        venue,
        filled: 0,
        notional: 0,
      });
      continue;
    }
    const intent = intents.get(id);
    if (!intent) continue;
    if (FINAL_STATUSES.has(status)) intent.final = true;
    if (e.eventType === 'fill' && meta.fill) {
      const f = meta.fill as Fill;
      intent.filled += f.quantity;
      intent.notional += f.quantity * f.price;
      // The plan goes with the entry's first fill only; later fills find it registered.
      history.push({
        order: intent.order,
        ...(intent.plan && { plan: intent.plan }),
        fill: meta.fill as Fill,
        venue: intent.venue,
      });
    }
  }
  const unfinished = [...intents.entries()]
    .filter(([, i]) => !i.final)
    .map(([clientOrderId, i]) => ({
      clientOrderId,
      venue: i.venue,
      order: i.order,
      ...(i.plan && { plan: i.plan }),
      filled: i.filled,
      filledNotional: i.notional,
    }));
  return { history, unfinished };
}

/**
 * The engine as the controller runs it: feed bars go to the simulated venue (paper) and then
 * to the engine; what the engine produces is written to the store before it is published
 * (signals, orders, fills, trades, the equity curve), and kept for the dashboard: recent
 * signals, today's trades, the intraday P&L curve, chart history and live bar updates.
 */
export class TradingRuntime implements EngineListener {
  readonly engine: TradingEngine;
  readonly charts: ChartHistory;
  private readonly signals: TradeSignal[] = [];
  private todayTrades: TradeRecord[] = [];
  private readonly pnl: PnlPoint[] = [];
  private readonly barUpdates = new Map<string, BarUpdate>();
  private day: string | null = null;
  private warmedUp = false;
  private connected = false;
  private lastBarTime: number | null = null;
  /** Orders of an earlier run that a network broker may still be working (adopted at start). */
  openAtBroker: UnfinishedOrder[] = [];

  constructor(private readonly deps: RuntimeDeps) {
    const now = deps.clock.now();
    this.charts = new ChartHistory(deps.config.clouds);
    this.engine = new TradingEngine({
      config: deps.config,
      clock: deps.clock,
      broker: deps.broker,
      sink: { emit: (e) => this.onEngineEvent(e) },
      listener: this,
      startingCash: deps.broker.account().equity,
      priorTrades: deps.store.trades.between(now - 10 * 86_400_000, now),
      orderIdPrefix: deps.runId,
    });
    this.restore();
  }

  /**
   * After a restart (DESIGN §3): replays every stored fill into the broker (when it can take
   * them back) and the engine's book, marks the restored positions on the feed's last bars,
   * and says so. Orders open at the crash are not re-sent. Trading stays off: the controller
   * decides the state.
   */
  private restore(): void {
    const { history, unfinished } = readFillHistory(this.deps.store);
    this.openAtBroker = unfinished.filter((u) => u.venue === 'alpaca');
    const broker = this.deps.broker;
    // A simulated venue lost its working orders with the process; a remote broker may still
    // hold them, and reconciliation at start asks it.
    if (isRestorable(broker)) {
      this.closeLostOrders(unfinished.filter((u) => u.venue === 'paper').map((u) => u.clientOrderId));
    }
    if (history.length === 0) return;
    if (isRestorable(broker)) {
      for (const { fill, order, venue } of history) {
        try {
          // Only the simulated broker takes fills back; a network broker still holds its own.
          if (broker instanceof BrokerRouter) broker.restoreFill(fill, order, venue ?? 'paper');
          else broker.restoreFill(fill, order);
        } catch {
          // The engine's replay reports the same fill as a divergence.
        }
      }
    }
    const { positions } = this.engine.restore(history);
    this.markRestored();
    const cash = this.engine.ledger.cash();
    const metadata = {
      restored: true,
      positions,
      cash,
      equity: this.engine.ledger.equity(),
      fills: history.length,
      unfinishedOrders: unfinished.map((u) => u.clientOrderId),
      brokerCash: broker.account().cash,
    };
    // The runtime is built inside the controller's constructor, whose record() publishes a
    // dashboard at once: the event is recorded as soon as that constructor has returned.
    queueMicrotask(() =>
      this.deps.record(
        'session',
        'info',
        `Restored ${positions} open positions and cash $${cash.toFixed(2)} from the event store` +
          (unfinished.length ? `; ${unfinished.length} orders open at the crash were not re-sent` : ''),
        metadata,
      ),
    );
  }

  /** Records each order the simulated venue lost at a crash as cancelled, so it reads final from now on. */
  private closeLostOrders(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const time = this.deps.clock.now();
    const record = (id: string) => {
      this.deps.store.orders.update(id, 'cancelled', time);
      this.deps.record(
        'order',
        'warning',
        `Order ${id} was open at the crash; the simulated broker lost it: cancelled`,
        {
          clientOrderId: id,
          status: 'cancelled',
          reason: 'open at a crash',
        },
      );
    };
    // After the controller's constructor, like the restore event (its record() publishes).
    queueMicrotask(() => ids.forEach(record));
  }

  /** Marks restored positions on the last closed minute of their ticker, when the feed has history. */
  private markRestored(): void {
    const feed = this.deps.feed;
    if (!feed.history) return;
    const ledger = this.engine.ledger;
    const tickers = new Set<string>();
    for (const p of ledger.positions()) tickers.add(ledger.planOf(p.id)?.symbol ?? p.ticker);
    for (const s of ledger.scalps()) tickers.add(ledger.planOf(s.id)?.option?.underlying ?? s.ticker);
    const now = this.deps.clock.now();
    for (const ticker of tickers) {
      const last = feed.history(ticker, '1m', 1, now).at(-1);
      if (last) ledger.mark(last);
    }
  }

  // ── Feed ────────────────────────────────────────────────────────────────────────────

  /** Warms the indicators up (once per run) and subscribes to the universe (ETF bars come with it). */
  connect(handler: FeedHandler): void {
    if (this.connected) return;
    const tickers = this.tickers();
    if (!this.warmedUp) {
      this.charts.add(this.engine.warmUp(this.deps.feed, tickers));
      this.warmedUp = true;
    }
    this.connected = true;
    // The simulated market derives its ETFs from their underlyings; real data subscribes to them.
    this.deps.feed.connect(this.deps.feed.simulated ? this.engine.activeConfig.universe.tickers : tickers, handler);
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.deps.feed.disconnect();
  }

  /** The universe plus the leveraged ETFs whose underlying it holds. */
  /** The universe and the leveraged ETFs of its underlyings: every ticker the engine trades. */
  tickers(): string[] {
    const { universe, leveragedEtf } = this.engine.activeConfig;
    const etfs = Object.entries(leveragedEtf.sectorMap)
      .filter(([underlying]) => universe.tickers.includes(underlying))
      .flatMap(([, pair]) => [pair.bull, pair.bear]);
    return [...new Set([...universe.tickers, ...etfs])];
  }

  /** One 1-minute bar: the venue fills what is due at its open, then the engine decides. */
  onBar(bar: Bar): void {
    if (isVenue(this.deps.broker)) this.deps.broker.processBar(bar);
    this.rollDay(bar.time);
    this.engine.onBar(bar);
    this.lastBarTime = Math.max(this.lastBarTime ?? 0, bar.time);
    this.markPnl(bar.time);
    this.deps.changed();
  }

  get lastBar(): number | null {
    return this.lastBarTime;
  }

  // ── EngineListener ──────────────────────────────────────────────────────────────────

  onSignal(signal: TradeSignal): void {
    this.deps.store.signals.save(this.deps.sessionId(), signal);
    this.signals.unshift(signal);
    if (this.signals.length > SIGNAL_MEMORY) this.signals.length = SIGNAL_MEMORY;
    const outcome = signal.outcome === 'SKIPPED' ? `SKIPPED (${signal.skipReason})` : signal.outcome;
    this.deps.record(
      'signal',
      'info',
      `${signal.ticker} ${signal.type} ${signal.timeframe} conviction ${signal.conviction} → ${outcome}`,
      {
        signalId: signal.id,
        ticker: signal.ticker,
        type: signal.type,
        conviction: signal.conviction,
        outcome: signal.outcome,
      },
    );
  }

  onTrade(trade: TradeRecord): void {
    this.deps.store.trades.record(this.deps.sessionId(), trade);
    if (sessionDateOf(trade.exitTime) === this.day) this.todayTrades.unshift(trade);
    this.saveDay();
  }

  onBarsClosed(ticker: string, closed: readonly ClosedBar[]): void {
    if (closed.length === 0) return;
    this.charts.add(closed.map((c) => c.bar));
    for (const c of closed) {
      this.barUpdates.set(`${ticker}|${c.bar.timeframe}|${c.bar.time}`, {
        bar: c.bar,
        clouds: toCloudPoint(c.bar.time, c.clouds),
        closed: true,
      });
    }
    for (const tf of TIMEFRAMES) {
      const forming = this.engine.market.forming(ticker, tf);
      const clouds = this.engine.market.provisionalClouds(ticker, tf);
      if (!forming || !clouds) continue;
      this.barUpdates.set(`${ticker}|${tf}|${forming.time}`, {
        bar: forming,
        clouds: toCloudPoint(forming.time, clouds),
        closed: false,
      });
    }
  }

  onLossLimit(message: string): void {
    this.deps.lossLimit(message);
  }

  /** Bar updates since the last call (one per bar, the latest version of a forming bar). */
  takeBarUpdates(): BarUpdate[] {
    const updates = [...this.barUpdates.values()];
    this.barUpdates.clear();
    return updates;
  }

  // ── Engine events → store ───────────────────────────────────────────────────────────

  private onEngineEvent(e: EngineEvent): void {
    const meta = e.metadata ?? {};
    const status = typeof meta.status === 'string' ? meta.status : null;
    const id = typeof meta.clientOrderId === 'string' ? meta.clientOrderId : null;
    // The intent row is committed before the gateway calls the broker (the event comes first).
    if (e.eventType === 'order' && status === 'intent' && id) {
      const order = meta.order as OrderRequest;
      // The router decides in this same task, so the venue recorded is the one it will use.
      const venue = this.deps.broker instanceof BrokerRouter ? this.deps.broker.venueFor(order) : null;
      if (venue) e = { ...e, metadata: { ...meta, venue } };
      this.deps.store.orders.recordIntent({
        clientOrderId: id,
        sessionId: this.deps.sessionId(),
        ticker: order.symbol,
        side: order.side,
        qty: order.quantity,
        type: order.type,
        stopPrice: order.stopPrice ?? null,
        createdAt: order.time,
        intent: {
          positionId: order.positionId,
          purpose: order.purpose,
          reason: meta.reason ?? null,
          option: order.option ?? null,
          venue,
        },
      });
    } else if (status && id) {
      const fill = meta.fill as { quantity: number; price: number } | undefined;
      this.deps.store.orders.update(
        id,
        status,
        this.deps.clock.now(),
        fill && { qty: fill.quantity, price: fill.price },
      );
    }
    this.deps.record(e.eventType, e.severity, e.message, e.metadata);
  }

  // ── Day, P&L curve ──────────────────────────────────────────────────────────────────

  private rollDay(time: number): void {
    const date = sessionDateOf(time);
    if (date === this.day) return;
    if (this.day !== null) this.saveDay();
    this.day = date;
    this.todayTrades = [];
    this.pnl.length = 0;
  }

  private markPnl(time: number): void {
    const pnl = this.engine.ledger.equity() - this.engine.dayStartEquity;
    const last = this.pnl[this.pnl.length - 1];
    if (last && last.time === time) {
      last.pnl = pnl;
      return;
    }
    if (last && time < last.time) return;
    if (last)
      this.deps.store.equity.appendSnapshots(this.deps.sessionId(), [
        { time: last.time, equity: last.pnl + this.engine.dayStartEquity, pnl: last.pnl },
      ]);
    this.pnl.push({ time, pnl });
    if (this.pnl.length > MAX_PNL_POINTS) this.pnl.splice(0, this.pnl.length - MAX_PNL_POINTS);
  }

  private saveDay(): void {
    if (this.day === null) return;
    const equity = this.engine.ledger.equity();
    this.deps.store.equity.upsertDay({
      date: this.day,
      startingEquity: this.engine.dayStartEquity,
      endingEquity: equity,
      pnl: equity - this.engine.dayStartEquity,
      trades: this.todayTrades.length,
    });
  }

  /** Records the current day's row (on stop and shutdown). */
  flushDay(): void {
    this.saveDay();
  }

  // ── Views for the dashboard ─────────────────────────────────────────────────────────

  get intradayPnl(): PnlPoint[] {
    return this.pnl.map((p) => ({ ...p }));
  }

  get tradesToday(): TradeRecord[] {
    return [...this.todayTrades];
  }

  recentSignals(limit: number): TradeSignal[] {
    return this.signals.slice(0, limit);
  }

  /** Signals whose entry order is still working at the broker. */
  pendingSignals(): TradeSignal[] {
    const waiting = new Set(
      this.engine.gateway
        .openOrders()
        .filter((o) => o.purpose === 'entry')
        .map((o) => this.engine.ledger.planOf(o.positionId)?.signalId)
        .filter((id): id is string => typeof id === 'string'),
    );
    return this.signals.filter((s) => waiting.has(s.id)).map((s) => ({ ...s, outcome: 'PENDING' as const }));
  }

  universe(): TickerSummary[] {
    const scan = this.engine.scan;
    return this.engine.activeConfig.universe.tickers.map((ticker) => {
      const summary = this.engine.market.tickerSummary(ticker);
      const trend = {} as TickerSummary['trend'];
      const fast = {} as TickerSummary['fast'];
      for (const tf of TIMEFRAMES) {
        trend[tf] = summary[tf]?.trend ?? null;
        fast[tf] = summary[tf]?.fast ?? null;
      }
      const price = this.engine.market.lastBar(ticker, '1m')?.close ?? null;
      const prevClose = this.previousClose(ticker);
      const last = this.signals.find((s) => s.ticker === ticker) ?? null;
      const rejected = scan?.rejected.find((r) => r.ticker === ticker);
      return {
        ticker,
        price,
        changePct: price !== null && prevClose ? ((price - prevClose) / prevClose) * 100 : null,
        trend,
        fast,
        strength: last ? (last.direction === 'long' ? last.conviction : -last.conviction) : 0,
        lastSignal: last && {
          type: last.type,
          timeframe: last.timeframe,
          conviction: last.conviction,
          time: last.time,
        },
        scanned: scan ? scan.tickers.includes(ticker) : true,
        scanNote: rejected?.reason ?? scan?.notes.find((n) => n.ticker === ticker)?.note ?? null,
      };
    });
  }

  /** The close of the last daily bar before today's session. */
  private previousClose(ticker: string): number | null {
    const last = this.charts.last(ticker, '1d');
    if (!last) return null;
    return this.day !== null && sessionDateOf(last.time) === this.day ? null : last.close;
  }

  chartData(ticker: string, timeframe: Timeframe, limit: number): ChartData {
    const { bars, clouds } = this.charts.chart(ticker, timeframe, limit);
    const first = bars[0]?.time ?? Number.POSITIVE_INFINITY;
    const barTimeOf = (time: number) => containingBarTime(bars, time);
    const markers: ChartMarker[] = [];
    for (const s of this.signals) {
      if (s.ticker !== ticker || s.timeframe !== timeframe || s.time < first) continue;
      const time = barTimeOf(s.time - 1);
      if (time !== null) {
        markers.push({
          time,
          kind: 'signal',
          direction: s.direction,
          label: `${shortType(s.type)} ${s.conviction}`,
          signalType: s.type,
        });
      }
    }
    const trades = this.deps.store.trades.recent(500).filter((t) => t.ticker === ticker && t.exitTime >= first);
    for (const t of trades) {
      const entry = barTimeOf(t.entryTime);
      const exit = barTimeOf(t.exitTime);
      if (entry !== null) markers.push({ time: entry, kind: 'entry', direction: t.direction, label: 'ENTRY' });
      if (exit !== null)
        markers.push({
          time: exit,
          kind: 'exit',
          direction: t.direction,
          label: `EXIT ${t.pnl >= 0 ? '+' : '−'}$${Math.abs(t.pnl).toFixed(0)}`,
        });
    }
    markers.sort((a, b) => a.time - b.time);
    const positions = [...this.engine.ledger.positions(), ...this.engine.ledger.scalps()].filter(
      (p) => p.ticker === ticker && p.instrumentType !== 'option',
    );
    const priceLines = positions.flatMap((p) => [
      { positionId: p.id, kind: 'entry' as const, price: p.entryPrice },
      ...(p.stopPrice !== null ? [{ positionId: p.id, kind: 'stop' as const, price: p.stopPrice }] : []),
      ...(p.targetPrice !== null ? [{ positionId: p.id, kind: 'target' as const, price: p.targetPrice }] : []),
    ]);
    const formingBar = this.engine.market.forming(ticker, timeframe);
    const formingClouds = this.engine.market.provisionalClouds(ticker, timeframe);
    return {
      ticker,
      timeframe,
      bars,
      clouds,
      markers,
      priceLines,
      forming:
        formingBar && formingClouds && (bars.length === 0 || formingBar.time > bars[bars.length - 1]!.time)
          ? { bar: formingBar, clouds: toCloudPoint(formingBar.time, formingClouds) }
          : null,
    };
  }
}

/** The open time of the bar containing `time`, by binary search; null before the first bar. */
function containingBarTime(bars: readonly Bar[], time: number): number | null {
  let lo = 0;
  let hi = bars.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]!.time <= time) {
      found = bars[mid]!.time;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const shortType = (type: string): string =>
  type.replace('CLOUD_', '').replace('_BULLISH', '▲').replace('_BEARISH', '▼');
