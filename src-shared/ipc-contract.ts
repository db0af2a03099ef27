import { z } from 'zod';
import { EXECUTION_MODES, INSTRUMENT_MODES, type BotState } from './bot-state';
import type { BotConfig } from './config-schema';
import type { DashboardData } from './dashboard-data';
import { EVENT_TYPES, SEVERITIES, type BotEvent } from './events';
import { TIMEFRAMES } from './market';
import { SIGNAL_TYPES, type TradeSignal } from './signals';
import type { ChartData, BarUpdate } from './chart-data';
import type { PerformanceReport } from './performance';
import type { Alert } from './alerts';
import type { CommandResult } from './command-result';
import type { ConfigDiffEntry } from './config-patch';
import type { TabId } from './tabs';
import type { BrokerView } from './broker-view';
import { channelOf, PUSH_NAMES, type PushName } from './ipc-names';

const empty = z.strictObject({}).default({});

/**
 * Request schemas of every command, keyed by channel name. Both bridges (Electron IPC and
 * the headless WebSocket) validate payloads with these before the controller sees them.
 */
export const commandSchemas = {
  start: z
    .strictObject({
      executionMode: z.enum(EXECUTION_MODES).default('paper'),
      instrumentMode: z.enum(INSTRUMENT_MODES).optional(),
    })
    .default({ executionMode: 'paper' }),
  stop: empty,
  pause: empty,
  resume: empty,
  kill: z
    .strictObject({
      closeDayTrades: z.boolean().default(true),
      /** Also flatten swing positions ("Kill and flatten all"). */
      flattenAll: z.boolean().default(false),
    })
    .default({ closeDayTrades: true, flattenAll: false }),
  resetKill: z.strictObject({ reason: z.string().trim().min(3, 'say why the kill switch is being reset').max(500) }),
  setInstrumentMode: z.strictObject({ mode: z.enum(INSTRUMENT_MODES) }),
  updateConfig: z.strictObject({
    patch: z.record(z.string(), z.unknown()),
    /** Needed while live when the patch loosens a risk limit (DESIGN §3). */
    confirmRiskLoosening: z.boolean().default(false),
  }),
  getState: empty,
  getDashboardData: empty,
  getConfig: empty,
  queryEvents: z
    .strictObject({
      eventType: z.enum(EVENT_TYPES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      sessionId: z.string().max(50).optional(),
      text: z.string().max(200).optional(),
      since: z.number().int().optional(),
      until: z.number().int().optional(),
      beforeId: z.number().int().optional(),
      limit: z.number().int().min(1).max(5000).default(100),
    })
    .default({ limit: 100 }),
  getChartData: z.strictObject({
    ticker: z.string().min(1).max(32),
    timeframe: z.enum(TIMEFRAMES),
    limit: z.number().int().min(1).max(50_000).default(2000),
  }),
  getSignals: z
    .strictObject({
      ticker: z.string().min(1).max(32).optional(),
      timeframe: z.enum(TIMEFRAMES).optional(),
      type: z.enum(SIGNAL_TYPES).optional(),
      direction: z.enum(['long', 'short']).optional(),
      minConviction: z.number().min(0).max(100).optional(),
      maxConviction: z.number().min(0).max(100).optional(),
      limit: z.number().int().min(1).max(5000).default(200),
    })
    .default({ limit: 200 }),
  getPerformance: z
    .strictObject({ since: z.number().int().optional(), until: z.number().int().optional() })
    .default({}),
  closePosition: z.strictObject({ positionId: z.string().min(1).max(64) }),
  adjustStop: z.strictObject({ positionId: z.string().min(1).max(64), stopPrice: z.number().positive().finite() }),
  addToPosition: z.strictObject({
    positionId: z.string().min(1).max(64),
    quantity: z.number().int().positive().max(1_000_000),
  }),
  requestLiveMode: empty,
  confirmLiveMode: z.strictObject({ challenge: z.string().min(1).max(100) }),
  setPaperMode: empty,
  /** Stores a broker key pair in the keychain (desktop) or for the run (headless); never echoed back. */
  setBrokerCredentials: z.strictObject({
    account: z.enum(['paper', 'live']),
    keyId: z.string().trim().min(8, 'an Alpaca key id is at least 8 characters').max(128),
    secretKey: z.string().trim().min(8, 'an Alpaca secret key is at least 8 characters').max(256),
  }),
  clearBrokerCredentials: z.strictObject({ account: z.enum(['paper', 'live']) }),
  /** The user has seen the reconciliation differences and lets the bot trade anyway. */
  acknowledgeReconciliation: z.strictObject({
    reason: z.string().trim().min(3, 'say why trading may go on despite the differences').max(500),
  }),
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];

/** What each command returns on success. */
export interface CommandValues {
  start: BotState;
  stop: BotState;
  pause: BotState;
  resume: BotState;
  kill: BotState;
  resetKill: BotState;
  setInstrumentMode: BotState;
  updateConfig: { config: BotConfig; diff: ConfigDiffEntry[] };
  getState: BotState;
  getDashboardData: DashboardData;
  getConfig: BotConfig;
  queryEvents: BotEvent[];
  getChartData: ChartData;
  getSignals: TradeSignal[];
  getPerformance: PerformanceReport;
  closePosition: BotState;
  adjustStop: BotState;
  addToPosition: BotState;
  /** The phrase to type back within `expiresAt` to go live. */
  requestLiveMode: { challenge: string; expiresAt: number };
  confirmLiveMode: BotState;
  setPaperMode: BotState;
  setBrokerCredentials: BrokerView;
  clearBrokerCredentials: BrokerView;
  acknowledgeReconciliation: BotState;
}

/** The request a caller may send (defaults filled in by the schema). */
export type CommandRequest<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;
/** The request after validation, as the controller receives it. */
export type CommandPayload<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;

/** Main → renderer pushes. */
export interface Pushes {
  /** The full dashboard snapshot, coalesced to at most 4 per second. */
  dashboard: DashboardData;
  /** One new event, as soon as it is stored. */
  event: BotEvent;
  /** Bars that closed or changed since the last push (every ticker and timeframe), coalesced like snapshots. */
  bars: BarUpdate[];
  /** An alert for the dashboard (toast) and, when its channels say so, a sound. */
  alert: Alert;
  /** The shell asks the renderer to show a tab (application menu, a clicked notification). */
  navigate: { tab: TabId };
}
// Pushes must name exactly the zod-free PUSH_NAMES: this line stops compiling otherwise.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
true satisfies SameKeys<PushName, keyof Pushes>;
export { PUSH_NAMES, type PushName };

/** The object the renderer talks to: one function per command, plus push subscriptions. */
export type BotApi = {
  [K in CommandName]: (request?: CommandRequest<K>) => Promise<CommandResult<CommandValues[K]>>;
} & {
  onPush<P extends PushName>(name: P, listener: (payload: Pushes[P]) => void): () => void;
};

export { channelOf };
