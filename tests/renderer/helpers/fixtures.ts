import { PAPER_ONLY_BROKERS } from '../../../src-shared/broker-view';
import { vi } from 'vitest';
import type { BotState } from '../../../src-shared/bot-state';
import { fail, ok, type CommandResult } from '../../../src-shared/command-result';
import { defaultConfig, type BotConfig } from '../../../src-shared/config-schema';
import type { DashboardData } from '../../../src-shared/dashboard-data';
import type { BotEvent } from '../../../src-shared/events';
import type { BotApi, CommandRequest, PushName, Pushes } from '../../../src-shared/ipc-contract';
import type { PerformanceReport } from '../../../src-shared/performance';
import type { ConnectionInfo, ConnectionListener, Transport } from '../../../src-renderer/transport/types';

/** 2026-11-24 15:42:13 UTC = 10:42:13 in New York. */
export const NY_10_42_13 = Date.UTC(2026, 10, 24, 15, 42, 13);

export function makeState(overrides: Partial<BotState> = {}): BotState {
  return {
    status: 'paper',
    instrumentMode: 'both',
    uptimeSeconds: 4 * 3600 + 23 * 60 + 5,
    accountEquity: 52_341,
    startingEquity: 51_094,
    dailyPnl: 1_247,
    dailyPnlPct: 2.44,
    unrealizedPnl: 300,
    realizedPnl: 947,
    openPositions: [],
    openScalps: [],
    pendingSignals: [],
    totalTradesToday: 12,
    winningTrades: 7,
    losingTrades: 5,
    winRate: 7 / 12,
    currentExposurePct: 32,
    maxDrawdownToday: -0.018,
    killSwitchActive: false,
    lastSignalTime: null,
    lastTradeTime: null,
    activeBroker: 'paper',
    dataFeedStatus: 'connected',
    errors: [],
    executionMode: 'paper',
    sessionId: 'sess-1',
    marketClock: {
      now: NY_10_42_13,
      phase: 'open',
      sessionDate: '2026-11-24',
      nextOpen: null,
      nextClose: null,
      speed: 0,
    },
    simulated: true,
    dailyLossLimitUsedPct: 0,
    greeksExposure: { delta: 0, gamma: 0, theta: 0, vega: 0 },
    statusReason: null,
    brokers: PAPER_ONLY_BROKERS,
    ...overrides,
  };
}

export function makeEvent(id: number, overrides: Partial<BotEvent> = {}): BotEvent {
  return {
    id,
    sessionId: 'sess-1',
    eventType: 'command',
    severity: 'info',
    message: `event ${id}`,
    metadata: null,
    createdAt: NY_10_42_13 + id * 1000,
    ...overrides,
  };
}

export function makeDashboard(overrides: Partial<DashboardData> = {}, state: Partial<BotState> = {}): DashboardData {
  return {
    state: makeState(state),
    intradayPnl: [],
    recentSignals: [],
    recentEvents: [],
    recentTrades: [],
    todayMetrics: null,
    universe: [],
    ...overrides,
  };
}

/** The default configuration with some dashboard settings overridden. */
export function makeConfig(dashboard: Partial<BotConfig['dashboard']> = {}): BotConfig {
  const config = defaultConfig();
  return { ...config, dashboard: { ...config.dashboard, ...dashboard } };
}

type PushListeners = { [P in PushName]: Set<(payload: Pushes[P]) => void> };

/** A BotApi of vi.fn()s answering like a healthy bot, with `push()` to play the server. */
export function fakeApi(data: DashboardData = makeDashboard()) {
  const listeners: PushListeners = {
    dashboard: new Set(),
    event: new Set(),
    bars: new Set(),
    alert: new Set(),
    navigate: new Set(),
  };
  const stateReply = (patch: Partial<BotState>) => async (): Promise<CommandResult<BotState>> =>
    ok({ ...data.state, ...patch });
  const api = {
    start: vi.fn(stateReply({ status: 'paper' })),
    stop: vi.fn(stateReply({ status: 'stopped' })),
    pause: vi.fn(stateReply({ status: 'paused' })),
    resume: vi.fn(stateReply({ status: 'paper' })),
    kill: vi.fn(stateReply({ status: 'killed', killSwitchActive: true })),
    resetKill: vi.fn(stateReply({ status: 'paused' })),
    setInstrumentMode: vi.fn(stateReply({})),
    updateConfig: vi.fn(async () => ok({ config: makeConfig(), diff: [] })),
    getState: vi.fn(async () => ok(data.state)),
    getDashboardData: vi.fn(async () => ok(data)),
    getConfig: vi.fn(async () => ok(makeConfig())),
    queryEvents: vi.fn(async () => ok([])),
    getChartData: vi.fn(async (r?: CommandRequest<'getChartData'>) =>
      ok({
        ticker: r?.ticker ?? 'SPY',
        timeframe: r?.timeframe ?? '5m',
        bars: [],
        clouds: [],
        markers: [],
        priceLines: [],
        forming: null,
      }),
    ),
    getSignals: vi.fn(async () => ok(data.recentSignals)),
    getPerformance: vi.fn(async () => fail<PerformanceReport>('internal', 'no performance report in this fake')),
    closePosition: vi.fn(stateReply({})),
    adjustStop: vi.fn(stateReply({})),
    addToPosition: vi.fn(stateReply({})),
    requestLiveMode: vi.fn(async () => ok({ challenge: 'GO LIVE 1234', expiresAt: NY_10_42_13 + 60_000 })),
    confirmLiveMode: vi.fn(stateReply({ status: 'live', executionMode: 'live' })),
    setPaperMode: vi.fn(stateReply({ status: 'paper', executionMode: 'paper' })),
    setBrokerCredentials: vi.fn(async () =>
      ok({ ...data.state.brokers, keys: { ...data.state.brokers.keys, paper: true } }),
    ),
    clearBrokerCredentials: vi.fn(async () => ok(data.state.brokers)),
    acknowledgeReconciliation: vi.fn(stateReply({})),
    onPush<P extends PushName>(name: P, listener: (payload: Pushes[P]) => void) {
      const set: Set<(payload: Pushes[P]) => void> = listeners[name];
      set.add(listener);
      return () => set.delete(listener);
    },
  } satisfies BotApi;
  const push = <P extends PushName>(name: P, payload: Pushes[P]) => {
    const set: Set<(payload: Pushes[P]) => void> = listeners[name];
    set.forEach((l) => l(payload));
  };
  return { api, push };
}

/** A transport over any api whose link state the test drives with `setConnection`. */
export function fakeTransport(api: BotApi, initial: ConnectionInfo = OPEN) {
  let info = initial;
  const listeners = new Set<ConnectionListener>();
  const transport: Transport = {
    api,
    onConnection(listener) {
      listeners.add(listener);
      listener(info);
      return () => listeners.delete(listener);
    },
    close: () => undefined,
  };
  const setConnection = (next: ConnectionInfo) => {
    info = next;
    listeners.forEach((l) => l(info));
  };
  return { transport, setConnection };
}

export const OPEN: ConnectionInfo = { phase: 'open', everOpened: true, failures: 0, retryAt: null };
export const CONNECTING: ConnectionInfo = { phase: 'connecting', everOpened: false, failures: 0, retryAt: null };
