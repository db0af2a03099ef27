import type { BotState, DataFeedStatus, ExecutionMode, InstrumentMode } from '../../src-shared/bot-state';
import type { BotConfig } from '../../src-shared/config-schema';
import { applyConfigPatch } from '../../src-shared/config-patch';
import { fail, ok, type CommandResult } from '../../src-shared/command-result';
import type { DashboardData } from '../../src-shared/dashboard-data';
import type { PerformanceReport } from '../../src-shared/performance';
import type { TradeSignal } from '../../src-shared/signals';
import type { BotEvent, EventType, Severity } from '../../src-shared/events';
import type { CommandName, CommandPayload, CommandValues } from '../../src-shared/ipc-contract';
import type { Bar, MarketClock } from '../../src-shared/market';
import type { Broker, Clock, DesktopNotifier, MarketDataFeed, RemoteBroker } from '../engine/ports';
import { NotificationRouter } from './notification-router';
import { PAPER_ONLY_BROKERS } from '../../src-shared/broker-view';
import type { BrokerSupervisor, LiveBook } from './broker-supervisor';
import { BrokerRouter } from './broker-router';
import type { LocalBook } from './reconciliation';
import { loosenedRiskLimits } from './risk-loosening';
import type { CommandSurface, PushListener, PushMessage } from './command-surface';
import { PushThrottle, realTimers, type TimerApi } from './push-throttle';
import { buildBotState } from './state-builder';
import { entriesAllowed, transition, type LifecycleCommand } from './status-machine';
import { newSessionId } from './session-id';
import { TradingRuntime } from './trading-runtime';
import { PerformanceMetrics } from './performance-metrics';
import { buildPerformanceReport } from './performance-report';
import { sessionDateOf } from '../engine/market-calendar';
import type { ControllerStore } from './controller-store';
import { errorMessage } from '../../src-shared/error-message';

/** Sticky kill state, persisted before kill() returns. */
export interface KillRecord {
  active: boolean;
  reason: string;
  at: number;
}

export const KILL_STATE_KEY = 'killSwitch';
export const CONFIG_KEY = 'config';

/** Everything the controller is plugged into; the same controller runs every mode. */
export interface ControllerDeps {
  store: ControllerStore;
  config: BotConfig;
  /** Market time (simulated in simulation). Events and bars are stamped with it. */
  clock: Clock;
  /** Real time, for uptime. */
  wallClock: () => number;
  feed: MarketDataFeed;
  broker: Broker;
  describeClock: (now: number) => MarketClock;
  timers?: TimerApi;
  /** OS-native notifications (the Push channel); none when omitted. */
  notifier?: DesktopNotifier | null;
  /**
   * Keys, the Alpaca connection, reconciliation and paper ↔ live; built by the composition
   * root around the BrokerRouter the `broker` is. Without it the bot is paper-only.
   */
  supervisor?: ((controller: SupervisorHooks) => BrokerSupervisor) | null;
}

/** What the broker supervisor may ask of the controller. */
export interface SupervisorHooks {
  record: (type: EventType, severity: Severity, message: string, metadata?: Record<string, unknown>) => void;
  changed: () => void;
}

const MAX_ERRORS = 20;
/** How a refused override is named to the trader: "Adding to AAPL refused: …". */
const OVERRIDE_ACTION = {
  closePosition: 'Closing',
  adjustStop: 'Moving the stop of',
  addToPosition: 'Adding to',
} as const;
/** Real time without a bar after which a sped-up simulated feed counts as stale. */
const STALE_WALL_FLOOR_MS = 2000;

/**
 * The one command surface (freqtrade's RPC shape): every front end (Electron IPC, headless
 * WebSocket, tray, hotkey) calls these commands, and every change is written to the store
 * before it is published.
 */
export class BotController implements CommandSurface {
  private status: BotState['status'] = 'stopped';
  private statusReason: string | null = null;
  private executionMode: ExecutionMode = 'paper';
  private config: BotConfig;
  private pendingConfig: BotConfig | null = null;
  private sessionId: string | null = null;
  private startedAtWall: number | null = null;
  private feedStatus: DataFeedStatus = 'disconnected';
  private lastBarTime: number | null = null;
  /** Real time the last bar arrived. */
  private lastBarWall: number | null = null;
  private readonly errors: string[] = [];
  private readonly runtime: TradingRuntime;
  private readonly metrics = new PerformanceMetrics();
  private readonly alerts: NotificationRouter;
  private recentEvents: BotEvent[];
  private readonly listeners = new Set<PushListener>();
  private readonly throttle: PushThrottle;
  private readonly timers: TimerApi;
  private heartbeat: unknown = null;
  private burstOpen = false;
  private readonly supervisor: BrokerSupervisor | null;
  /** A session found open at start (crash) waits for its feed to reconnect. */
  private resumeSession = false;
  private disposed = false;

  constructor(private readonly deps: ControllerDeps) {
    this.config = deps.config;
    this.timers = deps.timers ?? realTimers;
    this.throttle = new PushThrottle(() => this.publishDashboard(), 250, this.timers);
    this.recentEvents = deps.store.eventLog.query({ limit: this.config.dashboard.maxEventsDisplayed });
    this.alerts = new NotificationRouter({
      publish: (alert) => this.publish({ push: 'alert', payload: alert }),
      notifier: deps.notifier ?? null,
      wallClock: deps.wallClock,
      pushFailed: (error) => this.noteError(`OS notification failed: ${error}`),
    });
    this.runtime = new TradingRuntime({
      store: deps.store,
      config: this.config,
      clock: deps.clock,
      broker: deps.broker,
      feed: deps.feed,
      runId: newSessionId(deps.clock.now()).replace(/^S/, 'R'),
      sessionId: () => this.sessionId,
      record: (type, severity, message, metadata) => this.record(type, severity, message, metadata),
      changed: () => this.throttle.notify(),
      lossLimit: (message) => this.kill(this.config.killSwitch.closeDayTradesOnKill, message),
    });
    this.supervisor =
      deps.supervisor?.({
        record: (type, severity, message, metadata) => this.record(type, severity, message, metadata ?? null),
        changed: () => this.throttle.notify(),
      }) ?? null;
    // No session, no entries: the engine trades only between Start and Stop.
    this.runtime.engine.setTradingState('paused', 'not started');
    this.restoreAfterRestart();
    // A network feed loads its history first (prepareBrokers); the others reconnect now.
    if (!deps.feed.prepare) queueMicrotask(() => this.reconnectRestoredSession());
  }

  // ── Command surface ────────────────────────────────────────────────────────────────

  async execute<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResult<CommandValues[K]>> {
    let result: CommandResult<CommandValues[CommandName]>;
    if (name === 'confirmLiveMode')
      result = await this.confirmLive((payload as CommandPayload<'confirmLiveMode'>).challenge);
    else if (name === 'setPaperMode') result = await this.setPaperMode();
    else result = this.run(name, payload as never);
    return result as CommandResult<CommandValues[K]>;
  }

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private run(name: CommandName, payload: never): CommandResult<CommandValues[CommandName]> {
    switch (name) {
      case 'start':
        return this.start(payload as CommandPayload<'start'>);
      case 'stop':
        return this.stop();
      case 'pause':
        return this.lifecycle('pause', 'paused by the user');
      case 'resume':
        return this.lifecycle('resume', null);
      case 'kill': {
        const p = payload as CommandPayload<'kill'>;
        return this.kill(p.closeDayTrades, p.flattenAll ? 'kill switch: flatten all' : undefined, p.flattenAll);
      }
      case 'resetKill':
        return this.resetKill((payload as CommandPayload<'resetKill'>).reason);
      case 'setInstrumentMode':
        return this.setInstrumentMode((payload as CommandPayload<'setInstrumentMode'>).mode);
      case 'updateConfig': {
        const p = payload as CommandPayload<'updateConfig'>;
        return this.updateConfig(p.patch, p.confirmRiskLoosening);
      }
      case 'getState':
        return ok(this.getState());
      case 'getDashboardData':
        return ok(this.getDashboardData());
      case 'getConfig':
        return ok(this.config);
      case 'queryEvents':
        return ok(this.deps.store.eventLog.query(payload as CommandPayload<'queryEvents'>));
      case 'requestLiveMode':
        return this.requestLive();
      case 'confirmLiveMode':
      case 'setPaperMode':
        return this.refuse(name, 'invalid_transition', 'internal: handled asynchronously');
      case 'setBrokerCredentials': {
        const p = payload as CommandPayload<'setBrokerCredentials'>;
        if (!this.supervisor) return this.refuse(name, 'refused', 'This setup has no network broker to keep keys for.');
        const r = this.supervisor.setKeys(p.account, { keyId: p.keyId, secretKey: p.secretKey });
        return r.ok ? ok(this.supervisor.view()) : this.refuse(name, 'refused', r.message);
      }
      case 'clearBrokerCredentials': {
        if (!this.supervisor) return ok(PAPER_ONLY_BROKERS);
        this.supervisor.clearKeys((payload as CommandPayload<'clearBrokerCredentials'>).account);
        return ok(this.supervisor.view());
      }
      case 'acknowledgeReconciliation': {
        const r = this.supervisor?.acknowledge((payload as CommandPayload<'acknowledgeReconciliation'>).reason);
        if (!r?.ok) return this.refuse(name, 'refused', r?.message ?? 'There is nothing to acknowledge.');
        return ok(this.getState());
      }
      case 'getSignals':
        return ok(this.querySignals(payload as CommandPayload<'getSignals'>));
      case 'getChartData': {
        const q = payload as CommandPayload<'getChartData'>;
        return ok(this.runtime.chartData(q.ticker, q.timeframe, q.limit));
      }
      case 'getPerformance':
        return ok(this.performance(payload as CommandPayload<'getPerformance'>));
      case 'closePosition':
      case 'adjustStop':
      case 'addToPosition':
        return this.override(name, payload as CommandPayload<'closePosition' | 'adjustStop' | 'addToPosition'>);
    }
  }

  // ── Lifecycle ──────────────────────────────────────────────────────────────────────

  private start(p: CommandPayload<'start'>): CommandResult<BotState> {
    if (p.executionMode === 'live') {
      return this.refuse(
        'start',
        'invalid_transition',
        'The bot always starts in paper mode; switching to live needs broker credentials and a typed confirmation.',
      );
    }
    const t = transition(this.status, 'start', { executionMode: 'paper', sessionOpen: this.sessionId !== null });
    if (!t.ok) return this.refuse('start', 'invalid_transition', t.reason);
    const blocked = this.supervisor?.blockReason();
    if (blocked)
      return this.refuse(
        'start',
        'refused',
        `Trading stays blocked: ${blocked}. Acknowledge the differences to go on.`,
      );
    if (p.instrumentMode) this.config = { ...this.config, instrumentMode: p.instrumentMode };
    this.executionMode = 'paper';
    const now = this.deps.clock.now();
    this.sessionId = newSessionId(now);
    this.startedAtWall = this.deps.wallClock();
    if (p.instrumentMode) this.runtime.engine.updateConfig(this.config);
    this.deps.store.sessions.open({
      sessionId: this.sessionId,
      startedAt: now,
      status: t.to,
      startingEquity: this.runtime.engine.ledger.equity(),
      config: this.config,
    });
    this.setStatus(t.to, null);
    this.record(
      'session',
      'info',
      `Session ${this.sessionId} started in ${this.executionMode} mode (${this.config.instrumentMode})`,
      {
        executionMode: this.executionMode,
        instrumentMode: this.config.instrumentMode,
        feed: this.deps.feed.name,
        broker: this.deps.broker.name,
      },
    );
    this.runtime.engine.setTradingState('active', 'started');
    this.connectFeed();
    this.startHeartbeat();
    return ok(this.getState());
  }

  private stop(): CommandResult<BotState> {
    const t = transition(this.status, 'stop', {
      executionMode: this.executionMode,
      sessionOpen: this.sessionId !== null,
    });
    if (!t.ok) return this.refuse('stop', 'invalid_transition', t.reason);
    this.closeSession(t.to === 'killed' ? 'killed' : 'stopped');
    this.setStatus(t.to, t.to === 'killed' ? this.statusReason : null);
    return ok(this.getState());
  }

  private lifecycle(
    command: Extract<LifecycleCommand, 'pause' | 'resume'>,
    reason: string | null,
  ): CommandResult<BotState> {
    const t = transition(this.status, command, {
      executionMode: this.executionMode,
      sessionOpen: this.sessionId !== null,
    });
    if (!t.ok) return this.refuse(command, 'invalid_transition', t.reason);
    const blocked = command === 'resume' ? this.supervisor?.blockReason() : null;
    if (blocked) return this.refuse(command, 'refused', `Trading stays blocked: ${blocked}.`);
    this.runtime.engine.setTradingState(command === 'pause' ? 'paused' : 'active', reason ?? 'resumed');
    this.setStatus(t.to, reason);
    this.record(
      'command',
      'info',
      command === 'pause' ? 'Paused: no new entries; exits still managed' : 'Resumed: entries allowed',
      {
        command,
      },
    );
    return ok(this.getState());
  }

  private kill(closeDayTrades: boolean, reason = 'manual kill', flattenAll = false): CommandResult<BotState> {
    const already = this.status === 'killed';
    const at = this.deps.clock.now();
    // An automatic kill arrives inside a bar's burst: commit it now, so the kill stands alone.
    this.closeBurst();
    // Persist first: once kill() returns, a crash or restart must still come up killed.
    if (!already) this.deps.store.appState.set<KillRecord>(KILL_STATE_KEY, { active: true, reason, at });
    const cancelled = this.runtime.engine.gateway.openOrders().length;
    const { flattened } = this.runtime.engine.halt(reason, closeDayTrades || flattenAll, flattenAll);
    this.setStatus('killed', reason);
    if (this.sessionId) this.deps.store.sessions.updateStatus(this.sessionId, 'killed');
    if (already) {
      this.record('command', 'info', 'Kill switch already active', { command: 'kill' });
    } else {
      const what = `${cancelled} open order${cancelled === 1 ? '' : 's'} cancelled, ${flattened} intraday position${flattened === 1 ? '' : 's'} being flattened`;
      this.record('kill', 'critical', `KILL SWITCH ACTIVATED (${reason}): new entries blocked; ${what}`, {
        reason,
        closeDayTrades,
        flattenAll,
        cancelledOrders: cancelled,
        flattenedPositions: flattened,
      });
    }
    return ok(this.getState());
  }

  private resetKill(reason: string): CommandResult<BotState> {
    const t = transition(this.status, 'resetKill', {
      executionMode: this.executionMode,
      sessionOpen: this.sessionId !== null,
    });
    if (!t.ok) return this.refuse('resetKill', 'invalid_transition', t.reason);
    this.deps.store.appState.set<KillRecord>(KILL_STATE_KEY, { active: false, reason, at: this.deps.clock.now() });
    this.runtime.engine.setTradingState('paused', 'kill switch reset');
    this.setStatus(t.to, t.to === 'paused' ? 'kill switch reset: resume when ready' : null);
    if (this.sessionId) this.deps.store.sessions.updateStatus(this.sessionId, t.to);
    this.record('kill', 'warning', `Kill switch reset: ${reason}`, { reason });
    return ok(this.getState());
  }

  private setInstrumentMode(mode: InstrumentMode): CommandResult<BotState> {
    const from = this.config.instrumentMode;
    if (from !== mode) {
      this.config = { ...this.config, instrumentMode: mode };
      this.runtime.engine.updateConfig(this.config);
      this.deps.store.appState.set(CONFIG_KEY, this.config);
      this.record(
        'mode_change',
        'info',
        `Instrument mode ${from} → ${mode} (new signals only; open positions run to completion)`,
        {
          from,
          to: mode,
        },
      );
    }
    return ok(this.getState());
  }

  private updateConfig(
    patch: Record<string, unknown>,
    confirmRiskLoosening = false,
  ): CommandResult<CommandValues['updateConfig']> {
    const base = this.pendingConfig ?? this.config;
    const r = applyConfigPatch(base, patch);
    if (!r.ok) {
      this.record(
        'config_change',
        'warning',
        `Config change rejected: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        {
          issues: r.issues,
        },
      );
      return fail('invalid_config', 'The configuration change is invalid; nothing was applied.', r.issues);
    }
    if (r.diff.length === 0) return ok({ config: r.config, diff: [] });
    const loosened = this.executionMode === 'live' ? loosenedRiskLimits(base, r.config) : [];
    if (loosened.length > 0 && !confirmRiskLoosening) {
      const message = `Loosening risk limits while live needs confirmation: ${loosened.join(', ')}. Nothing was applied.`;
      this.record('config_change', 'warning', `Config change held: ${message}`, { loosened });
      return fail(
        'confirmation_required',
        message,
        loosened.map((path) => ({ path, message: 'loosens a risk limit' })),
      );
    }
    // Mid-session changes wait for the next bar so a bar is never evaluated under two configs.
    if (this.sessionId && this.feedStatus !== 'disconnected') this.pendingConfig = r.config;
    else this.applyConfig(r.config);
    this.deps.store.appState.set(CONFIG_KEY, r.config);
    this.record('config_change', 'info', `Config changed: ${r.diff.map((d) => d.path).join(', ')}`, { diff: r.diff });
    return ok({ config: r.config, diff: r.diff });
  }

  /**
   * The start-up broker work (Start waits for it): connect Alpaca when the route uses it, load
   * the feed's network history, then reconcile the broker's positions and orders with the book.
   */
  async prepareBrokers(tickers: readonly string[]): Promise<void> {
    const supervisor = this.supervisor;
    const prepare = this.deps.feed.prepare?.bind(this.deps.feed);
    // Without a network feed the constructor has reconnected a restored session already.
    if (!supervisor?.usesAlpaca() && !prepare) return;
    supervisor?.setStartup('still connecting to the broker and loading market history');
    try {
      if (supervisor?.usesAlpaca()) {
        const r = await supervisor.connect('paper');
        if (!r.ok) this.noteError(r.message);
        else await this.adoptOpenOrders(r.value);
      }
      if (prepare) {
        try {
          await prepare(tickers, this.deps.clock.now());
        } catch (error) {
          const message = `Market history could not be loaded: ${errorMessage(error)}`;
          this.noteError(message);
          this.record('error', 'warning', message, { feed: this.deps.feed.name });
        }
      }
      if (supervisor?.usesAlpaca()) {
        const status = await supervisor.reconcile(this.alpacaBook());
        this.adoptPrimaryAccount(status);
      }
    } finally {
      supervisor?.setStartup(null);
      this.reconnectRestoredSession();
    }
  }

  /**
   * Orders the earlier run left open at Alpaca are tracked again, so a fill that happened
   * while the app was down (or happens later) reaches the book before the reconciliation.
   */
  private async adoptOpenOrders(broker: RemoteBroker): Promise<void> {
    const open = this.runtime.openAtBroker;
    if (open.length === 0) return;
    if (this.deps.broker instanceof BrokerRouter) {
      for (const u of open) this.deps.broker.recordVenue(u.order, 'alpaca');
    }
    this.runtime.engine.adoptOrders(
      open.map((u) => ({ order: u.order, ...(u.plan && { plan: u.plan }), filled: u.filled })),
    );
    await broker.adopt(open.map((u) => ({ request: u.order, filled: u.filled, filledNotional: u.filledNotional })));
    this.record('session', 'info', `${open.length} orders of the earlier run were looked up at the broker`, {
      orders: open.map((u) => u.clientOrderId),
    });
  }

  /**
   * With Alpaca as the primary, the book counts in that account's cash; a flat book takes it
   * over at start (a book with positions keeps its own figures, reconciled above).
   */
  private adoptPrimaryAccount(status: string): void {
    const broker = this.deps.broker instanceof BrokerRouter ? this.deps.broker : null;
    const alpaca = broker?.alpaca;
    if (!alpaca || this.config.broker.primary !== 'alpaca' || alpaca.connection() !== 'connected') return;
    if (status !== 'ok' && status !== 'not_needed') return;
    if (this.liveBook().openPositions > 0) return;
    const equity = alpaca.account().equity;
    this.runtime.engine.rebaseAccount(equity);
    this.record('session', 'info', `Trading on ${alpaca.name}: equity $${equity.toFixed(2)}`, { equity });
  }

  /** Every ticker the engine trades (universe and its leveraged ETFs). */
  tickers(): string[] {
    return this.runtime.tickers();
  }

  /** A problem the composition root found (e.g. Alpaca data chosen without keys): shown and stored. */
  reportSetupError(message: string): void {
    this.noteError(message);
    this.record('error', 'warning', message, null);
  }

  /** What the book says is held at Alpaca: quantity per traded symbol, and its open orders. */
  private alpacaBook(): LocalBook {
    const router = this.deps.broker instanceof BrokerRouter ? this.deps.broker : null;
    const ledger = this.runtime.engine.ledger;
    const positions = new Map<string, number>();
    if (router) {
      for (const p of [...ledger.positions(), ...ledger.scalps()]) {
        if (router.positionVenue(p.id) !== 'alpaca') continue;
        const symbol = ledger.planOf(p.id)?.symbol ?? p.ticker;
        const signed = p.direction === 'short' ? -p.quantity : p.quantity;
        positions.set(symbol, (positions.get(symbol) ?? 0) + signed);
      }
    }
    const openOrderIds = this.deps.store.orders
      .open()
      .filter((o) => o.intent.venue === 'alpaca')
      .map((o) => o.clientOrderId);
    return { positions, openOrderIds };
  }

  /** What paper ↔ live and the account take-over check: open positions and orders, a kill. */
  private liveBook(): LiveBook {
    const { ledger, gateway } = this.runtime.engine;
    return {
      openPositions: ledger.positions().length + ledger.scalps().length,
      openOrders: gateway.openOrders().length,
      killed: this.status === 'killed',
    };
  }

  // ── Paper ↔ live ───────────────────────────────────────────────────────────────────

  private requestLive(): CommandResult<CommandValues['requestLiveMode']> {
    if (!this.supervisor) {
      return this.refuse(
        'requestLiveMode',
        'refused',
        'Live trading needs the Alpaca broker with live API keys; this setup is paper only, so the bot stays in paper mode.',
      );
    }
    if (this.executionMode === 'live') return this.refuse('requestLiveMode', 'invalid_transition', 'Already live.');
    const r = this.supervisor.requestLive(this.liveBook());
    if (!r.ok) return this.refuse('requestLiveMode', 'refused', r.message);
    this.record('mode_change', 'warning', 'Live mode requested: waiting for the typed confirmation (60 s)', {
      expiresAt: r.value.expiresAt,
    });
    return ok(r.value);
  }

  private async confirmLive(challenge: string): Promise<CommandResult<BotState>> {
    if (!this.supervisor)
      return this.refuse('confirmLiveMode', 'invalid_transition', 'No live-mode request is pending.');
    if (this.executionMode === 'live') return this.refuse('confirmLiveMode', 'invalid_transition', 'Already live.');
    const r = await this.supervisor.confirmLive(challenge, this.liveBook());
    if (!r.ok) return this.refuse('confirmLiveMode', 'refused', r.message);
    const equity = r.value.account().equity;
    // Positions never move between accounts: the (flat) book starts over on the live account.
    this.runtime.engine.rebaseAccount(equity);
    this.executionMode = 'live';
    if (this.status === 'paper') this.setStatus('live', null);
    if (this.sessionId) this.deps.store.sessions.updateStatus(this.sessionId, this.status);
    this.record(
      'mode_change',
      'critical',
      `LIVE TRADING: orders now go to ${r.value.name} (equity $${equity.toFixed(2)})`,
      {
        from: 'paper',
        to: 'live',
        broker: r.value.name,
        equity,
      },
    );
    return ok(this.getState());
  }

  private async setPaperMode(): Promise<CommandResult<BotState>> {
    if (this.executionMode === 'paper') return ok(this.getState());
    const open = this.liveBook().openPositions;
    if (open > 0) {
      return this.refuse(
        'setPaperMode',
        'refused',
        `Close the ${open} live positions first (or use the kill switch): they stay in the live account.`,
      );
    }
    const r = await this.supervisor!.goPaper();
    this.runtime.engine.rebaseAccount(r.ok && r.value ? r.value.account().equity : this.deps.broker.account().equity);
    this.executionMode = 'paper';
    if (this.status === 'live') this.setStatus('paper', null);
    if (this.sessionId) this.deps.store.sessions.updateStatus(this.sessionId, this.status);
    this.record('mode_change', 'warning', 'Back to paper trading', { from: 'live', to: 'paper' });
    return ok(this.getState());
  }

  // ── Queries ────────────────────────────────────────────────────────────────────────

  getState(): BotState {
    const engine = this.runtime.engine;
    const trades = this.runtime.tradesToday;
    const signals = this.runtime.recentSignals(1);
    const startingEquity = engine.dayStartEquity;
    const pnl = this.runtime.intradayPnl;
    return buildBotState({
      status: this.status,
      statusReason: this.statusReason,
      executionMode: this.executionMode,
      instrumentMode: this.config.instrumentMode,
      sessionId: this.sessionId,
      startedAtWall: this.startedAtWall,
      wallNow: this.deps.wallClock(),
      equity: engine.ledger.equity(),
      startingEquity,
      realizedPnl: trades.reduce((sum, t) => sum + t.pnl, 0),
      openPositions: engine.ledger.positions(),
      openScalps: engine.ledger.scalps(),
      pendingSignals: this.runtime.pendingSignals(),
      winningTrades: trades.filter((t) => t.pnl > 0).length,
      losingTrades: trades.filter((t) => t.pnl < 0).length,
      scratchTrades: trades.filter((t) => t.pnl === 0).length,
      peakEquityToday: startingEquity + Math.max(0, ...pnl.map((p) => p.pnl)),
      maxDrawdownToday: intradayDrawdown(
        startingEquity,
        pnl.map((p) => p.pnl),
      ),
      lastSignalTime: signals[0]?.time ?? null,
      lastTradeTime: trades[0]?.exitTime ?? null,
      activeBroker: this.deps.broker.name,
      dataFeedStatus: this.effectiveFeedStatus(),
      errors: [...this.errors],
      marketClock: this.deps.describeClock(this.deps.clock.now()),
      simulated: this.deps.feed.simulated,
      dailyLossLimitPct: this.config.risk.dailyLossLimitPct,
      brokers: this.supervisor?.view() ?? PAPER_ONLY_BROKERS,
    });
  }

  getDashboardData(): DashboardData {
    const trades = this.runtime.tradesToday;
    const today = sessionDateOf(this.deps.clock.now());
    return {
      state: this.getState(),
      intradayPnl: this.runtime.intradayPnl,
      recentSignals: this.runtime.recentSignals(this.config.dashboard.maxSignalsDisplayed),
      recentEvents: [...this.recentEvents],
      recentTrades: trades,
      todayMetrics: trades.length > 0 ? this.metrics.metricsFor(today, trades) : null,
      universe: this.runtime.universe(),
    };
  }

  private querySignals(q: CommandPayload<'getSignals'>): TradeSignal[] {
    return this.deps.store.signals
      .recent(5000, q.ticker)
      .filter(
        (s) =>
          (q.timeframe === undefined || s.timeframe === q.timeframe) &&
          (q.type === undefined || s.type === q.type) &&
          (q.direction === undefined || s.direction === q.direction) &&
          (q.minConviction === undefined || s.conviction >= q.minConviction) &&
          (q.maxConviction === undefined || s.conviction <= q.maxConviction),
      )
      .slice(0, q.limit);
  }

  private performance(q: CommandPayload<'getPerformance'>): PerformanceReport {
    const until = q.until ?? this.deps.clock.now();
    const since = q.since ?? until - this.config.dashboard.pnlChartLookbackDays * 86_400_000;
    const spy = this.runtime.charts
      .chart('SPY', '1d', 5000)
      .bars.map((b) => ({ date: sessionDateOf(b.time), close: b.close }));
    const spyToday = this.runtime.engine.market.lastBar('SPY', '1m');
    if (spyToday && !spy.some((d) => d.date === sessionDateOf(spyToday.time))) {
      spy.push({ date: sessionDateOf(spyToday.time), close: spyToday.close });
    }
    return buildPerformanceReport({
      trades: this.deps.store.trades.between(since, until),
      dailyEquity: this.deps.store.equity.days(),
      spyDailyCloses: spy,
      startingEquity: this.config.broker.startingEquity,
      since,
      until,
    });
  }

  private override(
    name: 'closePosition' | 'adjustStop' | 'addToPosition',
    p: CommandPayload<'closePosition' | 'adjustStop' | 'addToPosition'>,
  ): CommandResult<BotState> {
    const engine = this.runtime.engine;
    const position = engine.ledger.get(p.positionId);
    const label = position ? `${position.ticker} (${p.positionId})` : p.positionId;
    // What the trader sees: the action and the ticker; the event keeps the command and the id.
    const shown = `${OVERRIDE_ACTION[name]} ${position?.ticker ?? p.positionId}`;
    let r;
    if (name === 'closePosition') r = engine.closePosition(p.positionId);
    else if (name === 'adjustStop') r = engine.adjustStop(p.positionId, (p as CommandPayload<'adjustStop'>).stopPrice);
    else r = engine.addToPosition(p.positionId, (p as CommandPayload<'addToPosition'>).quantity);
    if (!r.ok) {
      this.record('command', 'warning', `${name} ${label} refused: ${r.reason}`, {
        command: name,
        refused: true,
        positionId: p.positionId,
      });
      return fail('refused', `${shown} refused: ${r.reason}`);
    }
    this.record('command', 'info', `${name} ${label}`, { command: name, ...p });
    this.throttle.notify();
    return ok(this.getState());
  }

  getConfig(): BotConfig {
    return this.config;
  }

  /** Whether the order gateway would accept a new entry right now. */
  entriesAllowed(): boolean {
    return entriesAllowed(this.status);
  }

  /** Stops the loop and closes the session; the store stays open for the caller to close. */
  async shutdown(): Promise<void> {
    if (this.disposed) return;
    if (this.sessionId) this.closeSession(this.status === 'killed' ? 'killed' : 'stopped');
    if (this.status !== 'killed') this.status = 'stopped';
    this.throttle.dispose();
    this.disposed = true;
    await this.supervisor?.dispose();
  }

  // ── Engine loop ────────────────────────────────────────────────────────────────────

  private connectFeed(): void {
    this.runtime.connect({
      onBar: (bar) => {
        this.openBurst();
        this.onBar(bar);
      },
      onStatus: (status, detail) => this.onFeedStatus(status, detail),
      onError: (message, fatal) => {
        this.noteError(`Data feed: ${message}`);
        this.record(
          'error',
          fatal ? 'critical' : 'warning',
          fatal ? `Data feed stopped: ${message} (it will not reconnect by itself)` : `Data feed: ${message}`,
          { feed: this.deps.feed.name, fatal },
        );
      },
    });
  }

  /**
   * A feed delivers bars in bursts (a poll, a sped-up simulation): everything one burst writes
   * (events, signals, orders, trades, equity) goes into one transaction, committed when the
   * burst's task ends, so the store pays one fsync per burst instead of one per row. Brokers
   * send nothing before that (paper fills wait for the next bar; a network broker defers its
   * request to a later task), so order intents are still durable before any order leaves.
   */
  private openBurst(): void {
    const tx = this.deps.store.transaction;
    if (!tx || this.burstOpen) return;
    tx.begin();
    this.burstOpen = true;
    queueMicrotask(() => this.closeBurst());
  }

  private closeBurst(): void {
    if (!this.burstOpen) return;
    this.burstOpen = false;
    this.deps.store.transaction?.commit();
  }

  private onBar(bar: Bar): void {
    if (this.pendingConfig && (this.lastBarTime === null || bar.time > this.lastBarTime)) {
      this.applyConfig(this.pendingConfig);
      this.pendingConfig = null;
    }
    this.lastBarWall = this.deps.wallClock();
    if (this.lastBarTime === null || bar.time > this.lastBarTime) this.lastBarTime = bar.time;
    if (this.feedStatus !== 'connected') this.feedStatus = 'connected';
    this.runtime.onBar(bar);
  }

  private onFeedStatus(status: DataFeedStatus, detail?: string): void {
    if (status === this.feedStatus) return;
    const was = this.feedStatus;
    this.feedStatus = status;
    if (status === 'disconnected' && this.sessionId) {
      this.noteError(`Data feed disconnected${detail ? `: ${detail}` : ''}`);
      this.record('error', 'critical', `Data feed disconnected${detail ? `: ${detail}` : ''}`, {
        from: was,
        to: status,
      });
    } else {
      this.record('status_change', 'info', `Data feed ${status}${detail ? `: ${detail}` : ''}`, {
        from: was,
        to: status,
      });
    }
  }

  private effectiveFeedStatus(): DataFeedStatus {
    if (this.feedStatus !== 'connected' || this.lastBarTime === null || this.lastBarWall === null) {
      return this.feedStatus;
    }
    const clock = this.deps.describeClock(this.deps.clock.now());
    const staleMs = this.config.risk.staleDataSeconds * 1000;
    const marketAgeMs = clock.now - (this.lastBarTime + 60_000);
    // A sped-up simulated feed delivers minutes in bursts, so market time alone would flag
    // every gap between bursts; the feed is stale only if real time has passed too.
    const wallAgeMs = this.deps.wallClock() - this.lastBarWall;
    const stale = marketAgeMs > staleMs && wallAgeMs > Math.min(staleMs, STALE_WALL_FLOOR_MS);
    return clock.phase === 'open' && stale ? 'delayed' : 'connected';
  }

  private startHeartbeat(): void {
    // Uptime and the market clock move even when no bar arrives; one push per second at most.
    const beat = () => {
      if (this.disposed || this.sessionId === null) {
        this.heartbeat = null;
        return;
      }
      this.throttle.notify();
      this.heartbeat = this.timers.setTimeout(beat, 1000);
    };
    if (this.heartbeat === null) this.heartbeat = this.timers.setTimeout(beat, 1000);
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────

  private restoreAfterRestart(): void {
    const kill = this.deps.store.appState.get<KillRecord>(KILL_STATE_KEY);
    if (kill?.active) {
      this.status = 'killed';
      this.statusReason = 'kill switch active since before this start; reset it with a reason';
      this.runtime.engine.setTradingState('halted', this.statusReason);
    }
    const unclosed = this.deps.store.sessions.findUnclosed();
    // The newest session the app did not close (a crash, a forced quit) goes on, paused; any
    // older one is closed with a note.
    const resumed = unclosed.at(-1) ?? null;
    for (const s of unclosed) {
      if (s === resumed) continue;
      this.deps.store.sessions.close(s.sessionId, {
        endedAt: this.deps.clock.now(),
        endingEquity: null,
        status: s.status,
        errors: ['the app ended without closing this session (crash or forced quit)'],
      });
      this.record(
        'error',
        'warning',
        `Session ${s.sessionId} was not closed (the app ended unexpectedly); it is now closed`,
        {
          sessionId: s.sessionId,
        },
      );
    }
    if (!resumed) return;
    this.sessionId = resumed.sessionId;
    this.startedAtWall = this.deps.wallClock();
    this.executionMode = 'paper';
    if (this.status !== 'killed') {
      this.status = 'paused';
      this.statusReason =
        'restored after the app ended unexpectedly: exits are managed, no new entries until you resume';
    }
    this.deps.store.sessions.updateStatus(resumed.sessionId, this.status);
    this.record(
      'session',
      'warning',
      `Session ${resumed.sessionId} restored after the app ended unexpectedly: ${this.status}; open positions are managed, nothing trades anew until you resume`,
      { sessionId: resumed.sessionId, status: this.status },
    );
    this.resumeSession = true;
  }

  /** Reconnects the feed of a restored session (after the broker work, when there is some). */
  private reconnectRestoredSession(): void {
    if (!this.resumeSession || this.disposed || this.sessionId === null) return;
    this.resumeSession = false;
    this.connectFeed();
    this.startHeartbeat();
  }

  private applyConfig(config: BotConfig): void {
    this.config = config;
    this.runtime.engine.updateConfig(config);
    this.runtime.charts.setCloudConfig(config.clouds);
  }

  private closeSession(status: string): void {
    if (!this.sessionId) return;
    this.runtime.disconnect();
    if (this.runtime.engine.tradingState !== 'halted') this.runtime.engine.setTradingState('paused', 'stopped');
    this.runtime.flushDay();
    this.feedStatus = 'disconnected';
    const id = this.sessionId;
    this.deps.store.sessions.close(id, {
      endedAt: this.deps.clock.now(),
      endingEquity: this.runtime.engine.ledger.equity(),
      status,
      errors: this.errors.length ? [...this.errors] : undefined,
    });
    this.record('session', 'info', `Session ${id} closed (${status})`, { status });
    this.sessionId = null;
    this.startedAtWall = null;
    if (this.heartbeat !== null) this.timers.clearTimeout(this.heartbeat);
    this.heartbeat = null;
  }

  private setStatus(status: BotState['status'], reason: string | null): void {
    const from = this.status;
    this.status = status;
    this.statusReason = reason;
    if (from !== status)
      this.record('status_change', status === 'killed' ? 'critical' : 'info', `Status ${from} → ${status}`, {
        from,
        to: status,
      });
  }

  private refuse<T>(command: string, code: 'invalid_transition' | 'refused', message: string): CommandResult<T> {
    this.record('command', 'warning', `${command} refused: ${message}`, { command, refused: true });
    return fail(code, message);
  }

  private noteError(message: string): void {
    this.errors.unshift(message);
    if (this.errors.length > MAX_ERRORS) this.errors.length = MAX_ERRORS;
  }

  /** Writes the event to the store, then publishes it: the store is the authority. */
  private record(
    eventType: EventType,
    severity: Severity,
    message: string,
    metadata: Record<string, unknown> | null = null,
  ): void {
    const event = this.deps.store.eventLog.append({
      sessionId: this.sessionId,
      eventType,
      severity,
      message,
      metadata,
      createdAt: this.deps.clock.now(),
    });
    this.recentEvents.unshift(event);
    const cap = this.config.dashboard.maxEventsDisplayed;
    if (this.recentEvents.length > cap) this.recentEvents.length = cap;
    this.publish({ push: 'event', payload: event });
    this.alerts.route(event);
    this.throttle.notify();
  }

  private publishDashboard(): void {
    if (this.disposed) return;
    this.publish({ push: 'dashboard', payload: this.getDashboardData() });
    const bars = this.runtime.takeBarUpdates();
    if (bars.length > 0) this.publish({ push: 'bars', payload: bars });
  }

  private publish(message: PushMessage): void {
    for (const l of this.listeners) {
      try {
        l(message);
      } catch (error) {
        // A broken front end must never stop the bot or the other front ends.
        this.noteError(`push listener failed: ${errorMessage(error)}`);
      }
    }
  }
}

/** Intraday drawdown (≤ 0): min over t of E_t / max_{s≤t} E_s − 1, from the day's P&L curve. */
function intradayDrawdown(startingEquity: number, pnl: readonly number[]): number {
  let peak = startingEquity;
  let worst = 0;
  for (const p of pnl) {
    const equity = startingEquity + p;
    peak = Math.max(peak, equity);
    if (peak > 0) worst = Math.min(worst, equity / peak - 1);
  }
  return worst;
}
