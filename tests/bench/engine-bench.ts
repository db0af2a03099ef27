/**
 * Engine figures of DESIGN §8, measured side by side in one run:
 *
 * - `barsPerSec`: 1-minute bar updates per second through MarketState.onBar (aggregation into
 *   5m/10m/1h/1d, 4 clouds on each of the 5 timeframes, ATR, volume average) and
 *   SignalDetector.onClosedBars (every signal type with conviction), for 500 tickers × one full
 *   session (195,000 bars, interleaved minute by minute as a feed delivers them), on warmed-up
 *   state (each ticker seeded with history so every cloud is live and signals fire).
 *
 * - `vsTechnicalIndicators`: the EMA work of that run done by our EMA code as the engine runs it
 *   (emaUpdate over the 8 EMAs a CloudSet keeps side by side in one Float64Array) and by
 *   technicalindicators' streaming EMA (one `new EMA({ period, values: [] })` per EMA, stepped by
 *   `nextValue(v)`): the same sequence of updates, namely for every bar each timeframe closed in
 *   the engine run, in the same order, the 8 EMAs of its ticker/timeframe (5, 12, 8, 9, 34, 50,
 *   72, 89) updated with that bar's hl2, both sides' EMAs pre-seeded with the same 100 values.
 *   Ratio = their time / our time for those 8 × 257,500 updates: EMA against EMA, with
 *   aggregation, cloud objects and signals on neither side.
 *
 * Each figure is the median of RUNS timed runs after WARMUP untimed ones (fresh state per run),
 * timed in CPU time (see `now`).
 */
import { EMA as TiEma } from 'technicalindicators';
import { SeededRandom } from '../../src-main/adapters/seeded-random';
import { EMA_STRIDE, emaInit, emaUpdate } from '../../src-main/engine/ema';
import { MarketState } from '../../src-main/engine/market-state';
import { SignalDetector } from '../../src-main/engine/signal-detector';
import { BotConfigSchema, type BotConfig } from '../../src-shared/config-schema';
import { TIMEFRAMES, type Bar, type Timeframe } from '../../src-shared/market';

const TICKERS = 500;
const SESSION_MINUTES = 390;
/** 2026-03-10 09:30 New York (EDT) = 13:30 UTC, a regular Tuesday session. */
const OPEN = Date.UTC(2026, 2, 10, 13, 30);
/** The previous session (Monday 2026-03-09, also EDT) closes at 20:00 UTC. */
const PREVIOUS_CLOSE = Date.UTC(2026, 2, 9, 20, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const SPAN: Record<Timeframe, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '10m': 10 * MINUTE,
  '1h': 60 * MINUTE,
  '1d': DAY,
};
const HISTORY_BARS = 100;
const WARMUP = 2;
const RUNS = 5;

/**
 * Time is the CPU time of this process (user + system, all its threads, GC helpers included), so
 * the figure is work per second of one core: on a shared machine other processes stretch wall
 * time, not this. It is the stricter count on an idle machine (GC helper threads add to it).
 */
const now = (): NodeJS.CpuUsage => process.cpuUsage();
const elapsed = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/** A random walk with trending stretches, so clouds cross, flip and bounce. */
class Walk {
  private drift = 0;
  constructor(
    private readonly random: () => number,
    private price: number,
  ) {}

  next(ticker: string, timeframe: Timeframe, time: number): Bar {
    const random = this.random;
    if (random() < 0.02) this.drift = (random() - 0.5) * 0.002;
    const open = this.price;
    const close = Math.max(1, open * (1 + this.drift + (random() - 0.5) * 0.004));
    this.price = close;
    const wick = close * 0.001;
    return {
      ticker,
      timeframe,
      time,
      open,
      high: Math.max(open, close) + random() * wick,
      low: Math.min(open, close) - random() * wick,
      close,
      volume: Math.round(1000 + random() * 9000),
    };
  }
}

interface Universe {
  tickers: string[];
  /** Per ticker and timeframe, warm-up history, oldest first. */
  history: Map<string, Record<Timeframe, Bar[]>>;
  /** The session's 1-minute bars, minute by minute, ticker by ticker (allocated in that order, as a feed would). */
  session: Bar[];
}

function makeUniverse(): Universe {
  const tickers = Array.from({ length: TICKERS }, (_, i) => `T${i}`);
  const history = new Map<string, Record<Timeframe, Bar[]>>();
  const walks = tickers.map((ticker, i) => {
    const stream = new SeededRandom(1000 + i);
    const random = () => stream.next();
    const walk = new Walk(random, 20 + random() * 400);
    const seeded = {} as Record<Timeframe, Bar[]>;
    for (const tf of TIMEFRAMES) {
      // Higher timeframes end at the previous session; 1m history is that session's last minutes.
      seeded[tf] = Array.from({ length: HISTORY_BARS }, (_, k) =>
        walk.next(ticker, tf, PREVIOUS_CLOSE - (HISTORY_BARS - k) * SPAN[tf]),
      );
    }
    history.set(ticker, seeded);
    return walk;
  });
  const session: Bar[] = [];
  for (let m = 0; m < SESSION_MINUTES; m++)
    tickers.forEach((ticker, i) => session.push(walks[i]!.next(ticker, '1m', OPEN + m * MINUTE)));
  return { tickers, history, session };
}

function seededState(config: BotConfig, universe: Universe): MarketState {
  const state = new MarketState(config);
  for (const ticker of universe.tickers) {
    const history = universe.history.get(ticker)!;
    for (const tf of ['1d', '1h', '10m', '5m', '1m'] as const) state.seed(ticker, tf, history[tf]);
  }
  return state;
}

/** The EMA updates one engine run makes: series (ticker × timeframe) and hl2, in order. */
interface EmaWork {
  series: Int32Array;
  values: Float64Array;
  seriesCount: number;
}

/** One timed engine run; records the EMA work when asked. */
function runEngine(
  config: BotConfig,
  universe: Universe,
  record: boolean,
): { ms: number; signals: number; work: EmaWork | null } {
  const state = seededState(config, universe);
  const detector = new SignalDetector(config);
  const session = universe.session;
  const series: number[] = [];
  const values: number[] = [];
  const tickerIndex = new Map(universe.tickers.map((t, i) => [t, i]));
  let signals = 0;
  const started = now();
  for (let i = 0; i < session.length; i++) {
    const bar = session[i]!;
    const closed = state.onBar(bar);
    if (closed.length > 0) signals += detector.onClosedBars(bar.ticker, closed, state).length;
    if (record) {
      for (const c of closed) {
        series.push(tickerIndex.get(bar.ticker)! * TIMEFRAMES.length + TIMEFRAMES.indexOf(c.bar.timeframe));
        values.push((c.bar.high + c.bar.low) / 2);
      }
    }
  }
  const ms = elapsed(started);
  const work = record
    ? {
        series: Int32Array.from(series),
        values: Float64Array.from(values),
        seriesCount: universe.tickers.length * TIMEFRAMES.length,
      }
    : null;
  return { ms, signals, work };
}

const PERIODS = [5, 12, 8, 9, 34, 50, 72, 89];

/** The value each EMA is pre-seeded with, k = 0 … HISTORY_BARS − 1 (identical on both sides). */
const seedValue = (k: number): number => 100 + (k % 7);

// The two timed loops are written out (no shared callback), so neither side pays for an
// indirect call the other would not.

// A module-local alias, as the engine's modules keep: tsx runs this file as CommonJS, where every
// use of an imported binding goes through a getter (a production bundle has no such getters).
const ourUpdate = emaUpdate;

/** Ours as the engine runs it: the 8 EMAs of a series side by side in one Float64Array (CloudSet's layout), stepped by emaUpdate. */
function timeOurEmas(work: EmaWork): number {
  const stores: Float64Array[] = [];
  for (let s = 0; s < work.seriesCount; s++) {
    const store = new Float64Array(PERIODS.length * EMA_STRIDE);
    PERIODS.forEach((period, j) => {
      emaInit(store, j * EMA_STRIDE, period);
      for (let k = 0; k < HISTORY_BARS; k++) emaUpdate(store, j * EMA_STRIDE, period, seedValue(k));
    });
    stores.push(store);
  }
  const { series, values } = work;
  const [p0, p1, p2, p3, p4, p5, p6, p7] = PERIODS as [number, number, number, number, number, number, number, number];
  const S = EMA_STRIDE;
  const started = now();
  for (let i = 0; i < series.length; i++) {
    const store = stores[series[i]!]!;
    const v = values[i]!;
    ourUpdate(store, 0, p0, v);
    ourUpdate(store, S, p1, v);
    ourUpdate(store, 2 * S, p2, v);
    ourUpdate(store, 3 * S, p3, v);
    ourUpdate(store, 4 * S, p4, v);
    ourUpdate(store, 5 * S, p5, v);
    ourUpdate(store, 6 * S, p6, v);
    ourUpdate(store, 7 * S, p7, v);
  }
  return elapsed(started);
}

/** Theirs: one technicalindicators streaming EMA object per EMA. */
function timeTheirEmas(work: EmaWork): number {
  const emas: TiEma[] = [];
  for (let s = 0; s < work.seriesCount; s++) {
    for (const period of PERIODS) {
      const ema = new TiEma({ period, values: [] });
      for (let k = 0; k < HISTORY_BARS; k++) ema.nextValue(seedValue(k));
      emas.push(ema);
    }
  }
  const { series, values } = work;
  const started = now();
  for (let i = 0; i < series.length; i++) {
    const base = series[i]! * 8;
    const v = values[i]!;
    for (let j = 0; j < 8; j++) emas[base + j]!.nextValue(v);
  }
  return elapsed(started);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface EngineBenchResult {
  barsPerSec: number;
  vsTechnicalIndicators: number;
}

export async function benchEngine(): Promise<EngineBenchResult> {
  const config = BotConfigSchema.parse({});
  const universe = makeUniverse();
  const { work, signals } = runEngine(config, universe, true);
  if (!work || signals === 0)
    throw new Error('the engine bench produced no signals: its data do not exercise detection');

  const engineMs: number[] = [];
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const engine = runEngine(config, universe, false).ms;
    const ours = timeOurEmas(work);
    const theirs = timeTheirEmas(work);
    if (run < WARMUP) continue;
    engineMs.push(engine);
    oursMs.push(ours);
    theirsMs.push(theirs);
    await Promise.resolve();
  }
  return {
    barsPerSec: universe.session.length / (median(engineMs) / 1000),
    vsTechnicalIndicators: median(theirsMs) / median(oursMs),
  };
}
