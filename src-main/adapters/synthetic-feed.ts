import type { BotConfig } from '../../src-shared/config-schema';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Clock } from '../engine/ports';
import { nextTradingDate, sessionBounds, sessionDateOf, type ScheduleConfig } from '../engine/market-calendar';
import { PollingFeed, type Emit, type FeedTimers } from './replay-feed-base';
import { MINUTE } from './replay-history';
import { SyntheticMarket, type SyntheticEtf, type SyntheticSession } from './synthetic-market';

export type { FeedTimers } from './replay-feed-base';
export type { SyntheticEtf } from './synthetic-market';

/** Options of {@link SyntheticFeed}. */
export interface SyntheticFeedOptions {
  seed: number;
  clock: Clock;
  schedule: ScheduleConfig;
  /** Real ms between checks, default 100. */
  pollMs?: number;
  /** Default: the global timers. */
  timers?: FeedTimers;
  /**
   * Opening prices of the first simulated session (the one in progress or next at construction);
   * defaults for common tickers and ETFs, else a price derived from the ticker.
   */
  startPrices?: Record<string, number>;
  /** Leveraged ETFs whose bars follow their underlying (see {@link syntheticEtfs}). */
  etfs?: Record<string, SyntheticEtf>;
}

/**
 * The simulated ETFs of the leveraged-ETF config: each sector map's bull ETF at +leverage and
 * bear ETF at −leverage. An ETF listed for several underlyings (SOXL for SMH, NVDA, AMD) follows
 * the first of them, in map order, that is among `tickers`, else the first one.
 */
export function syntheticEtfs(
  leveragedEtf: Pick<BotConfig['leveragedEtf'], 'sectorMap' | 'leverage'>,
  tickers: readonly string[] = [],
): Record<string, SyntheticEtf> {
  const subscribed = new Set(tickers);
  const etfs: Record<string, SyntheticEtf> = {};
  for (const [underlying, { bull, bear }] of Object.entries(leveragedEtf.sectorMap)) {
    for (const [etf, leverage] of [
      [bull, leveragedEtf.leverage],
      [bear, -leveragedEtf.leverage],
    ] as const) {
      const current = etfs[etf];
      if (!current || (!subscribed.has(current.underlying) && subscribed.has(underlying))) {
        etfs[etf] = { underlying, leverage };
      }
    }
  }
  return etfs;
}

/** NY date of the session in progress at `now`, else of the next one. */
function firstSessionDate(now: number, schedule: ScheduleConfig): string {
  const today = sessionDateOf(now);
  const bounds = sessionBounds(today, schedule);
  return bounds && now < bounds.close ? today : nextTradingDate(today, schedule);
}

/**
 * A deterministic simulated market (see SyntheticMarket for the model): 1-minute bars for the
 * regular session of trading days, each delivered once its minute has closed on the injected
 * clock, every ticker of a minute before the next minute, each leveraged ETF right after its
 * underlying. A bar depends only on seed, ticker and minute (given the construction session),
 * never on the poll cadence or on which other tickers are subscribed.
 */
export class SyntheticFeed extends PollingFeed {
  readonly name: string;
  private readonly market: SyntheticMarket;
  private readonly schedule: ScheduleConfig;
  /** Tickers in delivery order: each subscribed ticker, then the ETFs following it. */
  private order: readonly string[] = [];
  /** Each ticker's bars of the session being delivered. */
  private readonly today = new Map<string, { date: string; bars: Bar[] }>();
  /** Open time of the next bar to deliver; never moves back, so no minute is delivered twice. */
  private cursor = Number.NEGATIVE_INFINITY;
  private session: SyntheticSession | null = null;

  constructor(opts: SyntheticFeedOptions) {
    super(opts.clock, opts.pollMs, opts.timers);
    this.schedule = opts.schedule;
    this.market = new SyntheticMarket({
      seed: opts.seed,
      schedule: opts.schedule,
      firstSession: firstSessionDate(opts.clock.now(), opts.schedule),
      startPrices: opts.startPrices,
      etfs: opts.etfs,
    });
    this.name = `Synthetic market (seed ${opts.seed})`;
  }

  /**
   * Warm-up: the `count` most recent closed bars of `timeframe` that closed at or before
   * `endBefore`, oldest first — the bars live delivery gives (or would give) those sessions;
   * 1d bars are their sessions' 1m bars aggregated.
   */
  history(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[] {
    return this.market.history(ticker, timeframe, count, endBefore);
  }

  /** Delivery starts with the minute containing `clock.now()`, without backfill. */
  protected subscribe(tickers: readonly string[]): void {
    const subscribed = new Set(tickers);
    const order: string[] = [];
    for (const ticker of tickers) {
      const etf = this.market.etf(ticker);
      if (!etf || !subscribed.has(etf.underlying)) order.push(ticker);
      order.push(...this.market.etfsOf(ticker));
    }
    this.order = [...new Set(order)];
    this.cursor = Math.max(this.cursor, Math.floor(this.clock.now() / MINUTE) * MINUTE);
    this.session = null;
  }

  protected deliverDue(now: number, emit: Emit): void {
    for (;;) {
      const session = this.sessionOfCursor();
      if (now < this.cursor + MINUTE) return;
      const index = (this.cursor - session.open) / MINUTE;
      this.cursor += MINUTE;
      for (const ticker of this.order) {
        const bar = this.barsOf(ticker, session.date)[index];
        if (bar && !emit({ ...bar })) return;
      }
    }
  }

  private barsOf(ticker: string, date: string): Bar[] {
    const cached = this.today.get(ticker);
    if (cached?.date === date) return cached.bars;
    const bars = this.market.sessionBars(ticker, date);
    this.today.set(ticker, { date, bars });
    return bars;
  }

  /** Moves the cursor to the first regular-session minute at or after it and returns that session. */
  private sessionOfCursor(): SyntheticSession {
    const cached = this.session;
    if (cached && this.cursor >= cached.open && this.cursor < cached.close) return cached;
    let date = sessionDateOf(this.cursor);
    for (;;) {
      const bounds = sessionBounds(date, this.schedule);
      if (bounds && this.cursor < bounds.close) {
        this.cursor = Math.max(this.cursor, bounds.open);
        this.session = this.market.session(date);
        return this.session;
      }
      date = nextTradingDate(date, this.schedule);
    }
  }
}
