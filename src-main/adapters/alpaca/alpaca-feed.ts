import { defaultConfig } from '../../../src-shared/config-schema';
import type { DataFeedStatus } from '../../../src-shared/bot-state';
import type { Bar, Timeframe } from '../../../src-shared/market';
import { SessionLocator } from '../../engine/bar-sessions';
import type { ScheduleConfig } from '../../engine/market-calendar';
import type { Clock, FeedHandler, MarketDataFeed } from '../../engine/ports';
import type { AlpacaCredentials, AlpacaEndpoints } from './endpoints';
import { DataStream } from './alpaca-feed-stream';
import { toBar, type AlpacaDataSource, type StreamBar } from './data-messages';
import { fetchBars, type DataRestOptions } from './data-rest';
import { sessionsBefore } from './data-sessions';
import { globalDataTimers, redactor, type DataTimers } from './data-timers';
import { WarmUpHistory } from './data-warm-up';

/** How many sessions of each Alpaca timeframe `prepare` loads. */
export interface AlpacaLookback {
  /** Sessions of 1Min bars (the 1m, 5m and 10m history). */
  minuteSessions: number;
  /** Sessions of 30Min bars (the 1h history). */
  halfHourSessions: number;
  /** Sessions of 1Day bars (the 1d history). */
  daySessions: number;
}

/**
 * Enough for the engine's warm-up (WARM_UP_BARS: one session of 1m, three of 5m, five of 10m,
 * 120 hours, 130 days) with the current session still forming, half days, and days the
 * calendar does not list as holidays.
 */
export const DEFAULT_LOOKBACK: Readonly<AlpacaLookback> = { minuteSessions: 8, halfHourSessions: 21, daySessions: 150 };

/** Options of {@link AlpacaFeed}. */
export interface AlpacaFeedOptions {
  credentials: AlpacaCredentials;
  /** Only `dataUrl` and `dataStreamUrl` are used. */
  endpoints: Pick<AlpacaEndpoints, 'dataUrl' | 'dataStreamUrl'>;
  /** IEX (free) or SIP (paid). */
  source: AlpacaDataSource;
  clock: Clock;
  /** No bar for longer than this during the session makes the feed 'delayed'; default: the config's stale-data limit. */
  staleAfterMs?: number;
  /** Session hours for history aggregation and the staleness check; default: the default config's. */
  schedule?: ScheduleConfig;
  /** Whether `now` is within the regular session; default: from `schedule`. */
  inSession?: (now: number) => boolean;
  /** Reconnect and retry backoff (full jitter); default 500 ms doubling up to 30 s. */
  backoff?: { baseMs: number; capMs: number };
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** REST request and WebSocket handshake timeout; default 10 s. */
  requestTimeoutMs?: number;
  /** Retries of one REST page (429, 5xx, timeouts); default 6. */
  maxRetries?: number;
  /** How often the staleness check runs; default 1 s. */
  staleCheckMs?: number;
  lookback?: Partial<AlpacaLookback>;
  /** Default: the global timers. */
  timers?: DataTimers;
}

/**
 * Alpaca market data behind the MarketDataFeed port: regular-session minute bars from the
 * WebSocket stream (IEX or SIP), warm-up history from the REST API (loaded by `prepare`,
 * answered by `history`), reconnecting with capped, jittered backoff after a drop. Auth and
 * subscription errors (402, 405, 406, 409, repeated unauthorized) stop it with a fatal
 * `onError` and 'disconnected'. During the session, no bar for longer than the stale-data
 * limit while the socket is up reports 'delayed'; the next bar reports 'connected' again.
 * No message it produces carries the API keys.
 */
export class AlpacaFeed implements MarketDataFeed {
  readonly name: string;
  readonly simulated = false;
  private readonly opts: AlpacaFeedOptions;
  private readonly schedule: ScheduleConfig;
  private readonly timers: DataTimers;
  private readonly staleAfterMs: number;
  private readonly staleCheckMs: number;
  private readonly inSession: (now: number) => boolean;
  private readonly backoff: { baseMs: number; capMs: number; random?: () => number };
  private readonly requestTimeoutMs: number;
  private readonly redact: (text: string) => string;
  private warmUp: WarmUpHistory | null = null;

  private handler: FeedHandler | null = null;
  private stream: DataStream | null = null;
  private tickers: ReadonlySet<string> = new Set();
  private status: DataFeedStatus | null = null;
  /** Open time of the last bar delivered per ticker: a bar not newer is a duplicate. */
  private readonly lastDelivered = new Map<string, number>();
  /** Clock time since which a bar is awaited: the last bar, the subscription or the session's start. */
  private awaitingSince = 0;
  private subscribed = false;
  private wasInSession = false;
  private checkTimer: unknown = null;

  constructor(opts: AlpacaFeedOptions) {
    this.opts = opts;
    const config = defaultConfig();
    this.schedule = opts.schedule ?? config.schedule;
    this.timers = opts.timers ?? globalDataTimers;
    this.staleAfterMs = opts.staleAfterMs ?? config.risk.staleDataSeconds * 1000;
    this.staleCheckMs = opts.staleCheckMs ?? 1000;
    const sessions = new SessionLocator(this.schedule);
    this.inSession = opts.inSession ?? ((now) => sessions.at(now) !== null);
    this.backoff = { ...(opts.backoff ?? { baseMs: 500, capMs: 30_000 }), random: opts.random };
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
    this.redact = redactor([opts.credentials.secretKey, opts.credentials.keyId]);
    this.name = `Alpaca ${opts.source.toUpperCase()}`;
    for (const [what, value] of [
      ['staleAfterMs', this.staleAfterMs],
      ['staleCheckMs', this.staleCheckMs],
      ['requestTimeoutMs', this.requestTimeoutMs],
    ] as const) {
      if (!(value > 0)) throw new RangeError(`${what} must be positive, got ${value}`);
    }
  }

  /**
   * Loads the warm-up history of `tickers` up to `endBefore` over REST (1Min, 30Min and 1Day
   * bars; every page, 429s retried). Rejects with a clear message (never the keys) on refused
   * credentials, a rejected request, or a server that keeps failing.
   */
  async prepare(tickers: readonly string[], endBefore: number): Promise<void> {
    const symbols = [...new Set(tickers)];
    const lookback = { ...DEFAULT_LOOKBACK, ...this.opts.lookback };
    const oldestOpen = (count: number): number =>
      sessionsBefore(endBefore, Math.max(1, count), this.schedule).at(-1)?.open ?? endBefore;
    const rest: DataRestOptions = {
      credentials: this.opts.credentials,
      dataUrl: this.opts.endpoints.dataUrl,
      source: this.opts.source,
      backoff: this.backoff,
      timers: this.timers,
      requestTimeoutMs: this.requestTimeoutMs,
      maxRetries: this.opts.maxRetries ?? 6,
      redact: this.redact,
    };
    const dayStart = new Date(oldestOpen(lookback.daySessions));
    // Daily bars are stamped at midnight New York time, before the open: start at UTC midnight.
    dayStart.setUTCHours(0, 0, 0, 0);
    const minutes = await fetchBars(rest, {
      symbols,
      timeframe: '1Min',
      start: oldestOpen(lookback.minuteSessions),
      end: endBefore,
    });
    const halfHours = await fetchBars(rest, {
      symbols,
      timeframe: '30Min',
      start: oldestOpen(lookback.halfHourSessions),
      end: endBefore,
    });
    const days = await fetchBars(rest, { symbols, timeframe: '1Day', start: dayStart.getTime(), end: endBefore });
    const history = new WarmUpHistory(this.schedule, endBefore);
    for (const ticker of symbols) {
      history.load(ticker, {
        minutes: minutes.get(ticker) ?? [],
        halfHours: halfHours.get(ticker) ?? [],
        days: days.get(ticker) ?? [],
      });
    }
    this.warmUp = history;
  }

  /**
   * The `count` most recent closed `timeframe` bars of `ticker` closed at or before `endBefore`
   * (and before what `prepare` loaded up to), oldest first; [] before `prepare`.
   */
  history(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[] {
    return this.warmUp?.history(ticker, timeframe, count, endBefore) ?? [];
  }

  /** Opens the stream and subscribes to the minute bars of `tickers`; a second connect replaces the first. */
  connect(tickers: readonly string[], handler: FeedHandler): void {
    this.disconnect();
    this.handler = handler;
    this.tickers = new Set(tickers);
    this.subscribed = false;
    this.status = null;
    this.wasInSession = this.inSession(this.opts.clock.now());
    const stream = new DataStream({
      url: `${this.opts.endpoints.dataStreamUrl.replace(/\/+$/, '')}/${this.opts.source}`,
      credentials: this.opts.credentials,
      symbols: [...this.tickers],
      backoff: this.backoff,
      timers: this.timers,
      handshakeTimeoutMs: this.requestTimeoutMs,
      redact: this.redact,
      events: {
        onSubscribed: () => this.onSubscribed(stream),
        onBar: (bar) => this.onStreamBar(stream, bar),
        onDown: (reason, retryInMs) => this.onDown(stream, reason, retryInMs),
        onServerError: (reason) => this.ifCurrent(stream, () => this.error(`Alpaca market data: ${reason}`, false)),
        onFatal: (reason) => this.onFatal(stream, reason),
      },
    });
    this.stream = stream;
    stream.start();
    this.scheduleCheck();
  }

  /** Closes the stream and reports 'disconnected'; does nothing when not connected. */
  disconnect(): void {
    const handler = this.handler;
    this.stream?.stop();
    this.stream = null;
    this.timers.clearTimeout(this.checkTimer);
    this.checkTimer = null;
    if (!handler) return;
    this.handler = null;
    if (this.status !== 'disconnected') handler.onStatus('disconnected');
    this.status = null;
  }

  private ifCurrent(stream: DataStream, fn: () => void): void {
    if (stream === this.stream) fn();
  }

  private onSubscribed(stream: DataStream): void {
    this.ifCurrent(stream, () => {
      this.subscribed = true;
      this.awaitingSince = this.opts.clock.now();
      this.setStatus('connected');
    });
  }

  private onDown(stream: DataStream, reason: string, retryInMs: number): void {
    this.ifCurrent(stream, () => {
      this.subscribed = false;
      this.setStatus('disconnected', `${reason}; reconnecting in ${(retryInMs / 1000).toFixed(1)} s`);
    });
  }

  private onFatal(stream: DataStream, reason: string): void {
    this.ifCurrent(stream, () => {
      this.subscribed = false;
      this.stream = null;
      this.timers.clearTimeout(this.checkTimer);
      this.checkTimer = null;
      const message = `Alpaca market data stopped: ${reason}`;
      this.setStatus('disconnected', message);
      this.error(message, true);
    });
  }

  /** Regular-session minute bars of subscribed tickers, each ticker's in time order, once. */
  private onStreamBar(stream: DataStream, wire: StreamBar): void {
    if (stream !== this.stream || !this.tickers.has(wire.S)) return;
    const bar = toBar(wire.S, '1m', wire);
    if (!bar) return;
    this.awaitingSince = this.opts.clock.now();
    if (this.status === 'delayed') this.setStatus('connected');
    if (!this.inSession(bar.time)) return;
    if (bar.time <= (this.lastDelivered.get(bar.ticker) ?? Number.NEGATIVE_INFINITY)) return;
    this.lastDelivered.set(bar.ticker, bar.time);
    try {
      this.handler?.onBar(bar);
    } catch {
      // A failing consumer must not stop the market data; reporting it is the consumer's job.
    }
  }

  private scheduleCheck(): void {
    this.checkTimer = this.timers.setTimeout(() => {
      this.checkTimer = null;
      if (!this.handler || !this.stream) return;
      this.checkStaleness();
      this.scheduleCheck();
    }, this.staleCheckMs);
  }

  private checkStaleness(): void {
    const now = this.opts.clock.now();
    const inSession = this.inSession(now);
    // Bars are only awaited from the moment the session opens.
    if (inSession && !this.wasInSession) this.awaitingSince = Math.max(this.awaitingSince, now);
    this.wasInSession = inSession;
    if (!this.subscribed) return;
    const silentMs = now - this.awaitingSince;
    if (inSession && silentMs > this.staleAfterMs) {
      this.setStatus('delayed', `no bar from Alpaca for ${Math.round(silentMs / 1000)} s during the session`);
    } else if (this.status === 'delayed') {
      this.setStatus('connected');
    }
  }

  private setStatus(status: DataFeedStatus, detail?: string): void {
    if (status === this.status) return;
    this.status = status;
    this.handler?.onStatus(status, detail === undefined ? undefined : this.redact(detail));
  }

  private error(message: string, fatal: boolean): void {
    this.handler?.onError?.(this.redact(message), fatal);
  }
}
