import type { CloudView } from '../../src-main/engine/cloud-view';
import type { Bar, Timeframe } from '../../src-shared/market';
import { CLOUD_NAMES, type CloudName, type CloudStates } from '../../src-shared/signals';

/** A cloud as [short EMA, long EMA]; bullish when short ≥ long. */
export type CloudPair = readonly [short: number, long: number];

/** What one ticker/timeframe shows: some clouds, the last closed bar, the ATR. */
export interface FrameData extends Partial<Record<CloudName, CloudPair>> {
  bar?: Partial<Omit<Bar, 'ticker' | 'timeframe'>> & { close: number };
  atr?: number;
}

/** Frames keyed 'TICKER timeframe', e.g. { 'SPY 1m': { fast: [501, 500], atr: 0.4 } }. */
export type ViewData = Record<string, FrameData>;

/**
 * A CloudView over plain data: a frame's clouds exist when any cloud is given (the others
 * null, as before their EMAs are seeded); its bar has open/high/low defaulting to the close.
 */
export class FakeCloudView implements CloudView {
  constructor(private readonly data: ViewData) {}

  clouds(ticker: string, timeframe: Timeframe): CloudStates | null {
    const frame = this.data[`${ticker} ${timeframe}`];
    if (!frame || !CLOUD_NAMES.some((name) => frame[name])) return null;
    const states = {} as CloudStates;
    for (const name of CLOUD_NAMES) {
      const pair = frame[name];
      states[name] = pair ? { short: pair[0], long: pair[1], bullish: pair[0] >= pair[1] } : null;
    }
    return states;
  }

  lastBar(ticker: string, timeframe: Timeframe): Bar | null {
    const bar = this.data[`${ticker} ${timeframe}`]?.bar;
    if (!bar) return null;
    const { close } = bar;
    return { ticker, timeframe, time: 0, open: close, high: close, low: close, volume: 0, ...bar };
  }

  atr(ticker: string, timeframe: Timeframe): number | null {
    return this.data[`${ticker} ${timeframe}`]?.atr ?? null;
  }
}
