/**
 * Historical bars over Alpaca's market-data REST API (`GET /v2/stocks/bars`): every page of a
 * request, with 429/5xx/network failures retried after a capped, jittered backoff.
 */
import { authHeaders, type AlpacaCredentials } from './endpoints';
import { backoffDelay, type BackoffOptions } from './backoff';
import { BarsPageSchema, type AlpacaDataSource, type WireBar } from './data-messages';
import { sleep, type DataTimers } from './data-timers';
import { errorMessage } from '../../../src-shared/error-message';

/** Alpaca bar timeframes the feed requests. */
export type AlpacaBarTimeframe = '1Min' | '30Min' | '1Day';

/** One historical request: bars of `timeframe` for `symbols` with start ≤ t ≤ end (epoch ms). */
export interface BarsQuery {
  symbols: readonly string[];
  timeframe: AlpacaBarTimeframe;
  start: number;
  end: number;
}

/** How the REST client reaches Alpaca and how hard it retries. */
export interface DataRestOptions {
  credentials: AlpacaCredentials;
  dataUrl: string;
  source: AlpacaDataSource;
  backoff: BackoffOptions;
  timers: DataTimers;
  requestTimeoutMs: number;
  /** Retries of one page after 429, 5xx, a timeout or a network error. */
  maxRetries: number;
  /** Scrubs secrets from text that may end up in an error message. */
  redact: (text: string) => string;
}

/** Alpaca's largest page. */
const PAGE_LIMIT = 10_000;
/** Symbols per request, keeping URLs well below common limits. */
const SYMBOLS_PER_REQUEST = 50;

/** A failed history request; the message is safe to show (no secrets). */
export class AlpacaDataError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AlpacaDataError';
  }
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), if it says. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The server's own explanation (`{"message": …}`), else the status line. */
async function reasonOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
      return body.message;
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
}

function pageUrl(opts: DataRestOptions, query: BarsQuery, symbols: readonly string[], token?: string): string {
  const url = new URL('/v2/stocks/bars', opts.dataUrl);
  const params = url.searchParams;
  params.set('symbols', symbols.join(','));
  params.set('timeframe', query.timeframe);
  params.set('start', new Date(query.start).toISOString());
  params.set('end', new Date(query.end).toISOString());
  params.set('limit', String(PAGE_LIMIT));
  params.set('feed', opts.source);
  params.set('adjustment', 'raw');
  params.set('sort', 'asc');
  if (token) params.set('page_token', token);
  return url.toString();
}

/** One page, retried on 429, 5xx, timeouts and network errors; rejects on anything else. */
async function fetchPage(opts: DataRestOptions, url: string, what: string): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    let retryReason: string;
    let serverDelay: number | undefined;
    try {
      const res = await fetch(url, {
        headers: { ...authHeaders(opts.credentials), Accept: 'application/json' },
        signal: AbortSignal.timeout(opts.requestTimeoutMs),
      });
      if (res.ok) return (await res.json()) as unknown;
      const reason = opts.redact(await reasonOf(res));
      if (res.status === 401 || res.status === 403) {
        throw new AlpacaDataError(
          `Alpaca market data refused the API key (HTTP ${res.status}: ${reason}) while loading ${what}; check the key pair and the data subscription`,
          res.status,
        );
      }
      if (res.status !== 429 && res.status < 500) {
        throw new AlpacaDataError(
          `Alpaca market data rejected the request for ${what} (HTTP ${res.status}: ${reason})`,
          res.status,
        );
      }
      retryReason = `HTTP ${res.status}: ${reason}`;
      serverDelay = retryAfterMs(res.headers.get('retry-after'), Date.now());
    } catch (error) {
      if (error instanceof AlpacaDataError) throw error;
      retryReason = opts.redact(errorMessage(error));
    }
    if (attempt >= opts.maxRetries) {
      throw new AlpacaDataError(
        `Alpaca market data did not answer the request for ${what} after ${attempt + 1} attempts (${retryReason})`,
      );
    }
    const backoff = backoffDelay(attempt, opts.backoff);
    await sleep(opts.timers, Math.max(backoff, Math.min(serverDelay ?? 0, opts.backoff.capMs)));
  }
}

/**
 * Every bar of `query`, following `next_page_token` until the last page, per symbol in time
 * order. Rejects with an {@link AlpacaDataError} whose message names what failed and never
 * carries a key.
 */
export async function fetchBars(opts: DataRestOptions, query: BarsQuery): Promise<Map<string, WireBar[]>> {
  const out = new Map<string, WireBar[]>();
  for (let i = 0; i < query.symbols.length; i += SYMBOLS_PER_REQUEST) {
    const symbols = query.symbols.slice(i, i + SYMBOLS_PER_REQUEST);
    const what = `${query.timeframe} bars of ${symbols.join(', ')}`;
    let token: string | undefined;
    do {
      const raw = await fetchPage(opts, pageUrl(opts, query, symbols, token), what);
      const page = BarsPageSchema.safeParse(raw);
      if (!page.success) throw new AlpacaDataError(`Alpaca market data sent a malformed page of ${what}`);
      for (const [symbol, bars] of Object.entries(page.data.bars ?? {})) {
        const list = out.get(symbol);
        if (list) list.push(...bars);
        else out.set(symbol, [...bars]);
      }
      token = page.data.next_page_token ?? undefined;
    } while (token);
  }
  return out;
}
