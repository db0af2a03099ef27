import type { BotState, DataFeedStatus, ExecutionMode, InstrumentMode } from '../../src-shared/bot-state';
import type { BotConfig } from '../../src-shared/config-schema';
import { applyConfigPatch } from '../../src-shared/config-patch';
import { fail, ok, type CommandResult } from '../../src-shared/command-result';
import type { DashboardData, PnlPoint } from '../../src-shared/dashboard-data';
import type { BotEvent, EventType, Severity } from '../../src-shared/events';
import type { CommandName, CommandPayload, CommandValues } from '../../src-shared/ipc-contract';
import type { Bar, MarketClock } from '../../src-shared/market';
import type { Broker, Clock, FeedHandler, MarketDataFeed } from '../engine/ports';
import type { CommandSurface, PushListener, PushMessage } from './command-surface';
import { PushThrottle, realTimers, type TimerApi } from './push-throttle';
import { buildBotState } from './state-builder';
import { entriesAllowed, transition, type LifecycleCommand } from './status-machine';
import { newSessionId } from './session-id';
import type { ControllerStore } from './controller-store';

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
}

const MAX_ERRORS = 20;
const MAX_PNL_POINTS = 2000;
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
  private startingEquity: number;
  private peakEquity: number;
  private maxDrawdown = 0;
  private feedStatus: DataFeedStatus = 'disconnected';
  private lastBarTime: number | null = null;
  /** Real time the last bar arrived. */
  private lastBarWall: number | null = null;
  private readonly lastPrices = new Map<string, number>();
  private readonly errors: string[] = [];
  private readonly pnlSeries: PnlPoint[] = [];
  private recentEvents: BotEvent[];
  private readonly listeners = new Set<PushListener>();
  private readonly throttle: PushThrottle;
  private readonly timers: TimerApi;
  private heartbeat: unknown = null;
  private disposed = false;

  constructor(private readonly deps: ControllerDeps) {
    this.config = deps.config;
    this.timers = deps.timers ?? realTimers;
    this.throttle = new PushThrottle(() => this.publishDashboard(), 250, this.timers);
    this.startingEquity = deps.broker.account().equity;
    this.peakEquity = this.startingEquity;
    this.recentEvents = deps.store.eventLog.query({ limit: this.config.dashboard.maxEventsDisplayed });
    this.restoreAfterRestart();
  }

  // ── Command surface ────────────────────────────────────────────────────────────────

  async execute<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResult<CommandValues[K]>> {
    const result = this.run(name, payload as never);
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
      case 'kill':
        return this.kill((payload as CommandPayload<'kill'>).closeDayTrades);
      case 'resetKill':
        return this.resetKill((payload as CommandPayload<'resetKill'>).reason);
      case 'setInstrumentMode':
        return this.setInstrumentMode((payload as CommandPayload<'setInstrumentMode'>).mode);
      case 'updateConfig':
        return this.updateConfig((payload as CommandPayload<'updateConfig'>).patch);
      case 'getState':
        return ok(this.getState());
      case 'getDashboardData':
        return ok(this.getDashboardData());
      case 'getConfig':
        return ok(this.config);
      case 'queryEvents':
        return ok(this.deps.store.eventLog.query(payload as CommandPayload<'queryEvents'>));
      case 'requestLiveMode':
        return this.refuse(
          'requestLiveMode',
          'invalid_transition',
          'Live trading needs Alpaca API keys (ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY) and the Alpaca broker; none are configured, so the bot stays in paper mode.',
        );
      case 'confirmLiveMode':
        return this.refuse('confirmLiveMode', 'invalid_transition', 'No live-mode request is pending.');
      case 'setPaperMode':
        return ok(this.getState());
      case 'getSignals':
      case 'getChartData':
      case 'getPerformance':
      case 'closePosition':
      case 'adjustStop':
      case 'addToPosition':
        return fail('internal', `${name} needs the trading engine, which is not wired into this build yet.`);
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
    if (p.instrumentMode) this.config = { ...this.config, instrumentMode: p.instrumentMode };
    this.executionMode = 'paper';
    const now = this.deps.clock.now();
    this.sessionId = newSessionId(now);
    this.startedAtWall = this.deps.wallClock();
    this.startingEquity = this.deps.broker.account().equity;
    this.peakEquity = this.startingEquity;
    this.maxDrawdown = 0;
    this.pnlSeries.length = 0;
    this.deps.store.sessions.open({
      sessionId: this.sessionId,
      startedAt: now,
      status: t.to,
      startingEquity: this.startingEquity,
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

  private kill(closeDayTrades: boolean): CommandResult<BotState> {
    const already = this.status === 'killed';
    const at = this.deps.clock.now();
    // Persist first: once kill() returns, a crash or restart must still come up killed.
    if (!already) this.deps.store.appState.set<KillRecord>(KILL_STATE_KEY, { active: true, reason: 'kill switch', at });
    this.setStatus('killed', 'kill switch activated');
    if (this.sessionId) this.deps.store.sessions.updateStatus(this.sessionId, 'killed');
    if (already) {
      this.record('command', 'info', 'Kill switch already active', { command: 'kill' });
    } else {
      this.record(
        'kill',
        'critical',
        'KILL SWITCH ACTIVATED: new entries blocked; no open orders or positions to close',
        {
          closeDayTrades,
          cancelledOrders: 0,
          flattenedPositions: 0,
        },
      );
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
    this.setStatus(t.to, t.to === 'paused' ? 'kill switch reset: resume when ready' : null);
    if (this.sessionId) this.deps.store.sessions.updateStatus(this.sessionId, t.to);
    this.record('kill', 'warning', `Kill switch reset: ${reason}`, { reason });
    return ok(this.getState());
  }

  private setInstrumentMode(mode: InstrumentMode): CommandResult<BotState> {
    const from = this.config.instrumentMode;
    if (from !== mode) {
      this.config = { ...this.config, instrumentMode: mode };
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

  private updateConfig(patch: Record<string, unknown>): CommandResult<CommandValues['updateConfig']> {
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
    // Mid-session changes wait for the next bar so a bar is never evaluated under two configs.
    if (this.sessionId && this.feedStatus !== 'disconnected') this.pendingConfig = r.config;
    else this.applyConfig(r.config);
    this.deps.store.appState.set(CONFIG_KEY, r.config);
    this.record('config_change', 'info', `Config changed: ${r.diff.map((d) => d.path).join(', ')}`, { diff: r.diff });
    return ok({ config: r.config, diff: r.diff });
  }

  // ── Queries ────────────────────────────────────────────────────────────────────────

  getState(): BotState {
    const account = this.deps.broker.account();
    return buildBotState({
      status: this.status,
      statusReason: this.statusReason,
      executionMode: this.executionMode,
      instrumentMode: this.config.instrumentMode,
      sessionId: this.sessionId,
      startedAtWall: this.startedAtWall,
      wallNow: this.deps.wallClock(),
      equity: account.equity,
      startingEquity: this.startingEquity,
      realizedPnl: 0,
      openPositions: [],
      openScalps: [],
      pendingSignals: [],
      winningTrades: 0,
      losingTrades: 0,
      scratchTrades: 0,
      peakEquityToday: this.peakEquity,
      maxDrawdownToday: this.maxDrawdown,
      lastSignalTime: null,
      lastTradeTime: null,
      activeBroker: this.deps.broker.name,
      dataFeedStatus: this.effectiveFeedStatus(),
      errors: [...this.errors],
      marketClock: this.deps.describeClock(this.deps.clock.now()),
      simulated: this.deps.feed.simulated,
      dailyLossLimitPct: this.config.risk.dailyLossLimitPct,
    });
  }

  getDashboardData(): DashboardData {
    return {
      state: this.getState(),
      intradayPnl: [...this.pnlSeries],
      recentSignals: [],
      recentEvents: [...this.recentEvents],
      recentTrades: [],
      todayMetrics: null,
      universe: [],
    };
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
  }

  // ── Engine loop ────────────────────────────────────────────────────────────────────

  private connectFeed(): void {
    const handler: FeedHandler = {
      onBar: (bar) => this.onBar(bar),
      onStatus: (status, detail) => this.onFeedStatus(status, detail),
    };
    this.deps.feed.connect(this.config.universe.tickers, handler);
  }

  private onBar(bar: Bar): void {
    if (this.pendingConfig && (this.lastBarTime === null || bar.time > this.lastBarTime)) {
      this.applyConfig(this.pendingConfig);
      this.pendingConfig = null;
    }
    this.lastPrices.set(bar.ticker, bar.close);
    this.lastBarWall = this.deps.wallClock();
    if (this.lastBarTime === null || bar.time > this.lastBarTime) {
      this.lastBarTime = bar.time;
      this.markEquity(bar.time);
    }
    if (this.feedStatus !== 'connected') this.feedStatus = 'connected';
    this.throttle.notify();
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

  private markEquity(time: number): void {
    const equity = this.deps.broker.account().equity;
    this.peakEquity = Math.max(this.peakEquity, equity);
    this.maxDrawdown = Math.min(this.maxDrawdown, equity / this.peakEquity - 1);
    this.pnlSeries.push({ time, pnl: equity - this.startingEquity });
    if (this.pnlSeries.length > MAX_PNL_POINTS) this.pnlSeries.splice(0, this.pnlSeries.length - MAX_PNL_POINTS);
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
    }
    for (const s of this.deps.store.sessions.findUnclosed()) {
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
  }

  private applyConfig(config: BotConfig): void {
    this.config = config;
  }

  private closeSession(status: string): void {
    if (!this.sessionId) return;
    this.deps.feed.disconnect();
    this.feedStatus = 'disconnected';
    const id = this.sessionId;
    this.deps.store.sessions.close(id, {
      endedAt: this.deps.clock.now(),
      endingEquity: this.deps.broker.account().equity,
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

  private refuse<T>(command: string, code: 'invalid_transition', message: string): CommandResult<T> {
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
    this.throttle.notify();
  }

  private publishDashboard(): void {
    if (this.disposed) return;
    this.publish({ push: 'dashboard', payload: this.getDashboardData() });
  }

  private publish(message: PushMessage): void {
    for (const l of this.listeners) {
      try {
        l(message);
      } catch (error) {
        // A broken front end must never stop the bot or the other front ends.
        this.noteError(`push listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
