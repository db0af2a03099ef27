import type { BotState } from './bot-state';
import type { BotEvent } from './events';
import type { TradeSignal } from './signals';

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
}
