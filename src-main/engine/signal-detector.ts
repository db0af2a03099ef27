import type { BotConfig } from '../../src-shared/config-schema';
import { TIMEFRAMES } from '../../src-shared/market';
import type { Direction } from '../../src-shared/positions';
import type { CloudState, SignalType, TradeSignal } from '../../src-shared/signals';
import { SIGNAL_TYPES } from '../../src-shared/signals';
import { timeframeIndex } from './bar-sessions';
import type { CloudView } from './cloud-view';
import { convictionOf } from './conviction';
import type { ClosedBar } from './market-state';

// Module-local copies of hot imports (a CommonJS build reads imports through getters).
const tfIndexOf = timeframeIndex;
const scoreOf = convictionOf;
const TYPE_COUNT = SIGNAL_TYPES.length;
const TYPE_INDEX = Object.fromEntries(SIGNAL_TYPES.map((type, i) => [type, i])) as Record<SignalType, number>;

/**
 * A CloudView that also gives the trend clouds' colours cheaply (MarketState does): per
 * timeframe in TIMEFRAMES order, 1 bullish, −1 bearish, 0 not seeded; the same answer as
 * clouds(ticker, timeframe)?.trend.
 */
export interface TrendBiasView extends CloudView {
  trendBiases(ticker: string): ArrayLike<number> | null;
}

const NO_BIASES: ArrayLike<number> = new Int8Array(TIMEFRAMES.length);

/** What the detector remembers per ticker. */
class TickerSignals {
  /** Closed bars seen per timeframe (by timeframeIndex). */
  readonly bars = new Float64Array(TIMEFRAMES.length);
  /** Bar number of the last signal per timeframe × type. */
  readonly lastFired = new Float64Array(TIMEFRAMES.length * TYPE_COUNT).fill(Number.NEGATIVE_INFINITY);
  /** Trend-cloud agreement at the previous confluence evaluation: 1 bullish, −1 bearish, 0 none. */
  confluence = 0;
}

const top = (cloud: CloudState): number => Math.max(cloud.short, cloud.long);
const bottom = (cloud: CloudState): number => Math.min(cloud.short, cloud.long);

/**
 * The signals of DESIGN §2, evaluated on every closed bar of every configured timeframe, per ticker:
 * - CLOUD_CROSS_BULLISH / _BEARISH: the fast cloud changes colour from the previous bar.
 * - CLOUD_FLIP_BULLISH / _BEARISH: the previous close was at or below the top (at or above the
 *   bottom) of the previous bar's trend cloud and this close is above its top (below its bottom);
 *   top/bottom = max/min of the cloud's two EMAs.
 * - CLOUD_BOUNCE_LONG / _SHORT: close above the trend cloud's top and the fast cloud bullish, the
 *   low reaches the pullback cloud (low ≤ its top) and the close ends above it (mirror for short).
 * - MTF_CONFLUENCE: on each close of the lowest configured timeframe, the trend clouds of at
 *   least confluenceMinTimeframes of confluenceTimeframes agree (a side with more agreeing than
 *   the other) and did not, or agreed on the other side, at the previous evaluation.
 * Cooldown: a ticker/type/timeframe that fired on bar n does not fire on bars n+1 … n+cooldownBars
 * of that timeframe (those signals are not emitted).
 */
export class SignalDetector {
  private readonly signals: BotConfig['signals'];
  private readonly lowest: number;
  /** Indexes (TIMEFRAMES order) of the confluence timeframes. */
  private readonly confluenceAt: Int32Array;
  /** Indexes of the other configured timeframes, by the signal's timeframe index (for conviction). */
  private readonly others: readonly Int32Array[];
  /** Trend colours read off a view without trendBiases. */
  private readonly scratch = new Int8Array(TIMEFRAMES.length);
  private readonly tickers = new Map<string, TickerSignals>();

  constructor(config: BotConfig) {
    this.signals = config.signals;
    const configured = TIMEFRAMES.filter((tf) => config.clouds.timeframes.includes(tf));
    this.lowest = configured.length > 0 ? tfIndexOf(configured[0]!) : -1;
    this.confluenceAt = Int32Array.from(config.signals.confluenceTimeframes, tfIndexOf);
    this.others = TIMEFRAMES.map((self) =>
      Int32Array.from(
        configured.filter((tf) => tf !== self),
        tfIndexOf,
      ),
    );
  }

  /** Signals on the bars that just closed for `ticker` (MarketState.onBar's result); `view` is that MarketState. */
  onClosedBars(ticker: string, closed: readonly ClosedBar[], view: CloudView): TradeSignal[] {
    const out: TradeSignal[] = [];
    if (closed.length === 0) return out;
    let state = this.tickers.get(ticker);
    if (state === undefined) {
      state = new TickerSignals();
      this.tickers.set(ticker, state);
    }
    for (let i = 0; i < closed.length; i++) this.evaluate(ticker, state, closed[i]!, view, out);
    return out;
  }

  /** Forgets cooldowns and confluence state. */
  reset(): void {
    this.tickers.clear();
  }

  private evaluate(ticker: string, state: TickerSignals, c: ClosedBar, view: CloudView, out: TradeSignal[]): void {
    const tfIndex = tfIndexOf(c.bar.timeframe);
    const n = ++state.bars[tfIndex]!;
    const { clouds, prevClouds, bar } = c;
    const close = bar.close;
    const fast = clouds.fast;
    const trend = clouds.trend;

    const prevFast = prevClouds === null ? null : prevClouds.fast;
    if (fast !== null && prevFast !== null && fast.bullish !== prevFast.bullish) {
      const long = fast.bullish;
      this.fire(ticker, state, c, n, long ? 'CLOUD_CROSS_BULLISH' : 'CLOUD_CROSS_BEARISH', long, view, out);
    }

    const prevTrend = prevClouds === null ? null : prevClouds.trend;
    const prevClose = c.prevClose;
    if (trend !== null && prevTrend !== null && prevClose !== null) {
      if (prevClose <= top(prevTrend) && close > top(trend))
        this.fire(ticker, state, c, n, 'CLOUD_FLIP_BULLISH', true, view, out);
      else if (prevClose >= bottom(prevTrend) && close < bottom(trend))
        this.fire(ticker, state, c, n, 'CLOUD_FLIP_BEARISH', false, view, out);
    }

    const pullback = clouds.pullback;
    if (trend !== null && fast !== null && pullback !== null) {
      if (fast.bullish && close > top(trend) && bar.low <= top(pullback) && close > top(pullback))
        this.fire(ticker, state, c, n, 'CLOUD_BOUNCE_LONG', true, view, out);
      else if (!fast.bullish && close < bottom(trend) && bar.high >= bottom(pullback) && close < bottom(pullback))
        this.fire(ticker, state, c, n, 'CLOUD_BOUNCE_SHORT', false, view, out);
    }

    if (tfIndex === this.lowest) {
      const side = this.confluenceSide(this.biases(ticker, view));
      const previous = state.confluence;
      state.confluence = side;
      if (side !== 0 && side !== previous) this.fire(ticker, state, c, n, 'MTF_CONFLUENCE', side > 0, view, out);
    }
  }

  /** 1 when enough confluence timeframes have a bullish trend cloud (more than bearish), −1 bearish, else 0. */
  private confluenceSide(biases: ArrayLike<number>): number {
    let bullish = 0;
    let bearish = 0;
    const at = this.confluenceAt;
    for (let i = 0; i < at.length; i++) {
      const bias = biases[at[i]!]!;
      if (bias > 0) bullish++;
      else if (bias < 0) bearish++;
    }
    const min = this.signals.confluenceMinTimeframes;
    if (bullish >= min && bullish > bearish) return 1;
    if (bearish >= min && bearish > bullish) return -1;
    return 0;
  }

  /** Trend colours of `ticker` per timeframe: the view's own when it keeps them, else read off its clouds. */
  private biases(ticker: string, view: CloudView | TrendBiasView): ArrayLike<number> {
    if ('trendBiases' in view) return view.trendBiases(ticker) ?? NO_BIASES;
    const scratch = this.scratch;
    TIMEFRAMES.forEach((tf, i) => {
      const trend = view.clouds(ticker, tf)?.trend;
      scratch[i] = trend ? (trend.bullish ? 1 : -1) : 0;
    });
    return scratch;
  }

  private fire(
    ticker: string,
    state: TickerSignals,
    c: ClosedBar,
    n: number,
    type: SignalType,
    long: boolean,
    view: CloudView,
    out: TradeSignal[],
  ): void {
    const { bar } = c;
    const slot = tfIndexOf(bar.timeframe) * TYPE_COUNT + TYPE_INDEX[type];
    if (n - state.lastFired[slot]! <= this.signals.cooldownBars) return;
    state.lastFired[slot] = n;
    const direction: Direction = long ? 'long' : 'short';
    const others = this.others[tfIndexOf(bar.timeframe)]!;
    const biases = this.biases(ticker, view);
    const want = long ? 1 : -1;
    let agreeing = 0;
    for (let i = 0; i < others.length; i++) if (biases[others[i]!] === want) agreeing++;
    out.push({
      id: `${ticker}-${bar.timeframe}-${type}-${bar.time}`,
      ticker,
      timeframe: bar.timeframe,
      type,
      direction,
      conviction: scoreOf(
        { direction, clouds: c.clouds, close: bar.close, volume: bar.volume, avgVolume20: c.avgVolume20 },
        agreeing,
        others.length,
      ),
      price: bar.close,
      time: c.closeTime,
      clouds: c.clouds,
      outcome: 'PENDING',
      skipReason: null,
    });
  }
}
