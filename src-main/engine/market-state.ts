import type { CloudTrend } from '../../src-shared/chart-data';
import type { BotConfig } from '../../src-shared/config-schema';
import type { Bar, Timeframe } from '../../src-shared/market';
import { TIMEFRAMES } from '../../src-shared/market';
import type { CloudState, CloudStates } from '../../src-shared/signals';
import { ATR_STRIDE, atrInit, atrUpdate } from './atr';
import { BarAggregator } from './bar-aggregator';
import { MINUTE_MS, SessionLocator, timeframeIndex } from './bar-sessions';
import { CLOUD_SET_STRIDE, CloudSet } from './cloud-set';
import type { CloudView } from './cloud-view';

// Module-local copies of hot imports (a CommonJS build reads imports through getters).
const MINUTE = MINUTE_MS;
const tfIndexOf = timeframeIndex;
const atrStep = atrUpdate;

/** Bars in the volume average handed to conviction (DESIGN §2: 20-bar average volume). */
export const VOLUME_AVERAGE_BARS = 20;
/** Wilder's ATR period. */
export const ATR_PERIOD = 14;

/** A bar of one timeframe that has just closed, with the indicator state at it. */
export interface ClosedBar {
  bar: Bar;
  /** End of the bar's interval (epoch ms): open + duration, the session close for 1d and the last hour. */
  closeTime: number;
  clouds: CloudStates;
  /** Clouds at the previous bar of this timeframe; null for the first. */
  prevClouds: CloudStates | null;
  /** Close of the previous bar of this timeframe; null for the first. */
  prevClose: number | null;
  /** Mean volume of the 20 bars before this one on this timeframe; null until there are 20. */
  avgVolume20: number | null;
  /** Wilder's ATR(14) including this bar; null until 14 bars are in. */
  atr: number | null;
}

/** One timeframe of a ticker in the dashboard's scan table. */
export interface TimeframeSummary {
  trend: CloudTrend;
  fast: CloudTrend;
  lastClose: number | null;
}

const trendOf = (cloud: CloudState | null): CloudTrend =>
  cloud === null ? null : cloud.bullish ? 'bullish' : 'bearish';

/**
 * Layout of a series' numbers in one Float64Array: the clouds' EMAs, the ATR, the ring of the
 * last 20 volumes, then scalars.
 */
const CLOUDS_AT = 0;
const ATR_AT = CLOUDS_AT + CLOUD_SET_STRIDE;
const VOLUMES_AT = ATR_AT + ATR_STRIDE;
const VOLUME_COUNT = VOLUMES_AT + VOLUME_AVERAGE_BARS;
/** End of the last closed bar's interval. */
const CLOSED_UNTIL = VOLUME_COUNT + 1;
const SERIES_STRIDE = CLOSED_UNTIL + 1;

/** Indicator state of one ticker on one timeframe. */
class Series {
  private readonly numbers = new Float64Array(SERIES_STRIDE);
  readonly clouds: CloudSet;
  lastBar: Bar | null = null;
  states: CloudStates | null = null;

  constructor(config: BotConfig['clouds']) {
    this.clouds = new CloudSet(config, this.numbers, CLOUDS_AT);
    atrInit(this.numbers, ATR_AT, ATR_PERIOD);
    this.numbers[CLOSED_UNTIL] = Number.NEGATIVE_INFINITY;
  }

  /** End of the last closed bar's interval (−∞ before any). */
  get closedUntil(): number {
    return this.numbers[CLOSED_UNTIL]!;
  }

  /** Wilder's ATR at the last closed bar; null until ATR_PERIOD bars are in. */
  get atr(): number | null {
    const atr = this.numbers[ATR_AT]!;
    return Number.isNaN(atr) ? null : atr;
  }

  close(bar: Bar, closeTime: number): ClosedBar {
    const s = this.numbers;
    const n = s[VOLUME_COUNT]!;
    let avgVolume20: number | null = null;
    if (n >= VOLUME_AVERAGE_BARS) {
      let sum = 0;
      for (let i = VOLUMES_AT; i < VOLUMES_AT + VOLUME_AVERAGE_BARS; i++) sum += s[i]!;
      avgVolume20 = sum / VOLUME_AVERAGE_BARS;
    }
    s[VOLUMES_AT + (n % VOLUME_AVERAGE_BARS)] = bar.volume;
    s[VOLUME_COUNT] = n + 1;
    s[CLOSED_UNTIL] = closeTime;

    const prevClouds = this.states;
    const prev = this.lastBar;
    const clouds = this.clouds.update(bar);
    const atr = atrStep(s, ATR_AT, ATR_PERIOD, bar.high, bar.low, bar.close);
    this.states = clouds;
    this.lastBar = bar;
    return {
      bar,
      closeTime,
      clouds,
      prevClouds,
      prevClose: prev === null ? null : prev.close,
      avgVolume20,
      atr: Number.isNaN(atr) ? null : atr,
    };
  }
}

class TickerState {
  readonly aggregator: BarAggregator;
  /** By timeframeIndex; null for timeframes not configured. */
  readonly series: (Series | null)[];
  /**
   * Trend-cloud colour at the last closed bar by timeframeIndex (1 bullish, −1 bearish, 0 none):
   * the same as series.states.trend, kept compact so a confluence check touches one cache line.
   */
  readonly trend = new Int8Array(TIMEFRAMES.length);

  constructor(ticker: string, sessions: SessionLocator, config: BotConfig['clouds']) {
    this.aggregator = new BarAggregator(ticker, sessions, config.timeframes);
    this.series = TIMEFRAMES.map((tf) => (config.timeframes.includes(tf) ? new Series(config) : null));
  }

  /** Closes `bar` on the timeframe at `index` (configured). */
  close(index: number, bar: Bar, closeTime: number): ClosedBar {
    const closed = this.series[index]!.close(bar, closeTime);
    const trend = closed.clouds.trend;
    this.trend[index] = trend === null ? 0 : trend.bullish ? 1 : -1;
    return closed;
  }
}

/**
 * Market state of the whole universe: per ticker, 1-minute bars aggregated into the configured
 * timeframes (config.clouds.timeframes), and on each timeframe the four EMA clouds, Wilder's ATR
 * and the 20-bar volume average. Implements CloudView for executors and the exit monitor.
 */
export class MarketState implements CloudView {
  private readonly config: BotConfig['clouds'];
  private readonly sessions: SessionLocator;
  private readonly tickers = new Map<string, TickerState>();
  /** The ticker of the last onBar/seed: CloudView reads right after it look it up for free. */
  private lastTicker = '';
  private lastState: TickerState | undefined = undefined;

  constructor(config: BotConfig) {
    this.config = config.clouds;
    this.sessions = new SessionLocator(config.schedule);
  }

  /**
   * Feeds one closed 1-minute bar. Returns every bar that closed with it on a configured
   * timeframe: 1m first, then the higher timeframes in TIMEFRAMES order (a bar left open by a gap
   * in the minutes comes before the current interval's). Minutes outside the regular session and
   * minutes not newer than the ticker's last one give [].
   */
  onBar(bar1m: Bar): ClosedBar[] {
    const ticker = this.tickerState(bar1m.ticker);
    const higher = ticker.aggregator.push(bar1m);
    if (higher === null) return [];
    const minute = ticker.series[0] ? ticker.close(0, bar1m, bar1m.time + MINUTE) : null;
    // Most minutes close only the 1m bar: an exact one-element array is the cheapest result.
    if (higher.length === 0) return minute === null ? [] : [minute];
    const out: ClosedBar[] = minute === null ? [] : [minute];
    for (let k = 0; k < higher.length; k++) {
      const bar = higher[k]!;
      out.push(ticker.close(tfIndexOf(bar.timeframe), bar, ticker.aggregator.closeTime(k)));
    }
    return out;
  }

  /**
   * Warm-up from the feed's own history at `timeframe`: closed bars, oldest first. Leaves the
   * indicators and the aggregator exactly where feeding the same bars would: 1m bars go through
   * onBar (so they also build the higher timeframes); a higher timeframe's bars update its
   * indicators as if they had closed, and later 1-minute bars of their intervals no longer count
   * toward it. Bars not newer than what the timeframe already has are skipped; timeframes not
   * configured are ignored.
   */
  seed(ticker: string, timeframe: Timeframe, bars: readonly Bar[]): void {
    let previous = Number.NEGATIVE_INFINITY;
    for (const bar of bars) {
      if (bar.ticker !== ticker || bar.timeframe !== timeframe)
        throw new RangeError(`seed(${ticker}, ${timeframe}) got a ${bar.ticker} ${bar.timeframe} bar`);
      if (!(bar.time > previous)) throw new RangeError(`seed(${ticker}, ${timeframe}): bars must be oldest first`);
      previous = bar.time;
    }
    if (timeframe === '1m') {
      for (const bar of bars) this.onBar(bar);
      return;
    }
    const state = this.tickerState(ticker);
    const index = tfIndexOf(timeframe);
    const series = state.series[index];
    if (!series) return;
    for (const bar of bars) {
      if (bar.time < series.closedUntil) continue;
      state.close(index, bar, state.aggregator.seeded(timeframe, bar));
    }
  }

  /** The bar of `timeframe` being built for `ticker`; null when none (always for 1m). */
  forming(ticker: string, timeframe: Timeframe): Bar | null {
    return this.tickers.get(ticker)?.aggregator.forming(timeframe) ?? null;
  }

  /**
   * Provisional clouds: as if the forming bar of `timeframe` closed now (nothing committed); the
   * last closed clouds when nothing is forming; null before any bar.
   */
  provisionalClouds(ticker: string, timeframe: Timeframe): CloudStates | null {
    const state = this.tickers.get(ticker);
    const series = state?.series[tfIndexOf(timeframe)];
    if (!state || !series) return null;
    const forming = state.aggregator.forming(timeframe);
    return forming ? series.clouds.peek(forming) : series.states;
  }

  clouds(ticker: string, timeframe: Timeframe): CloudStates | null {
    return this.series(ticker, timeframe)?.states ?? null;
  }

  lastBar(ticker: string, timeframe: Timeframe): Bar | null {
    return this.series(ticker, timeframe)?.lastBar ?? null;
  }

  atr(ticker: string, timeframe: Timeframe): number | null {
    return this.series(ticker, timeframe)?.atr ?? null;
  }

  /**
   * Colour of the trend cloud at the last closed bar on each timeframe, in TIMEFRAMES order:
   * 1 bullish, −1 bearish, 0 before it is seeded (what clouds(ticker, tf)?.trend says, from a
   * compact array: read it, never write it). Null for a ticker never seen.
   */
  trendBiases(ticker: string): ArrayLike<number> | null {
    const state = ticker === this.lastTicker ? this.lastState : this.tickers.get(ticker);
    return state === undefined ? null : state.trend;
  }

  /**
   * Trend and fast cloud colour and the last close on every timeframe, for the dashboard's scan
   * table (null where nothing is known yet or the timeframe is not configured).
   */
  tickerSummary(ticker: string): Record<Timeframe, TimeframeSummary> {
    const summary = {} as Record<Timeframe, TimeframeSummary>;
    for (const tf of TIMEFRAMES) {
      const series = this.series(ticker, tf);
      const states = series?.states ?? null;
      summary[tf] = {
        trend: trendOf(states?.trend ?? null),
        fast: trendOf(states?.fast ?? null),
        lastClose: series?.lastBar?.close ?? null,
      };
    }
    return summary;
  }

  /** Tickers seen so far (fed or seeded). */
  tickerList(): string[] {
    return [...this.tickers.keys()];
  }

  /** Forgets every ticker. */
  reset(): void {
    this.tickers.clear();
    this.lastTicker = '';
    this.lastState = undefined;
  }

  private series(ticker: string, timeframe: Timeframe): Series | null {
    const state = ticker === this.lastTicker ? this.lastState : this.tickers.get(ticker);
    return state?.series[tfIndexOf(timeframe)] ?? null;
  }

  private tickerState(ticker: string): TickerState {
    if (ticker === this.lastTicker && this.lastState) return this.lastState;
    let state = this.tickers.get(ticker);
    if (state === undefined) {
      state = new TickerState(ticker, this.sessions, this.config);
      this.tickers.set(ticker, state);
    }
    this.lastTicker = ticker;
    this.lastState = state;
    return state;
  }
}
