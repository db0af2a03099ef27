import type { BrokerView } from './broker-view';
import type { MarketClock } from './market';
import type { Greeks, Position, ScalpPosition } from './positions';
import type { TradeSignal } from './signals';

export const BOT_STATUSES = ['live', 'paper', 'paused', 'killed', 'stopped'] as const;
/** 'live' / 'paper': running in that execution mode; 'stopped': before Start. */
export type BotStatus = (typeof BOT_STATUSES)[number];

export const EXECUTION_MODES = ['paper', 'live'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

export const INSTRUMENT_MODES = ['options', 'leveraged_etf', 'both'] as const;
export type InstrumentMode = (typeof INSTRUMENT_MODES)[number];

export type DataFeedStatus = 'connected' | 'delayed' | 'disconnected';

/**
 * The bot's state, rebuilt on every tick and pushed to every front end.
 * Units: every `*Pct` field is in percent (2.4 means 2.4 %); `winRate` and
 * `maxDrawdownToday` are fractions (0.68, −0.018). Times are epoch ms (UTC) or null.
 */
export interface BotState {
  status: BotStatus;
  instrumentMode: InstrumentMode;
  uptimeSeconds: number;
  accountEquity: number;
  /** Today's starting equity. */
  startingEquity: number;
  dailyPnl: number;
  dailyPnlPct: number;
  unrealizedPnl: number;
  realizedPnl: number;
  openPositions: Position[];
  openScalps: ScalpPosition[];
  pendingSignals: TradeSignal[];
  totalTradesToday: number;
  winningTrades: number;
  losingTrades: number;
  winRate: number;
  currentExposurePct: number;
  maxDrawdownToday: number;
  killSwitchActive: boolean;
  lastSignalTime: number | null;
  lastTradeTime: number | null;
  activeBroker: string;
  dataFeedStatus: DataFeedStatus;
  /** Recent error messages, newest first. */
  errors: string[];

  executionMode: ExecutionMode;
  sessionId: string | null;
  marketClock: MarketClock;
  /** True when the market data is simulated (synthetic feed), shown as SIMULATED. */
  simulated: boolean;
  /** Share of the daily loss limit used, in percent (100 = limit reached). */
  dailyLossLimitUsedPct: number;
  /** Aggregate Greeks over open option scalps. */
  greeksExposure: Greeks;
  /** Why the bot is paused or killed, when it is. */
  statusReason: string | null;
  /** Primary / fallback brokers, keys present (never the keys), connection, reconciliation. */
  brokers: BrokerView;
}
