import type { Bar } from '../../src-shared/market';
import type { Clock, FeedHandler, MarketDataFeed } from '../engine/ports';
import { nextTradingDate, sessionBounds, sessionDateOf, type ScheduleConfig } from '../engine/market-calendar';
import { hashSeed, SeededRandom } from './seeded-random';

/** The timer functions the feed polls with (injectable for tests). */
export interface FeedTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Options of {@link SyntheticFeed}. */
export interface SyntheticFeedOptions {
  seed: number;
  clock: Clock;
  schedule: ScheduleConfig;
  /** Real ms between checks, default 100. */
  pollMs?: number;
  /** Default: the global timers. */
  timers?: FeedTimers;
  /** First prices; defaults for common tickers, else a price derived from the ticker. */
  startPrices?: Record<string, number>;
}

const MINUTE = 60_000;

/** Rough late-2025 levels so the simulated market looks familiar. */
const DEFAULT_START_PRICES: Readonly<Record<string, number>> = {
  SPY: 600,
  QQQ: 520,
  IWM: 230,
  NVDA: 180,
  AAPL: 230,
  MSFT: 500,
  TSLA: 430,
  AMD: 160,
  META: 700,
  AMZN: 220,
  GOOGL: 250,
  SMH: 300,
  XLF: 52,
};

const globalTimers: FeedTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

interface Session {
  open: number;
  close: number;
}

/** Rounded to cents (sub-dollar prices to 1/100 cent); monotone, so OHLC order survives. */
function roundPrice(price: number): number {
  return price >= 1 ? Math.round(price * 100) / 100 : Math.max(0.0001, Math.round(price * 10_000) / 10_000);
}

/**
 * One ticker's geometric random walk. Its random stream depends only on seed + ticker and
 * every minute consumes the same number of draws, so a bar depends only on the minutes
 * generated before it — never on how often the feed is polled.
 */
class TickerWalk {
  private readonly rng: SeededRandom;
  /** Per-minute stdev of the log return (0.05–0.15 %). */
  private readonly volatility: number;
  private readonly drift: number;
  private readonly baseVolume: number;
  private regime: 1 | -1;
  private lastClose: number;

  constructor(
    private readonly ticker: string,
    seed: number,
    startPrice: number,
  ) {
    this.rng = new SeededRandom(hashSeed(ticker, seed));
    this.volatility = 0.0005 + 0.001 * this.rng.next();
    this.drift = (this.rng.next() - 0.5) * 0.00002;
    this.baseVolume = 20_000 + Math.floor(180_000 * this.rng.next());
    this.regime = this.rng.next() < 0.5 ? 1 : -1;
    this.lastClose = roundPrice(startPrice);
  }

  next(time: number, session: Session): Bar {
    const { rng, volatility } = this;
    // Regimes last ~40 minutes on average: long enough for the EMA clouds to turn with them.
    if (rng.next() < 1 / 40) this.regime = this.regime === 1 ? -1 : 1;
    const shock = rng.normal();
    const gap = rng.normal();
    const upperWick = rng.next();
    const lowerWick = rng.next();
    const volumeNoise = rng.normal();

    const opening = time === session.open;
    const open = opening ? roundPrice(this.lastClose * Math.exp(gap * 3 * volatility)) : this.lastClose;
    const logReturn = this.drift + this.regime * 0.3 * volatility + shock * volatility;
    const close = roundPrice(open * Math.exp(logReturn));
    const high = roundPrice(Math.max(open, close) * (1 + upperWick * 0.8 * volatility));
    const low = roundPrice(Math.min(open, close) * (1 - lowerWick * 0.8 * volatility));

    // U-shaped intraday volume: about 4× the midday level at the open and the close.
    const x = (time - session.open) / (session.close - session.open);
    const uShape = 1 + 3 * (2 * x - 1) ** 2;
    const activity = (1 + 0.5 * Math.abs(shock)) * Math.exp(0.35 * volumeNoise);
    const volume = Math.max(1, Math.round(this.baseVolume * uShape * activity));

    this.lastClose = close;
    return { ticker: this.ticker, timeframe: '1m', time, open, high, low, close, volume };
  }
}

/**
 * A deterministic simulated market: 1-minute bars for the regular session of trading days,
 * each delivered once its minute has closed on the injected clock.
 */
export class SyntheticFeed implements MarketDataFeed {
  readonly name: string;
  readonly simulated = true;
  private readonly seed: number;
  private readonly clock: Clock;
  private readonly schedule: ScheduleConfig;
  private readonly pollMs: number;
  private readonly timers: FeedTimers;
  private readonly startPrices: Record<string, number>;
  /** Kept across reconnects so prices continue where they left off. */
  private readonly walks = new Map<string, TickerWalk>();
  private tickers: readonly string[] = [];
  private handler: FeedHandler | null = null;
  private timer: unknown = null;
  /** Bumped on every connect/disconnect so a pump notices when a handler changed the connection. */
  private connection = 0;
  /** Open time of the next bar to deliver; never moves back, so no minute is delivered twice. */
  private cursor = Number.NEGATIVE_INFINITY;
  private session: Session | null = null;

  constructor(opts: SyntheticFeedOptions) {
    const pollMs = opts.pollMs ?? 100;
    if (!(pollMs > 0)) throw new RangeError(`pollMs must be positive, got ${pollMs}`);
    this.seed = opts.seed;
    this.clock = opts.clock;
    this.schedule = opts.schedule;
    this.pollMs = pollMs;
    this.timers = opts.timers ?? globalTimers;
    this.startPrices = { ...DEFAULT_START_PRICES, ...opts.startPrices };
    this.name = `Synthetic market (seed ${opts.seed})`;
  }

  /**
   * Reports 'connected', then delivers the due bars of `tickers` on every poll, starting with
   * the minute containing `clock.now()`. A second connect first disconnects the previous handler.
   */
  connect(tickers: readonly string[], handler: FeedHandler): void {
    this.disconnect();
    this.connection += 1;
    this.tickers = [...new Set(tickers)];
    this.handler = handler;
    this.cursor = Math.max(this.cursor, Math.floor(this.clock.now() / MINUTE) * MINUTE);
    this.session = null;
    this.timer = this.timers.setInterval(() => this.poll(), this.pollMs);
    handler.onStatus('connected');
  }

  /** Stops polling and reports 'disconnected'; does nothing when not connected. */
  disconnect(): void {
    const handler = this.handler;
    if (!handler) return;
    this.timers.clearInterval(this.timer);
    this.timer = null;
    this.handler = null;
    this.connection += 1;
    handler.onStatus('disconnected');
  }

  /**
   * Delivers every bar that is due at `clock.now()`, minute by minute in time order, all
   * tickers of a minute before the next one. Returns how many bars it delivered.
   */
  pump(): number {
    const handler = this.handler;
    if (!handler) return 0;
    const connection = this.connection;
    const now = this.clock.now();
    let delivered = 0;
    for (;;) {
      if (this.connection !== connection) break;
      const session = this.sessionOfCursor();
      if (now < this.cursor + MINUTE) break;
      const time = this.cursor;
      this.cursor += MINUTE;
      for (const ticker of this.tickers) {
        if (this.connection !== connection) return delivered;
        const bar = this.walk(ticker).next(time, session);
        delivered += 1;
        try {
          handler.onBar(bar);
        } catch {
          // A failing consumer must not stop the market: the bar counts as delivered and the
          // feed goes on; reporting the failure is the consumer's job.
        }
      }
    }
    return delivered;
  }

  private poll(): void {
    try {
      this.pump();
    } catch {
      // Nothing may escape a timer callback; the next poll tries again.
    }
  }

  /** Moves the cursor to the first regular-session minute at or after it and returns that session. */
  private sessionOfCursor(): Session {
    const cached = this.session;
    if (cached && this.cursor >= cached.open && this.cursor < cached.close) return cached;
    let date = sessionDateOf(this.cursor);
    for (;;) {
      const bounds = sessionBounds(date, this.schedule);
      if (bounds && this.cursor < bounds.close) {
        this.cursor = Math.max(this.cursor, bounds.open);
        this.session = bounds;
        return bounds;
      }
      date = nextTradingDate(date, this.schedule);
    }
  }

  private walk(ticker: string): TickerWalk {
    let walk = this.walks.get(ticker);
    if (!walk) {
      walk = new TickerWalk(ticker, this.seed, this.startPrices[ticker] ?? derivedStartPrice(ticker, this.seed));
      this.walks.set(ticker, walk);
    }
    return walk;
  }
}

/** A stable price between $20 and $400 for tickers without a configured start price. */
function derivedStartPrice(ticker: string, seed: number): number {
  return 20 + (hashSeed(`price:${ticker}`, seed) % 38_000) / 100;
}
