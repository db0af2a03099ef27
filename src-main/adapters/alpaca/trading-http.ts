import { backoffDelay } from './backoff';
import { authHeaders, type AlpacaCredentials } from './endpoints';
import type { RateLimiter, RequestLane } from './rate-limiter';

/** The broker could not be reached or did not answer in time; whether it acted is unknown. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The keys were refused (401, or 403 outside order placement): fatal, never retried. */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The broker answered with an error status that the caller did not expect. */
export class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** A reply: status and parsed JSON body (undefined when empty or not JSON). */
export interface HttpReply {
  status: number;
  body: unknown;
  /** Alpaca's `message` from an error body, redacted. */
  message: string;
}

export interface TradingHttpOptions {
  baseUrl: string;
  credentials: AlpacaCredentials;
  limiter: RateLimiter;
  requestTimeoutMs: number;
  backoff: { baseMs: number; capMs: number };
  random?: () => number;
  /** How many 429s an ordinary request sits out before it fails (the kill lane never gives up). */
  maxRateLimitRetries?: number;
  /** Told about every refusal of the keys, before the AuthError is thrown. */
  onAuthFailure?: (detail: string) => void;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  lane: RequestLane;
  /** Aborts waiting (rate limit, backoff) and the request itself. */
  signal?: AbortSignal;
  /** Aborts only the waits (rate limit, 429 backoff): never a request already on the wire. */
  waitSignal?: AbortSignal;
  /** Called just before each attempt goes on the wire, and when its reply (any status) is in. */
  onSend?: () => void;
  onReply?: () => void;
  /** Order placement: a 403 there is Alpaca refusing the order (buying power, wash trade), not the keys. */
  forbiddenIsRefusal?: boolean;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or null when
 * absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Alpaca's trading REST API through one rate limiter: every request waits for its lane's
 * budget, carries the key headers, times out after `requestTimeoutMs`, and sits out 429s with
 * jittered backoff (at least what `Retry-After` asks). Other statuses go back to the caller,
 * except refused keys, which throw AuthError. Messages never carry the keys.
 */
export class TradingHttp {
  private readonly opts: TradingHttpOptions;
  private readonly secrets: string[];

  constructor(opts: TradingHttpOptions) {
    this.opts = opts;
    this.secrets = [opts.credentials.secretKey, opts.credentials.keyId].filter((s) => s.length > 0);
  }

  /** Replaces the keys wherever they appear (an echoing proxy, a URL in an error). */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  /** Sends one request, retrying 429s; throws TransportError, AuthError, or the abort reason. */
  async request(spec: RequestSpec): Promise<HttpReply> {
    const maxRetries = spec.lane === 'kill' ? Infinity : (this.opts.maxRateLimitRetries ?? 8);
    const waits = anySignal(spec.signal, spec.waitSignal);
    for (let attempt = 0; ; attempt++) {
      await this.opts.limiter.acquire(spec.lane, waits);
      spec.onSend?.();
      const reply = await this.once(spec);
      spec.onReply?.();
      if (reply.status !== 429) return reply;
      if (attempt >= maxRetries) {
        throw new HttpStatusError(`Alpaca ${this.describe(spec)} rate limited ${attempt + 1} times`, 429);
      }
      await sleep(this.rateLimitDelay(reply, attempt), waits);
    }
  }

  /** Sends `spec` and fails unless the status is 2xx (or one of `accept`). */
  async expectOk(spec: RequestSpec, accept: readonly number[] = []): Promise<HttpReply> {
    const reply = await this.request(spec);
    if ((reply.status >= 200 && reply.status < 300) || accept.includes(reply.status)) return reply;
    throw new HttpStatusError(this.failure(spec, reply), reply.status);
  }

  /** "Alpaca GET /v2/positions failed: HTTP 503 (message)", redacted. */
  failure(spec: Pick<RequestSpec, 'method' | 'path'>, reply: HttpReply): string {
    const detail = reply.message ? ` (${reply.message})` : '';
    return this.redact(`Alpaca ${this.describe(spec)} failed: HTTP ${reply.status}${detail}`);
  }

  backoff(attempt: number): number {
    return backoffDelay(attempt, { ...this.opts.backoff, random: this.opts.random });
  }

  private rateLimitDelay(reply: HttpReply & { retryAfter?: number | null }, attempt: number): number {
    const jittered = this.backoff(attempt);
    return reply.retryAfter != null ? Math.max(reply.retryAfter, jittered) : jittered;
  }

  private describe(spec: Pick<RequestSpec, 'method' | 'path'>): string {
    return `${spec.method} ${spec.path}`;
  }

  private async once(spec: RequestSpec): Promise<HttpReply & { retryAfter?: number | null }> {
    const url = new URL(spec.path, this.opts.baseUrl);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    const timeout = AbortSignal.timeout(this.opts.requestTimeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const headers: Record<string, string> = { ...authHeaders(this.opts.credentials), accept: 'application/json' };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    let retryAfter: number | null;
    try {
      const res = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal,
      });
      status = res.status;
      retryAfter = retryAfterMs(res.headers.get('retry-after'), Date.now());
      text = await res.text();
    } catch (err) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const timedOut = timeout.aborted;
      const why = timedOut
        ? `no answer within ${this.opts.requestTimeoutMs} ms`
        : err instanceof Error
          ? err.message
          : String(err);
      throw new TransportError(this.redact(`Alpaca ${this.describe(spec)}: ${why}`), timedOut);
    }
    const body = parseJson(text);
    const reply = { status, body, message: this.redact(messageOf(body, text)), retryAfter };
    const refusedKeys =
      status === 401 || (status === 403 && !(spec.forbiddenIsRefusal && !looksLikeAuth(reply.message)));
    if (refusedKeys) {
      const detail = this.redact(
        `Alpaca refused the API keys (HTTP ${status}${reply.message ? `: ${reply.message}` : ''})`,
      );
      this.opts.onAuthFailure?.(detail);
      throw new AuthError(detail);
    }
    return reply;
  }
}

function anySignal(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown, text: string): string {
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') return body.message;
  return body === undefined ? text.slice(0, 200) : '';
}

/** Alpaca's key refusals read "unauthorized." / "forbidden." / "request is not authorized". */
function looksLikeAuth(message: string): boolean {
  return /^(unauthorized|forbidden)\.?$|not authorized|api key/i.test(message.trim());
}
