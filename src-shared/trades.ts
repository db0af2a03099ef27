import type { Direction, InstrumentType, TradeType } from './positions';
import type { SignalType } from './signals';

/** A closed trade. Times are epoch ms (UTC); `pnl` is net of commissions. */
export interface TradeRecord {
  id: string;
  ticker: string;
  instrumentType: InstrumentType;
  tradeType: TradeType;
  direction: Direction;
  quantity: number;
  entryPrice: number;
  exitPrice: number;
  entryTime: number;
  exitTime: number;
  pnl: number;
  pnlPct: number;
  signalType: SignalType | null;
  conviction: number | null;
  timeframe: string;
}
