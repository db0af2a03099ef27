import type { Bar, Timeframe } from './market';
import type { Direction } from './positions';
import type { CloudName, SignalType } from './signals';

/** The two EMAs of one cloud at one bar. */
export interface CloudPair {
  short: number;
  long: number;
}

/** The four clouds at one bar's time; a cloud is null until its long EMA is seeded. */
export interface CloudPoint {
  time: number;
  clouds: Record<CloudName, CloudPair | null>;
}

/** A marker on the price chart: a signal, or a position's entry or exit. */
export interface ChartMarker {
  time: number;
  kind: 'signal' | 'entry' | 'exit';
  direction: Direction;
  /** Short text, e.g. "CROSS 82" or "EXIT +$84". */
  label: string;
  signalType?: SignalType;
}

/** A horizontal line for an open position: its entry, stop or target. */
export interface PriceLine {
  positionId: string;
  kind: 'entry' | 'stop' | 'target';
  price: number;
}

/** Everything one cloud chart draws for a ticker and timeframe, oldest bar first. */
export interface ChartData {
  ticker: string;
  timeframe: Timeframe;
  bars: Bar[];
  /** One point per bar, same order and times as `bars`. */
  clouds: CloudPoint[];
  markers: ChartMarker[];
  priceLines: PriceLine[];
  /** The forming (not yet closed) bar with its provisional clouds, if any. */
  forming: { bar: Bar; clouds: CloudPoint } | null;
}

/** A live chart update: a bar that closed, or the forming bar as it changes. */
export interface BarUpdate {
  bar: Bar;
  clouds: CloudPoint;
  closed: boolean;
}

export type CloudTrend = 'bullish' | 'bearish' | null;

/** One row of the scan universe: where a ticker stands on every timeframe. */
export interface TickerSummary {
  ticker: string;
  price: number | null;
  /** Change since the previous session's close, in percent. */
  changePct: number | null;
  /** Trend cloud per timeframe. */
  trend: Record<Timeframe, CloudTrend>;
  /** Fast cloud per timeframe. */
  fast: Record<Timeframe, CloudTrend>;
  /** Signed signal strength −100…100: the latest signal's conviction, negative when bearish. */
  strength: number;
  lastSignal: { type: SignalType; timeframe: Timeframe; conviction: number; time: number } | null;
  /** Whether today's scan kept the ticker (filters), with the reason when not. */
  scanned: boolean;
  scanNote: string | null;
}
