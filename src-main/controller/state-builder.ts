import type { BrokerView } from '../../src-shared/broker-view';
import type { BotState, BotStatus, DataFeedStatus, ExecutionMode, InstrumentMode } from '../../src-shared/bot-state';
import type { MarketClock } from '../../src-shared/market';
import type { Greeks, Position, ScalpPosition } from '../../src-shared/positions';
import type { TradeSignal } from '../../src-shared/signals';

/** What the controller knows at one instant, from which BotState is derived. */
export interface StateInputs {
  status: BotStatus;
  statusReason: string | null;
  executionMode: ExecutionMode;
  instrumentMode: InstrumentMode;
  sessionId: string | null;
  startedAtWall: number | null;
  wallNow: number;
  equity: number;
  startingEquity: number;
  realizedPnl: number;
  openPositions: Position[];
  openScalps: ScalpPosition[];
  pendingSignals: TradeSignal[];
  winningTrades: number;
  losingTrades: number;
  scratchTrades: number;
  /** Highest equity seen today, for the intraday drawdown. */
  peakEquityToday: number;
  maxDrawdownToday: number;
  lastSignalTime: number | null;
  lastTradeTime: number | null;
  activeBroker: string;
  dataFeedStatus: DataFeedStatus;
  errors: string[];
  marketClock: MarketClock;
  simulated: boolean;
  dailyLossLimitPct: number;
  brokers: BrokerView;
}

const ZERO_GREEKS: Greeks = { delta: 0, gamma: 0, theta: 0, vega: 0 };

function sumGreeks(scalps: readonly ScalpPosition[]): Greeks {
  return scalps.reduce<Greeks>(
    (acc, s) => {
      const k = s.quantity * 100;
      return {
        delta: acc.delta + s.greeks.delta * k,
        gamma: acc.gamma + s.greeks.gamma * k,
        theta: acc.theta + s.greeks.theta * k,
        vega: acc.vega + s.greeks.vega * k,
      };
    },
    { ...ZERO_GREEKS },
  );
}

function marketValue(p: Position): number {
  const multiplier = p.instrumentType === 'option' ? 100 : 1;
  return Math.abs(p.quantity * p.currentPrice * multiplier);
}

/** Derives the BotState (units per DESIGN §3) from the controller's inputs. */
export function buildBotState(i: StateInputs): BotState {
  const unrealizedPnl = [...i.openPositions, ...i.openScalps].reduce((s, p) => s + p.unrealizedPnl, 0);
  const dailyPnl = i.equity - i.startingEquity;
  const totalTrades = i.winningTrades + i.losingTrades + i.scratchTrades;
  const exposure = [...i.openPositions, ...i.openScalps].reduce((s, p) => s + marketValue(p), 0);
  const lossLimit = (i.startingEquity * i.dailyLossLimitPct) / 100;
  return {
    status: i.status,
    instrumentMode: i.instrumentMode,
    uptimeSeconds: i.startedAtWall === null ? 0 : Math.max(0, Math.floor((i.wallNow - i.startedAtWall) / 1000)),
    accountEquity: i.equity,
    startingEquity: i.startingEquity,
    dailyPnl,
    dailyPnlPct: i.startingEquity > 0 ? (dailyPnl / i.startingEquity) * 100 : 0,
    unrealizedPnl,
    realizedPnl: i.realizedPnl,
    openPositions: i.openPositions,
    openScalps: i.openScalps,
    pendingSignals: i.pendingSignals,
    totalTradesToday: totalTrades,
    winningTrades: i.winningTrades,
    losingTrades: i.losingTrades,
    winRate: totalTrades > 0 ? i.winningTrades / totalTrades : 0,
    currentExposurePct: i.equity > 0 ? (exposure / i.equity) * 100 : 0,
    maxDrawdownToday: i.maxDrawdownToday,
    killSwitchActive: i.status === 'killed',
    lastSignalTime: i.lastSignalTime,
    lastTradeTime: i.lastTradeTime,
    activeBroker: i.activeBroker,
    dataFeedStatus: i.dataFeedStatus,
    errors: i.errors,
    executionMode: i.executionMode,
    sessionId: i.sessionId,
    marketClock: i.marketClock,
    simulated: i.simulated,
    dailyLossLimitUsedPct: lossLimit > 0 ? Math.max(0, (-dailyPnl / lossLimit) * 100) : 0,
    greeksExposure: sumGreeks(i.openScalps),
    statusReason: i.statusReason,
    brokers: i.brokers,
  };
}
