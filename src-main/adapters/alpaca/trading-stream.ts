import WebSocket, { type RawData } from 'ws';
import { backoffDelay } from './backoff';
import type { AlpacaCredentials } from './endpoints';
import { streamFrameSchema, tradeUpdateSchema, type TradeUpdate } from './trading-types';

/** How the stream stands; `failed` is final (keys refused, stream not granted). */
export type StreamState = 'connected' | 'disconnected' | 'failed';

export interface TradeUpdatesStreamOptions {
  url: string;
  credentials: AlpacaCredentials;
  backoff: { baseMs: number; capMs: number };
  random?: () => number;
  /** Time allowed from opening the socket to the `listening` reply. */
  handshakeTimeoutMs: number;
  /** A ping every this many ms; a socket that did not answer the previous one is dropped. */
  pingIntervalMs: number;
  onUpdate(update: TradeUpdate): void;
  /** `reconnected` is true when a connection after a drop is up again (events may have been missed). */
  onState(state: StreamState, detail: string, reconnected: boolean): void;
  redact(text: string): string;
}

/**
 * Alpaca's `trade_updates` stream: authenticate, listen, deliver events in arrival order.
 * Frames may be text or binary (paper sends binary). After the first success a dropped
 * connection is retried with capped jittered backoff; refused keys end it for good.
 */
export class TradeUpdatesStream {
  private readonly opts: TradeUpdatesStreamOptions;
  private socket: WebSocket | null = null;
  private stopped = true;
  private everListened = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private handshakeTimer: ReturnType<typeof setTimeout> | null = null;
  private firstResult: { resolve: () => void; reject: (err: Error) => void } | null = null;

  constructor(opts: TradeUpdatesStreamOptions) {
    this.opts = opts;
  }

  /** Resolves once listening; rejects when the first attempt fails (then nothing retries). */
  start(): Promise<void> {
    this.stopped = false;
    this.everListened = false;
    this.attempt = 0;
    return new Promise((resolve, reject) => {
      this.firstResult = { resolve, reject };
      this.open();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeSocket();
    this.firstResult?.reject(new Error('Alpaca trade updates stream stopped'));
    this.firstResult = null;
  }

  private open(): void {
    const ws = new WebSocket(this.opts.url);
    this.socket = ws;
    let alive = true;
    this.handshakeTimer = setTimeout(() => this.lost(ws, 'no listening reply in time'), this.opts.handshakeTimeoutMs);
    ws.on('open', () => {
      ws.send(
        JSON.stringify({ action: 'auth', key: this.opts.credentials.keyId, secret: this.opts.credentials.secretKey }),
      );
      this.pingTimer = setInterval(() => {
        if (!alive) {
          this.lost(ws, 'no pong');
          return;
        }
        alive = false;
        ws.ping();
      }, this.opts.pingIntervalMs);
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('message', (data) => this.onFrame(ws, data));
    ws.on('error', (err) => this.lost(ws, err.message));
    ws.on('close', (code) => this.lost(ws, `closed (${code})`));
  }

  private onFrame(ws: WebSocket, data: RawData): void {
    if (ws !== this.socket) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawText(data));
    } catch {
      return;
    }
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
      const frame = streamFrameSchema.safeParse(item);
      if (!frame.success) continue;
      const { stream, data: payload } = frame.data;
      if (stream === 'authorization') this.onAuthorization(ws, payload);
      else if (stream === 'listening') this.onListening(payload);
      else if (stream === 'trade_updates') {
        const update = tradeUpdateSchema.safeParse(payload);
        if (update.success) this.opts.onUpdate(update.data);
      }
    }
  }

  private onAuthorization(ws: WebSocket, payload: unknown): void {
    const status = field(payload, 'status');
    if (status === 'authorized') {
      ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
      return;
    }
    const message = field(payload, 'message');
    this.fail(
      `Alpaca refused the API keys on the trade updates stream (${status || 'unauthorized'}${message ? `: ${message}` : ''})`,
    );
  }

  private onListening(payload: unknown): void {
    const streams = payload && typeof payload === 'object' && 'streams' in payload ? payload.streams : undefined;
    if (!Array.isArray(streams) || !streams.includes('trade_updates')) {
      this.fail('Alpaca did not grant the trade_updates stream');
      return;
    }
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    const reconnected = this.everListened;
    this.everListened = true;
    this.attempt = 0;
    this.opts.onState('connected', 'listening to trade updates', reconnected);
    this.firstResult?.resolve();
    this.firstResult = null;
  }

  /** Final: no retries. */
  private fail(detail: string): void {
    const message = this.opts.redact(detail);
    this.stopped = true;
    this.closeSocket();
    this.firstResult?.reject(new Error(message));
    this.firstResult = null;
    this.opts.onState('failed', message, false);
  }

  private lost(ws: WebSocket, why: string): void {
    if (ws !== this.socket) return;
    this.closeSocket();
    if (this.stopped) return;
    const detail = this.opts.redact(`Alpaca trade updates stream lost: ${why}`);
    if (!this.everListened) {
      this.stopped = true;
      this.firstResult?.reject(new Error(detail));
      this.firstResult = null;
      return;
    }
    this.opts.onState('disconnected', `${detail}; reconnecting`, false);
    const delay = backoffDelay(this.attempt++, { ...this.opts.backoff, random: this.opts.random });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private closeSocket(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.pingTimer = null;
    this.handshakeTimer = null;
    const ws = this.socket;
    this.socket = null;
    if (!ws) return;
    ws.removeAllListeners('message');
    ws.on('error', () => undefined);
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function field(payload: unknown, key: string): string {
  if (payload && typeof payload === 'object' && key in payload) {
    const v = (payload as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : '';
  }
  return '';
}
