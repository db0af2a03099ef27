/**
 * The Alpaca market-data WebSocket as a self-healing connection: connect, authenticate with a
 * message, subscribe to minute bars; after a drop, reconnect with capped, jittered backoff and
 * do all of it again. Errors that retrying cannot cure stop it for good.
 */
import WebSocket from 'ws';
import type { AlpacaCredentials } from './endpoints';
import { backoffDelay, type BackoffOptions } from './backoff';
import { parseStreamFrame, type StreamBar, type StreamMessage } from './data-messages';
import type { DataTimers } from './data-timers';

/**
 * Stream error codes after which reconnecting cannot help: auth failed (402), symbol limit (405),
 * connection limit exceeded (406), insufficient subscription (409).
 */
const FATAL_CODES: ReadonlyMap<number, string> = new Map([
  [402, 'authentication failed: check the API key pair'],
  [405, 'symbol limit exceeded: the subscription allows fewer symbols'],
  [406, 'connection limit exceeded: another client is already connected with this key'],
  [409, 'insufficient subscription: the account has no access to this data feed'],
]);
/** Unauthorized answers in a row (without a successful login between) before giving up. */
const MAX_UNAUTHORIZED = 3;

/** What the stream reports to its owner. */
export interface DataStreamEvents {
  /** The subscription is confirmed (after each connect or reconnect). */
  onSubscribed(symbols: readonly string[]): void;
  onBar(bar: StreamBar): void;
  /** The connection is down; a reconnect is scheduled in `retryInMs`. */
  onDown(reason: string, retryInMs: number): void;
  /** An error the server reported that does not stop the stream. */
  onServerError(reason: string): void;
  /** The stream gave up for good. */
  onFatal(reason: string): void;
}

/** Options of {@link DataStream}. */
export interface DataStreamOptions {
  /** The full stream URL, e.g. wss://stream.data.alpaca.markets/v2/iex */
  url: string;
  credentials: AlpacaCredentials;
  symbols: readonly string[];
  backoff: BackoffOptions;
  timers: DataTimers;
  handshakeTimeoutMs: number;
  redact: (text: string) => string;
  events: DataStreamEvents;
}

/** One subscription's connection to Alpaca's market-data stream; see the module comment. */
export class DataStream {
  private socket: WebSocket | null = null;
  private reconnectTimer: unknown = null;
  /** Failed attempts since the last confirmed subscription. */
  private failures = 0;
  private unauthorized = 0;
  private stopped = false;
  /** Why the current socket is going down, when we know better than its close code. */
  private downReason: string | null = null;

  constructor(private readonly opts: DataStreamOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Closes the socket and cancels any reconnect; reports nothing. */
  stop(): void {
    this.stopped = true;
    this.opts.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.close(this.socket);
    this.socket = null;
  }

  private open(): void {
    const ws = new WebSocket(this.opts.url, { handshakeTimeout: this.opts.handshakeTimeoutMs });
    this.socket = ws;
    this.downReason = null;
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (status === 401 || status === 403) this.unauthorized += 1;
      this.downReason = `the server refused the connection (HTTP ${status})`;
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (ws === this.socket && this.downReason === null) this.downReason = this.opts.redact(error.message);
    });
    ws.on('message', (data) => {
      if (ws !== this.socket) return;
      for (const message of parseStreamFrame(data.toString())) {
        if (ws !== this.socket) return;
        this.handle(ws, message);
      }
    });
    ws.on('close', (code) => {
      if (ws !== this.socket || this.stopped) return;
      this.socket = null;
      if (this.unauthorized >= MAX_UNAUTHORIZED) {
        this.fail('not authorized: the API key was refused repeatedly');
        return;
      }
      const reason = this.downReason ?? `connection closed (code ${code})`;
      const delay = backoffDelay(this.failures, this.opts.backoff);
      this.failures += 1;
      this.opts.events.onDown(reason, delay);
      this.reconnectTimer = this.opts.timers.setTimeout(() => {
        this.reconnectTimer = null;
        if (!this.stopped) this.open();
      }, delay);
    });
  }

  private handle(ws: WebSocket, message: StreamMessage): void {
    const { credentials, symbols, events } = this.opts;
    switch (message.T) {
      case 'success':
        if (message.msg === 'connected') {
          ws.send(JSON.stringify({ action: 'auth', key: credentials.keyId, secret: credentials.secretKey }));
        } else if (message.msg === 'authenticated') {
          this.unauthorized = 0;
          if (symbols.length > 0) ws.send(JSON.stringify({ action: 'subscribe', bars: symbols }));
          else this.subscribed([]);
        }
        return;
      case 'subscription':
        this.subscribed(message.bars);
        return;
      case 'b':
        events.onBar(message);
        return;
      case 'error':
        this.serverError(ws, message.code, this.opts.redact(message.msg));
        return;
    }
  }

  private subscribed(symbols: readonly string[]): void {
    this.failures = 0;
    this.opts.events.onSubscribed(symbols);
  }

  private serverError(ws: WebSocket, code: number, msg: string): void {
    const fatal = FATAL_CODES.get(code);
    if (fatal !== undefined) {
      this.fail(`${fatal} (${code} ${msg})`);
      return;
    }
    const reason = `server error ${code}${msg ? ` ${msg}` : ''}`;
    if (code === 401) this.unauthorized += 1;
    this.downReason = reason;
    this.opts.events.onServerError(reason);
    // After an error the session is in an unknown state: start over with a fresh connection.
    this.close(ws);
  }

  private fail(reason: string): void {
    this.stop();
    this.opts.events.onFatal(reason);
  }

  private close(ws: WebSocket | null): void {
    if (!ws) return;
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  }
}
