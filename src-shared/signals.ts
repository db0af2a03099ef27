import type { Timeframe } from './market';
import type { Direction } from './positions';

export const SIGNAL_TYPES = [
  'CLOUD_CROSS_BULLISH',
  'CLOUD_CROSS_BEARISH',
  'CLOUD_FLIP_BULLISH',
  'CLOUD_FLIP_BEARISH',
  'CLOUD_BOUNCE_LONG',
  'CLOUD_BOUNCE_SHORT',
  'MTF_CONFLUENCE',
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const CLOUD_NAMES = ['fast', 'pullback', 'trend', 'macro'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** One cloud's reading at a bar: its two EMAs and whether it is bullish (short ≥ long). */
export interface CloudState {
  short: number;
  long: number;
  bullish: boolean;
}

/** The four clouds of one ticker and timeframe; a cloud is null until its long EMA is seeded. */
export type CloudStates = Record<CloudName, CloudState | null>;

export const SIGNAL_OUTCOMES = ['PENDING', 'EXECUTED', 'EXECUTED_HALF', 'LOGGED_ONLY', 'SKIPPED'] as const;
export type SignalOutcome = (typeof SIGNAL_OUTCOMES)[number];

/** A signal from the EMA-cloud engine and what became of it. Times are epoch ms. */
export interface TradeSignal {
  id: string;
  ticker: string;
  timeframe: Timeframe;
  type: SignalType;
  direction: Direction;
  /** 0–100, per DESIGN §2. */
  conviction: number;
  price: number;
  time: number;
  clouds: CloudStates;
  outcome: SignalOutcome;
  /** Why a signal was skipped (paused, risk limit, cooldown, market closed, killed…). */
  skipReason: string | null;
}
