import type { BarUpdate, ChartData, ChartMarker, CloudPair, CloudPoint } from '../../src-shared/chart-data';
import type { Bar, Timeframe } from '../../src-shared/market';
import { CLOUD_NAMES, type CloudName } from '../../src-shared/signals';

/**
 * A deterministic synthetic market for the chart harness, the bench and tests: one-minute bars
 * in New York regular hours on weekdays, a price made of slow and fast waves plus seeded
 * noise (so every cloud, the macro one included, crosses many times), and the four clouds on
 * hl2 with EMAs seeded by their simple average (DESIGN §2). Not a model of anything. With the
 * default seed (2) every cloud crosses within the last 180 of 50,000 bars.
 */

const PERIODS: Record<CloudName, readonly [number, number]> = {
  fast: [5, 12],
  pullback: [8, 9],
  trend: [34, 50],
  macro: [72, 89],
};

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An EMA seeded with the simple average of its first n inputs; NaN until then. */
class Ema {
  private count = 0;
  private sum = 0;
  value = NaN;
  private readonly alpha: number;
  constructor(private readonly n: number) {
    this.alpha = 2 / (n + 1);
  }
  /** The value with `x` as the next input, without taking it (for a forming bar). */
  peek(x: number): number {
    if (this.count + 1 < this.n) return NaN;
    if (this.count + 1 === this.n) return (this.sum + x) / this.n;
    return this.value + this.alpha * (x - this.value);
  }
  push(x: number): void {
    this.value = this.peek(x);
    this.count++;
    if (this.count <= this.n) this.sum += x;
  }
}

/** US Eastern UTC offset in hours on a UTC date: −4 from the 2nd Sunday of March to the 1st Sunday of November, else −5. */
function nyOffsetHours(utcMidnight: number): number {
  const d = new Date(utcMidnight);
  const year = d.getUTCFullYear();
  const nthSunday = (month: number, nth: number) => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return Date.UTC(year, month, 1 + ((7 - first) % 7) + 7 * (nth - 1));
  };
  return utcMidnight >= nthSunday(2, 2) && utcMidnight < nthSunday(10, 1) ? -4 : -5;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const SESSION_MINUTES = 390;

export class SyntheticMarket {
  readonly ticker: string;
  /** The label the bars carry; they are one minute apart whatever it says. */
  readonly timeframe: Timeframe;
  private readonly random: () => number;
  private readonly emas: Record<CloudName, [Ema, Ema]>;
  private day: number;
  private minute = 0;
  /** Ticks into the forming bar. */
  private step = 0;
  /** Minutes simulated, the clock of the price waves. */
  private stepCount = 0;
  private price: number;
  /** The bar being formed by `tick`, if any. */
  private forming: Bar | null = null;

  constructor(options: { ticker?: string; timeframe?: Timeframe; seed?: number; start?: string; price?: number } = {}) {
    this.ticker = options.ticker ?? 'SPY';
    this.timeframe = options.timeframe ?? '1m';
    this.random = prng(options.seed ?? 2);
    this.day = Date.parse(`${options.start ?? '2025-06-02'}T00:00:00Z`);
    this.price = options.price ?? 100;
    this.emas = Object.fromEntries(
      CLOUD_NAMES.map((name) => [name, [new Ema(PERIODS[name][0]), new Ema(PERIODS[name][1])]]),
    ) as Record<CloudName, [Ema, Ema]>;
    this.skipWeekend();
  }

  /** `n` closed bars as ChartData, with a signal marker at each fast-cloud cross and one open long's price lines. */
  chartData(n: number): ChartData {
    const bars: Bar[] = [];
    const clouds: CloudPoint[] = [];
    const markers: ChartMarker[] = [];
    let wasBull: boolean | null = null;
    for (let i = 0; i < n; i++) {
      const { bar, clouds: point } = this.next();
      bars.push(bar);
      clouds.push(point);
      const fast = point.clouds.fast;
      const bull = fast ? fast.short >= fast.long : null;
      if (bull !== null && wasBull !== null && bull !== wasBull) {
        markers.push({
          time: bar.time,
          kind: 'signal',
          direction: bull ? 'long' : 'short',
          label: `CROSS ${60 + Math.floor(this.random() * 40)}`,
          signalType: bull ? 'CLOUD_CROSS_BULLISH' : 'CLOUD_CROSS_BEARISH',
        });
      }
      wasBull = bull;
    }
    const entryBar = bars[Math.max(0, n - 40)];
    const entry = entryBar?.close ?? this.price;
    if (entryBar) markers.push({ time: entryBar.time, kind: 'entry', direction: 'long', label: 'BUY 100' });
    return {
      ticker: this.ticker,
      timeframe: this.timeframe,
      bars,
      clouds,
      markers,
      priceLines: [
        { positionId: 'fixture-1', kind: 'entry', price: entry },
        { positionId: 'fixture-1', kind: 'stop', price: entry * 0.994 },
        { positionId: 'fixture-1', kind: 'target', price: entry * 1.012 },
      ],
      forming: null,
    };
  }

  /** The next closed bar and its clouds. */
  next(): { bar: Bar; clouds: CloudPoint } {
    const bar = this.forming ?? this.openBar();
    this.forming = null;
    this.advance(bar, 1);
    for (const name of CLOUD_NAMES) for (const ema of this.emas[name]) ema.push((bar.high + bar.low) / 2);
    this.nextMinute();
    return { bar, clouds: this.cloudsAt(bar.time, null) };
  }

  /**
   * A live update: mostly the forming bar moving (provisional clouds), every `ticksPerBar`-th
   * call the bar closing, after which the next call starts a new bar.
   */
  tick(ticksPerBar = 6): BarUpdate {
    if (!this.forming) {
      this.forming = this.openBar();
      this.step = 0;
    }
    this.step++;
    if (this.step >= ticksPerBar) {
      const { bar, clouds } = this.next();
      return { bar, clouds, closed: true };
    }
    this.advance(this.forming, 1 / ticksPerBar);
    const hl2 = (this.forming.high + this.forming.low) / 2;
    return { bar: { ...this.forming }, clouds: this.cloudsAt(this.forming.time, hl2), closed: false };
  }

  private openBar(): Bar {
    return {
      ticker: this.ticker,
      timeframe: this.timeframe,
      time: this.day + (9.5 - nyOffsetHours(this.day)) * 3_600_000 + this.minute * MINUTE,
      open: this.price,
      high: this.price,
      low: this.price,
      close: this.price,
      volume: 0,
    };
  }

  /** Moves the bar's close by a fraction of a minute's worth of drift and noise. */
  private advance(bar: Bar, fraction: number): void {
    const t = this.stepCount++;
    const drift =
      0.00055 * Math.sin((2 * Math.PI * t) / 2300) +
      0.0004 * Math.sin((2 * Math.PI * t) / 530 + 1) +
      0.00035 * Math.sin((2 * Math.PI * t) / 97 + 2);
    const noise = (this.random() + this.random() + this.random() - 1.5) * 0.0016;
    const close = bar.close * Math.exp((drift + noise) * Math.sqrt(fraction));
    const wick = bar.close * 0.0007 * this.random();
    bar.close = close;
    bar.high = Math.max(bar.high, close + wick);
    bar.low = Math.min(bar.low, close - wick);
    bar.volume += Math.round((40_000 + 120_000 * this.random() * this.random()) * fraction);
    this.price = close;
  }

  private cloudsAt(time: number, provisional: number | null): CloudPoint {
    const clouds = {} as Record<CloudName, CloudPair | null>;
    for (const name of CLOUD_NAMES) {
      const [s, l] = this.emas[name];
      const short = provisional === null ? s.value : s.peek(provisional);
      const long = provisional === null ? l.value : l.peek(provisional);
      clouds[name] = Number.isNaN(short) || Number.isNaN(long) ? null : { short, long };
    }
    return { time, clouds };
  }

  private nextMinute(): void {
    this.minute++;
    if (this.minute < SESSION_MINUTES) return;
    this.minute = 0;
    this.day += DAY;
    this.skipWeekend();
  }

  private skipWeekend(): void {
    while ([0, 6].includes(new Date(this.day).getUTCDay())) this.day += DAY;
  }
}

/** `n` one-minute bars of the synthetic market with clouds, markers and price lines. */
export const syntheticChartData = (n: number, seed = 2, ticker = 'SPY'): ChartData =>
  new SyntheticMarket({ seed, ticker }).chartData(n);
