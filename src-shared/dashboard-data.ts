import type { BotState } from './bot-state';
import type { BotEvent } from './events';
import type { TradeSignal } from './signals';
import type { TickerSummary } from './chart-data';
import type { DailyMetrics } from './performance';
import type { TradeRecord } from './trades';

/** One point of the intraday P&L curve. `time` is epoch ms. */
export interface PnlPoint {
  time: number;
  pnl: number;
}

/** Everything the dashboard shows at once: state plus its recent history. */
export interface DashboardData {
  state: BotState;
  intradayPnl: PnlPoint[];
  recentSignals: TradeSignal[];
  recentEvents: BotEvent[];
  /** Today's closed trades, newest first. */
  recentTrades: TradeRecord[];
  /** Today's metrics (PRD DailyMetrics); null before the first trade. */
  todayMetrics: DailyMetrics | null;
  /** The scan universe with each ticker's clouds per timeframe. */
  universe: TickerSummary[];
}
