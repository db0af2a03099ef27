/**
 * The generator behind SyntheticFeed: a seeded simulated market whose every 1-minute bar is a
 * pure function of (seed, ticker, trading date, minute) and of the first simulated session,
 * where the start prices apply. Live delivery and warm-up history read the same sessions, so
 * history is exactly what live delivery produced (or would have produced) for those days.
 *
 * Model, per minute of a session (log returns):
 *   r = drift + β · m + idiosyncratic
 * where m is a market factor shared by all tickers (so returns correlate; β 0.6–1.5) and both
 * m and the idiosyncratic part follow regimes of about half an hour — trending up, trending down
 * or mean-reverting to where the regime began — on top of Gaussian noise whose volatility is
 * higher in the first half hour and rises a little into the close. Volume is U-shaped over the
 * session and higher on large moves. Sessions open with an overnight gap (β · market gap +
 * the ticker's own). A leveraged ETF's bars follow its underlying: each 1-minute (and overnight)
 * simple return is `leverage` × the underlying's, from its own price level.
 *
 * Daily bars are aggregated from the same minutes (not generated at daily resolution), so a
 * 1d history bar equals the session its 1m bars make up.
 */
import type { Bar, Timeframe } from '../../src-shared/market';
import {
  isTradingDay,
  nextTradingDate,
  sessionBounds,
  sessionDateOf,
  type ScheduleConfig,
} from '../engine/market-calendar';
import { aggregateSession, closedBars, MINUTE, type SessionWindow } from './replay-history';
import { hashSeed, SeededRandom } from './seeded-random';

/** A simulated leveraged ETF: +3 bull, −3 bear. */
export interface SyntheticEtf {
  underlying: string;
  leverage: number;
}

/** Options of {@link SyntheticMarket}. */
export interface SyntheticMarketOptions {
  seed: number;
  schedule: ScheduleConfig;
  /** NY date ('YYYY-MM-DD') of the first simulated session: start prices are its opening prices. */
  firstSession: string;
  /** Opening prices on the first session; defaults for common tickers, else derived from the ticker. */
  startPrices?: Record<string, number>;
  /** Leveraged ETFs by symbol. */
  etfs?: Record<string, SyntheticEtf>;
}

/** A trading session with its NY date and length in minutes. */
export interface SyntheticSession extends SessionWindow {
  date: string;
  minutes: number;
}

/** Typical levels, betas and own volatility, so the simulated market looks familiar. */
const KNOWN: Readonly<Record<string, { price: number; beta?: number; idioVol?: number }>> = {
  SPY: { price: 600, beta: 1, idioVol: 0.00015 },
  QQQ: { price: 520, beta: 1.15, idioVol: 0.0003 },
  IWM: { price: 230, beta: 1.1, idioVol: 0.0004 },
  SMH: { price: 300, beta: 1.4, idioVol: 0.0006 },
  XLF: { price: 52, beta: 0.95, idioVol: 0.0004 },
  NVDA: { price: 180, beta: 1.5, idioVol: 0.0009 },
  AAPL: { price: 230, beta: 0.9 },
  MSFT: { price: 500, beta: 0.95 },
  TSLA: { price: 430, beta: 1.5, idioVol: 0.0011 },
  AMD: { price: 160, beta: 1.45 },
  META: { price: 700, beta: 1.2 },
  AMZN: { price: 220, beta: 1.1 },
  GOOGL: { price: 250, beta: 1.05 },
  TQQQ: { price: 95 },
  SQQQ: { price: 18 },
  SPXL: { price: 180 },
  SPXS: { price: 14 },
  TNA: { price: 42 },
  TZA: { price: 16 },
  SOXL: { price: 35 },
  SOXS: { price: 12 },
  FAS: { price: 170 },
  FAZ: { price: 10 },
};

/** Per-minute stdev of the market factor's noise at midday. */
const MARKET_VOL = 0.00035;
/** Scales every ticker's own volatility with the market's, so correlations stay as calibrated. */
const IDIO_SCALE = 0.7;
/** Stdev of the overnight gap: market part, then each ticker's own. */
const MARKET_GAP_VOL = 0.004;
const OWN_GAP_VOL = 0.004;
/** Mean length of a trending and of a mean-reverting regime, in minutes. */
const TREND_MINUTES = 35;
const REVERTING_MINUTES = 20;
/** Drift of a trending regime, in noise stdevs per minute. */
const TREND_DRIFT = 0.4;
/** Share of a session's net regime move taken back evenly over its minutes. */
const BRIDGE = 0.7;
/** Share of the distance back to the regime's start given back each minute when mean-reverting. */
const REVERSION = 0.12;
/** Largest wick beyond the bar body, in that minute's stdevs. */
const WICK = 0.7;

const TREND_UP = 0;
const TREND_DOWN = 1;
const REVERTING = 2;

interface TickerProfile {
  beta: number;
  idioVol: number;
  /** Stdev of the ticker's whole minute return at midday. */
  totalVol: number;
  drift: number;
  baseVolume: number;
}

/** One session of one ticker, as log levels relative to the session's open. */
interface SessionPath {
  /** Log move from the previous session's close to this open. */
  gap: number;
  close: Float64Array;
  high: Float64Array;
  low: Float64Array;
  volume: Float64Array;
}

/** What chaining sessions and daily bars need of a path. */
interface SessionSummary {
  gap: number;
  close: number;
  high: number;
  low: number;
  volume: number;
}

/** Rounded to cents (sub-dollar prices to 1/100 cent); monotone, so OHLC order survives. */
function roundPrice(price: number): number {
  return price >= 1 ? Math.round(price * 100) / 100 : Math.max(0.0001, Math.round(price * 10_000) / 10_000);
}

const clamp = (x: number, limit: number): number => Math.max(-limit, Math.min(limit, x));

/** Volatility multiplier of minute `i` of `n`: ×2.5 at the open fading over ~30 min, ×1.3 at the close. */
function volatilityAt(i: number, n: number): number {
  return 1 + 1.5 * Math.exp(-i / 10) + 0.3 * Math.max(0, (i - (n - 30)) / 30);
}

/** U-shaped volume profile: about 4× the midday level at the open and the close. */
function volumeShapeAt(i: number, n: number): number {
  const x = (i + 0.5) / n;
  return 1 + 3 * (2 * x - 1) ** 2;
}

/** The NY date `days` after `date` (calendar arithmetic in UTC, where every day has 24 h). */
function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Trending and mean-reverting stretches: a trend lasts ~35 minutes, a mean-reverting stretch
 * ~20, then one of the other two regimes begins. Draws exactly two uniforms per minute.
 */
class Regime {
  private state: number;
  private level = 0;
  private anchor = 0;

  constructor(
    private readonly rng: SeededRandom,
    private readonly vol: number,
  ) {
    this.state = Math.floor(rng.next() * 3);
  }

  /** One minute's log return: the regime's drift plus `noise`. */
  step(noise: number): number {
    const ends = this.rng.next() < 1 / (this.state === REVERTING ? REVERTING_MINUTES : TREND_MINUTES);
    const pick = this.rng.next();
    if (ends) {
      this.state = (this.state + 1 + Math.floor(pick * 2)) % 3;
      this.anchor = this.level;
    }
    const drift =
      this.state === TREND_UP
        ? TREND_DRIFT * this.vol
        : this.state === TREND_DOWN
          ? -TREND_DRIFT * this.vol
          : -REVERSION * (this.level - this.anchor);
    const r = drift + noise;
    this.level += r;
    return r;
  }
}

/**
 * A session of regime returns with noise of stdev `vol` × the intraday volatility profile. Part
 * of the session's net move is then spread back over its minutes (a partial bridge): the
 * half-hour trends stay, but a day's close-to-open move keeps a daily size (~1 % for the market).
 */
function regimeSession(rng: SeededRandom, vol: number, n: number): Float64Array {
  const regime = new Regime(rng, vol);
  const returns = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = regime.step(rng.normal() * vol * volatilityAt(i, n));
    returns[i] = r;
    total += r;
  }
  const correction = (BRIDGE * total) / n;
  for (let i = 0; i < n; i++) returns[i] = (returns[i] ?? 0) - correction;
  return returns;
}

/** log of (1 + leverage × simple return of a log move x): a leveraged ETF's log move. */
function leveraged(x: number, leverage: number): number {
  return Math.log(Math.max(1e-6, 1 + leverage * Math.expm1(x)));
}

/** Caps a cache by dropping its oldest entries. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V, limit: number): V {
  if (cache.size >= limit) {
    for (const old of cache.keys()) {
      cache.delete(old);
      if (cache.size < limit * 0.75) break;
    }
  }
  cache.set(key, value);
  return value;
}

/** A deterministic simulated market (see the file comment). */
export class SyntheticMarket {
  readonly firstSession: string;
  private readonly seed: number;
  private readonly schedule: ScheduleConfig;
  private readonly startPrices: Record<string, number>;
  private readonly etfs: ReadonlyMap<string, SyntheticEtf>;
  private readonly profiles = new Map<string, TickerProfile>();
  private readonly sessions = new Map<string, SyntheticSession>();
  private readonly marketDays = new Map<string, Float64Array>();
  private readonly marketGaps = new Map<string, number>();
  private readonly summaries = new Map<string, SessionSummary>();
  private readonly openLevels = new Map<string, number>();

  constructor(opts: SyntheticMarketOptions) {
    if (!isTradingDay(opts.firstSession, opts.schedule)) {
      throw new RangeError(`the first session must be a trading day, got ${opts.firstSession}`);
    }
    this.seed = opts.seed;
    this.schedule = opts.schedule;
    this.firstSession = opts.firstSession;
    this.startPrices = opts.startPrices ?? {};
    const etfs = new Map(Object.entries(opts.etfs ?? {}));
    for (const [etf, { underlying, leverage }] of etfs) {
      if (etfs.has(underlying)) throw new RangeError(`${etf} follows ${underlying}, itself a simulated ETF`);
      if (!Number.isFinite(leverage) || leverage === 0) throw new RangeError(`${etf}: bad leverage ${leverage}`);
    }
    this.etfs = etfs;
  }

  /** The ETF `ticker` is, if it is one. */
  etf(ticker: string): SyntheticEtf | undefined {
    return this.etfs.get(ticker);
  }

  /** The ETFs that follow `underlying`, in option order. */
  etfsOf(underlying: string): string[] {
    return [...this.etfs].filter(([, e]) => e.underlying === underlying).map(([etf]) => etf);
  }

  /** The session of a trading date. */
  session(date: string): SyntheticSession {
    const cached = this.sessions.get(date);
    if (cached) return cached;
    const bounds = sessionBounds(date, this.schedule);
    if (!bounds) throw new RangeError(`${date} is not a trading day`);
    const session = { ...bounds, date, minutes: Math.round((bounds.close - bounds.open) / MINUTE) };
    return remember(this.sessions, date, session, 4096);
  }

  /** The 1-minute bars of `ticker` for a whole session, oldest first. */
  sessionBars(ticker: string, date: string): Bar[] {
    const session = this.session(date);
    const path = this.path(ticker, session);
    const level = this.openLevel(ticker, date);
    const bars: Bar[] = [];
    let open = roundPrice(Math.exp(level));
    for (let i = 0; i < session.minutes; i++) {
      const close = roundPrice(Math.exp(level + (path.close[i] ?? 0)));
      bars.push({
        ticker,
        timeframe: '1m',
        time: session.open + i * MINUTE,
        open,
        high: roundPrice(Math.exp(level + (path.high[i] ?? 0))),
        low: roundPrice(Math.exp(level + (path.low[i] ?? 0))),
        close,
        volume: path.volume[i] ?? 0,
      });
      open = close;
    }
    return bars;
  }

  /** The daily bar of `ticker` for a session: exactly the aggregate of its 1-minute bars. */
  dailyBar(ticker: string, date: string): Bar {
    const session = this.session(date);
    const summary = this.summary(ticker, session);
    const level = this.openLevel(ticker, date);
    return {
      ticker,
      timeframe: '1d',
      time: session.open,
      open: roundPrice(Math.exp(level)),
      high: roundPrice(Math.exp(level + summary.high)),
      low: roundPrice(Math.exp(level + summary.low)),
      close: roundPrice(Math.exp(level + summary.close)),
      volume: summary.volume,
    };
  }

  /** The `count` most recent `timeframe` bars of `ticker` closed at or before `endBefore`, oldest first. */
  history(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[] {
    return closedBars(timeframe, count, endBefore, this.sessionsBackFrom(endBefore), (session) =>
      timeframe === '1d'
        ? [this.dailyBar(ticker, session.date)]
        : aggregateSession(this.sessionBars(ticker, session.date), session, timeframe),
    );
  }

  /** The sessions on or before the NY date of `instant`, newest first, without end. */
  private *sessionsBackFrom(instant: number): Generator<SyntheticSession> {
    let date = sessionDateOf(instant);
    for (;;) {
      if (isTradingDay(date, this.schedule)) yield this.session(date);
      date = addDays(date, -1);
    }
  }

  private previousTradingDate(date: string): string {
    let previous = addDays(date, -1);
    while (!isTradingDay(previous, this.schedule)) previous = addDays(previous, -1);
    return previous;
  }

  /**
   * Log price at the open of `date`: the start price on the first session, chained through the
   * sessions in between (forward: + close + next gap; backward: − gap − previous close).
   */
  private openLevel(ticker: string, date: string): number {
    const key = (d: string): string => `${ticker}|${d}`;
    const known = this.openLevels.get(key(date));
    if (known !== undefined) return known;
    const forward = date > this.firstSession;
    // Walk toward the first session until a known level, then back, filling in each session.
    const path: string[] = [];
    let d = date;
    let level: number | undefined;
    for (;;) {
      level = this.openLevels.get(key(d));
      if (level !== undefined) break;
      if (d === this.firstSession) {
        level = Math.log(this.startPrice(ticker));
        this.openLevels.set(key(d), level);
        break;
      }
      path.push(d);
      d = forward ? this.previousTradingDate(d) : nextTradingDate(d, this.schedule);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const next = path[i] ?? date;
      if (forward) {
        level += this.summary(ticker, this.session(d)).close + this.summary(ticker, this.session(next)).gap;
      } else {
        level -= this.summary(ticker, this.session(d)).gap + this.summary(ticker, this.session(next)).close;
      }
      this.openLevels.set(key(next), level);
      d = next;
    }
    return level;
  }

  private startPrice(ticker: string): number {
    const price = this.startPrices[ticker] ?? KNOWN[ticker]?.price;
    if (price !== undefined && price > 0) return price;
    // A stable price between $20 and $400 for tickers without one.
    return 20 + (hashSeed(`price:${ticker}`, this.seed) % 38_000) / 100;
  }

  private profile(ticker: string): TickerProfile {
    const cached = this.profiles.get(ticker);
    if (cached) return cached;
    const rng = new SeededRandom(hashSeed(`profile:${ticker}`, this.seed));
    const known = KNOWN[ticker];
    const beta = known?.beta ?? 0.6 + 0.9 * rng.next();
    const idioVol = (known?.idioVol ?? 0.0003 + 0.0008 * rng.next()) * IDIO_SCALE;
    const profile = {
      beta,
      idioVol,
      totalVol: Math.hypot(beta * MARKET_VOL, idioVol),
      drift: (rng.next() - 0.5) * 0.000004,
      baseVolume: 20_000 + Math.floor(180_000 * rng.next()),
    };
    this.profiles.set(ticker, profile);
    return profile;
  }

  private summary(ticker: string, session: SyntheticSession): SessionSummary {
    const key = `${ticker}|${session.date}`;
    const cached = this.summaries.get(key);
    if (cached) return cached;
    this.path(ticker, session);
    return this.summaries.get(key) as SessionSummary;
  }

  /** A session's path; records its summary on the way. */
  private path(ticker: string, session: SyntheticSession): SessionPath {
    const etf = this.etfs.get(ticker);
    const path = etf ? this.etfPath(ticker, etf, session) : this.stockPath(ticker, session);
    const key = `${ticker}|${session.date}`;
    if (!this.summaries.has(key)) {
      const n = session.minutes;
      let high = -Infinity;
      let low = Infinity;
      let volume = 0;
      for (let i = 0; i < n; i++) {
        high = Math.max(high, path.high[i] ?? high);
        low = Math.min(low, path.low[i] ?? low);
        volume += path.volume[i] ?? 0;
      }
      this.summaries.set(key, { gap: path.gap, close: path.close[n - 1] ?? 0, high, low, volume });
    }
    return path;
  }

  /** The market factor's log returns over a session (and, kept aside, its overnight gap). */
  private marketDay(session: SyntheticSession): Float64Array {
    const cached = this.marketDays.get(session.date);
    if (cached) return cached;
    const rng = new SeededRandom(hashSeed(`market|${session.date}`, this.seed));
    this.marketGaps.set(session.date, clamp(rng.normal() * MARKET_GAP_VOL, 0.05));
    return remember(this.marketDays, session.date, regimeSession(rng, MARKET_VOL, session.minutes), 1024);
  }

  private stockPath(ticker: string, session: SyntheticSession): SessionPath {
    const p = this.profile(ticker);
    const market = this.marketDay(session);
    const rng = new SeededRandom(hashSeed(`${ticker}|${session.date}`, this.seed));
    const ownGap = rng.normal() * OWN_GAP_VOL * (p.idioVol / MARKET_VOL);
    // Now and then news: a larger gap.
    const news = rng.next() < 0.03 ? rng.normal() * 0.03 : 0;
    const gap = clamp(p.beta * (this.marketGaps.get(session.date) ?? 0) + ownGap + news, 0.15);
    const n = session.minutes;
    const own = regimeSession(rng, p.idioVol, n);
    const path: SessionPath = {
      gap,
      close: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      volume: new Float64Array(n),
    };
    let level = 0;
    for (let i = 0; i < n; i++) {
      const vol = volatilityAt(i, n);
      const sigma = p.totalVol * vol;
      const r = p.drift + p.beta * (market[i] ?? 0) + (own[i] ?? 0);
      const previous = level;
      level = previous + r;
      path.close[i] = level;
      path.high[i] = Math.max(previous, level) + rng.next() * WICK * sigma;
      path.low[i] = Math.min(previous, level) - rng.next() * WICK * sigma;
      const activity = (1 + 0.5 * Math.min(4, Math.abs(r) / sigma)) * Math.exp(0.35 * rng.normal());
      path.volume[i] = Math.max(1, Math.round(p.baseVolume * volumeShapeAt(i, n) * activity));
    }
    return path;
  }

  /** Every simple return (1-minute and overnight) is `leverage` × the underlying's. */
  private etfPath(ticker: string, etf: SyntheticEtf, session: SyntheticSession): SessionPath {
    const base = this.path(etf.underlying, session);
    const { leverage } = etf;
    const volumeRatio = 0.3 + 0.9 * (hashSeed(`volume:${ticker}`, this.seed) / 2 ** 32);
    const n = session.minutes;
    const path: SessionPath = {
      gap: leveraged(base.gap, leverage),
      close: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      volume: new Float64Array(n),
    };
    let baseOpen = 0;
    let level = 0;
    for (let i = 0; i < n; i++) {
      const baseClose = base.close[i] ?? baseOpen;
      const move = leveraged(baseClose - baseOpen, leverage);
      // The underlying's high and low map to the ETF's extremes (swapped for a bear ETF).
      const a = leveraged((base.high[i] ?? baseClose) - baseOpen, leverage);
      const b = leveraged((base.low[i] ?? baseClose) - baseOpen, leverage);
      const previous = level;
      level = previous + move;
      path.close[i] = level;
      path.high[i] = previous + Math.max(a, b, move, 0);
      path.low[i] = previous + Math.min(a, b, move, 0);
      path.volume[i] = Math.max(1, Math.round((base.volume[i] ?? 0) * volumeRatio));
      baseOpen = baseClose;
    }
    return path;
  }
}
