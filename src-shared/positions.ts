import type { Timeframe } from './market';
import type { SignalType } from './signals';

export type InstrumentType = 'stock' | 'option' | 'leveraged_etf';
export type TradeType = 'day' | 'swing' | 'options_scalp' | 'etf_scalp';
export type Direction = 'long' | 'short';

/** An open stock or leveraged-ETF position (shares). */
export interface Position {
  id: string;
  ticker: string;
  instrumentType: InstrumentType;
  tradeType: TradeType;
  direction: Direction;
  quantity: number;
  entryPrice: number;
  currentPrice: number;
  /** Epoch ms of the first fill. */
  entryTime: number;
  unrealizedPnl: number;
  unrealizedPnlPct: number;
  stopPrice: number | null;
  targetPrice: number | null;
  /** Whether the position's cloud (fast cloud on its timeframe) still agrees with its direction. */
  cloudAligned: boolean;
  timeframe: Timeframe;
  /** Leverage factor, 1 for plain stocks, 3 for 3x ETFs. */
  leverage: number;
  /** For ETF scalps and options: the underlying whose clouds drive the exit. */
  underlying: string | null;
  /** The signal that opened the position (null for manual entries). */
  signalId: string | null;
  signalType: SignalType | null;
  conviction: number | null;
  /** Realized P&L of partial exits so far, net of commissions. */
  realizedPnl: number;
}

export type OptionRight = 'call' | 'put';

/** Option Greeks, per contract or aggregated over positions (scaled by quantity × 100). */
export interface Greeks {
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
}

/** An open options scalp (long premium only). Prices are per share of premium. */
export interface ScalpPosition extends Position {
  instrumentType: 'option';
  tradeType: 'options_scalp';
  /** OCC symbol, e.g. SPY261124C00600000. */
  contractSymbol: string;
  right: OptionRight;
  strike: number;
  /** Expiry, epoch ms (16:00 ET of the expiry date). */
  expiry: number;
  dte: number;
  greeks: Greeks;
  /** Profit target and stop as percentages of entry premium (30 means +30 %). */
  targetPct: number;
  stopPct: number;
}
