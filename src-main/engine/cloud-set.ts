import type { BotConfig } from '../../src-shared/config-schema';
import type { Bar } from '../../src-shared/market';
import type { CloudState, CloudStates } from '../../src-shared/signals';
import { EMA_STRIDE, emaInit, emaUpdate } from './ema';

export type CloudsConfig = BotConfig['clouds'];
/** The prices of a bar the clouds read. */
export type CloudSource = Pick<Bar, 'high' | 'low' | 'close'>;

function cloudState(short: number, long: number): CloudState | null {
  // The short EMA seeds first (short < long), so the long one decides.
  return Number.isNaN(long) ? null : { short, long, bullish: short >= long };
}

/** Doubles a CloudSet keeps in its store: 8 EMAs. */
export const CLOUD_SET_STRIDE = 8 * EMA_STRIDE;

// Module-local copies of hot imports (a CommonJS build reads imports through getters).
const S = EMA_STRIDE;
const commit = emaUpdate;

/**
 * The four EMA clouds of DESIGN §2 (fast, pullback, trend, macro) on one ticker and timeframe,
 * over hl2 (default) or close. A cloud is null until its long EMA is seeded. The eight EMAs live
 * in one Float64Array (short/long of fast, pullback, trend, macro).
 */
export class CloudSet {
  private readonly useClose: boolean;
  private readonly emas: Float64Array;
  /** Where the eight EMAs start in `emas`. */
  private readonly at: number;
  private readonly fastShort: number;
  private readonly fastLong: number;
  private readonly pullbackShort: number;
  private readonly pullbackLong: number;
  private readonly trendShort: number;
  private readonly trendLong: number;
  private readonly macroShort: number;
  private readonly macroLong: number;

  /**
   * @param store where to keep the EMAs (CLOUD_SET_STRIDE doubles from `offset`), e.g. next to
   * other numbers of the same series; default a Float64Array of its own
   */
  constructor(config: CloudsConfig, store: Float64Array = new Float64Array(CLOUD_SET_STRIDE), offset = 0) {
    if (offset < 0 || offset + CLOUD_SET_STRIDE > store.length) throw new RangeError('CloudSet store too small');
    this.useClose = config.source === 'close';
    this.emas = store;
    this.at = offset;
    const periods = [config.fast, config.pullback, config.trend, config.macro].flatMap((p) => [p.short, p.long]);
    periods.forEach((period, i) => emaInit(store, offset + i * EMA_STRIDE, period));
    [
      this.fastShort,
      this.fastLong,
      this.pullbackShort,
      this.pullbackLong,
      this.trendShort,
      this.trendLong,
      this.macroShort,
      this.macroLong,
    ] = periods as [number, number, number, number, number, number, number, number];
  }

  /** The price the EMAs follow: (high + low) / 2 or close. */
  source(bar: CloudSource): number {
    return this.useClose ? bar.close : (bar.high + bar.low) / 2;
  }

  /** Commits a closed bar and returns the clouds at it. */
  update(bar: CloudSource): CloudStates {
    return this.step(this.emas, this.at, this.source(bar));
  }

  /** The clouds if `bar` (a forming bar) closed now; commits nothing (steps a copy of the EMAs). */
  peek(bar: CloudSource): CloudStates {
    const copy = this.emas.slice(this.at, this.at + CLOUD_SET_STRIDE);
    return this.step(copy, 0, this.source(bar));
  }

  /** Steps the eight EMAs stored at `s[o …]` with `x` and reads the clouds off them. */
  private step(s: Float64Array, o: number, x: number): CloudStates {
    return {
      fast: cloudState(commit(s, o, this.fastShort, x), commit(s, o + S, this.fastLong, x)),
      pullback: cloudState(commit(s, o + 2 * S, this.pullbackShort, x), commit(s, o + 3 * S, this.pullbackLong, x)),
      trend: cloudState(commit(s, o + 4 * S, this.trendShort, x), commit(s, o + 5 * S, this.trendLong, x)),
      macro: cloudState(commit(s, o + 6 * S, this.macroShort, x), commit(s, o + 7 * S, this.macroLong, x)),
    };
  }
}
