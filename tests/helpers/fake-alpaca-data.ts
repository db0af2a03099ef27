/**
 * A fake Alpaca market-data server on 127.0.0.1 (random port) for the AlpacaFeed tests: the
 * stream at /v2/iex and /v2/sip and historical bars at GET /v2/stocks/bars, in Alpaca's
 * documented formats, keys checked, with fault injection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AlpacaEndpoints } from '../../src-main/adapters/alpaca/endpoints';

/** A bar in Alpaca's wire format (`t` = the bar's start, RFC 3339). */
export interface FakeWireBar {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n?: number;
  vw?: number;
}

/** Alpaca REST timeframes the fake serves. */
export const FAKE_TIMEFRAMES = ['1Min', '5Min', '10Min', '30Min', '1Hour', '1Day'] as const;
export type FakeTimeframe = (typeof FAKE_TIMEFRAMES)[number];

/** One stream connection as the fake saw it. */
export interface FakeStreamConnection {
  id: number;
  feed: 'iex' | 'sip';
  authenticated: boolean;
  /** Symbols subscribed to for bars. */
  bars: Set<string>;
  /** Every message the client sent, parsed. */
  received: unknown[];
  closed: boolean;
}

/** One REST request as the fake saw it. */
export interface FakeRestRequest {
  path: string;
  query: Record<string, string>;
  status: number;
  /** The raw header values, to check what the client sends. */
  headers: Record<string, string | string[] | undefined>;
}

/** Options of {@link startFakeAlpacaData}. */
export interface FakeAlpacaDataOptions {
  keyId: string;
  secretKey: string;
  /** Most bars per REST page (Alpaca's is 10,000); small values exercise paging. */
  pageSize?: number;
}

/** The running fake; see the module comment. */
export interface FakeAlpacaData {
  /** Endpoints pointing at the fake (the trading URLs point there too and answer 404). */
  readonly endpoints: AlpacaEndpoints;
  readonly connections: readonly FakeStreamConnection[];
  readonly restRequests: readonly FakeRestRequest[];
  /** WebSocket upgrade requests received, refused ones included. */
  readonly handshakes: number;
  /** Sets the REST history of one symbol at one timeframe (any order). */
  setBars(timeframe: FakeTimeframe, symbol: string, bars: readonly FakeWireBar[]): void;
  /** Sends one minute bar to every open connection subscribed to `symbol`; returns how many got it. */
  publishBar(symbol: string, bar: FakeWireBar): number;
  /** Sends several bars as one frame (Alpaca batches messages) to each subscribed connection. */
  publishBars(bars: readonly { symbol: string; bar: FakeWireBar }[]): number;
  /** Sends a stream error message to every open connection (the connection stays open). */
  sendError(code: number, msg: string): void;
  /** Answers every auth from now on with this error (null: check the keys as usual). */
  failAuth(error: { code: number; msg: string } | null): void;
  /** Answers every subscribe from now on with this error (null: subscribe as usual). */
  failSubscribe(error: { code: number; msg: string } | null): void;
  /** Refuses the next `count` WebSocket handshakes with HTTP `status` (429 by default). */
  failHandshakes(count: number, status?: number): void;
  /** Answers the next `count` REST requests with HTTP `status` (429 by default). */
  failRest(count: number, status?: number, retryAfterSeconds?: number): void;
  /** Cuts every open stream connection without a close frame. */
  dropConnections(): void;
  /** Resolves once `predicate` holds, re-checked on every stream or REST event. */
  waitFor(predicate: () => boolean): Promise<void>;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the fake; see {@link FakeAlpacaData}. */
export async function startFakeAlpacaData(opts: FakeAlpacaDataOptions): Promise<FakeAlpacaData> {
  const pageSize = opts.pageSize ?? 10_000;
  const history = new Map<FakeTimeframe, Map<string, FakeWireBar[]>>();
  const connections: FakeStreamConnection[] = [];
  const sockets = new Map<FakeStreamConnection, WebSocket>();
  const restRequests: FakeRestRequest[] = [];
  const waiters = new Set<{ predicate: () => boolean; resolve: () => void }>();
  let handshakes = 0;
  let authError: { code: number; msg: string } | null = null;
  let subscribeError: { code: number; msg: string } | null = null;
  let handshakeFaults = { count: 0, status: 429 };
  let restFaults = { count: 0, status: 429, retryAfter: undefined as number | undefined };

  const changed = (): void => {
    for (const waiter of [...waiters]) {
      if (waiter.predicate()) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  const authorized = (req: IncomingMessage): boolean =>
    req.headers['apca-api-key-id'] === opts.keyId && req.headers['apca-api-secret-key'] === opts.secretKey;

  function handleBars(req: IncomingMessage, res: ServerResponse, url: URL): number {
    const q = url.searchParams;
    if (restFaults.count > 0) {
      restFaults.count -= 1;
      const headers: Record<string, string> =
        restFaults.retryAfter === undefined ? {} : { 'Retry-After': String(restFaults.retryAfter) };
      sendJson(res, restFaults.status, { message: STATUS_TEXT[restFaults.status] ?? 'error' }, headers);
      return restFaults.status;
    }
    if (!authorized(req)) {
      sendJson(res, 401, { message: 'unauthorized.' });
      return 401;
    }
    const symbols = (q.get('symbols') ?? '').split(',').filter((s) => s !== '');
    const timeframe = q.get('timeframe') as FakeTimeframe | null;
    const start = Date.parse(q.get('start') ?? '');
    const end = q.has('end') ? Date.parse(q.get('end') ?? '') : Number.POSITIVE_INFINITY;
    const limit = Number(q.get('limit') ?? '1000');
    const problems = [
      symbols.length === 0 && 'symbols is required',
      !FAKE_TIMEFRAMES.includes(timeframe as FakeTimeframe) && `invalid timeframe ${timeframe}`,
      !Number.isFinite(start) && 'invalid start',
      Number.isNaN(end) && 'invalid end',
      !(Number.isInteger(limit) && limit >= 1 && limit <= 10_000) && 'invalid limit',
      !['iex', 'sip'].includes(q.get('feed') ?? 'sip') && 'invalid feed',
      !['raw', 'split', 'dividend', 'all'].includes(q.get('adjustment') ?? 'raw') && 'invalid adjustment',
      q.get('sort') === 'desc' && 'the fake only sorts ascending',
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) {
      sendJson(res, 400, { message: problems.join('; ') });
      return 400;
    }
    const series = history.get(timeframe as FakeTimeframe) ?? new Map<string, FakeWireBar[]>();
    // Alpaca pages through the symbols in alphabetical order, each symbol's bars oldest first.
    const all = [...new Set(symbols)]
      .sort()
      .flatMap((symbol) =>
        (series.get(symbol) ?? [])
          .filter((bar) => Date.parse(bar.t) >= start && Date.parse(bar.t) <= end)
          .map((bar) => ({ symbol, bar })),
      );
    const token = q.get('page_token');
    const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
    const size = Math.min(limit, pageSize);
    const page = all.slice(offset, offset + size);
    const bars: Record<string, FakeWireBar[]> = {};
    for (const { symbol, bar } of page) (bars[symbol] ??= []).push(bar);
    const next = offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64url') : null;
    sendJson(res, 200, { bars, next_page_token: next });
    return 200;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let status = 404;
    if (req.method === 'GET' && url.pathname === '/v2/stocks/bars') status = handleBars(req, res, url);
    else sendJson(res, 404, { message: 'not found' });
    restRequests.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
      headers: { ...req.headers },
    });
    changed();
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handshakes += 1;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const feed = path === '/v2/iex' ? 'iex' : path === '/v2/sip' ? 'sip' : null;
    const refuse = (status: number): void => {
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      changed();
    };
    if (handshakeFaults.count > 0) {
      handshakeFaults.count -= 1;
      refuse(handshakeFaults.status);
      return;
    }
    if (!feed) {
      refuse(404);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, feed));
  });

  function send(ws: WebSocket, messages: unknown[]): void {
    ws.send(JSON.stringify(messages));
  }

  function accept(ws: WebSocket, feed: 'iex' | 'sip'): void {
    const conn: FakeStreamConnection = {
      id: connections.length + 1,
      feed,
      authenticated: false,
      bars: new Set(),
      received: [],
      closed: false,
    };
    connections.push(conn);
    sockets.set(conn, ws);
    ws.on('close', () => {
      conn.closed = true;
      sockets.delete(conn);
      changed();
    });
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let message: { action?: unknown; key?: unknown; secret?: unknown; bars?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        send(ws, [{ T: 'error', code: 400, msg: 'invalid syntax' }]);
        return;
      }
      conn.received.push(message);
      if (message.action === 'auth') {
        if (authError) send(ws, [{ T: 'error', ...authError }]);
        else if (message.key !== opts.keyId || message.secret !== opts.secretKey) {
          send(ws, [{ T: 'error', code: 402, msg: 'auth failed' }]);
        } else {
          conn.authenticated = true;
          send(ws, [{ T: 'success', msg: 'authenticated' }]);
        }
      } else if (message.action === 'subscribe') {
        if (!conn.authenticated) send(ws, [{ T: 'error', code: 401, msg: 'not authenticated' }]);
        else if (subscribeError) send(ws, [{ T: 'error', ...subscribeError }]);
        else {
          for (const symbol of Array.isArray(message.bars) ? message.bars : []) conn.bars.add(String(symbol));
          send(ws, [
            {
              T: 'subscription',
              trades: [],
              quotes: [],
              bars: [...conn.bars],
              updatedBars: [],
              dailyBars: [],
              statuses: [],
              lulds: [],
              corrections: [],
              cancelErrors: [],
            },
          ]);
        }
      } else {
        send(ws, [{ T: 'error', code: 400, msg: 'invalid syntax' }]);
      }
      changed();
    });
    send(ws, [{ T: 'success', msg: 'connected' }]);
    changed();
  }

  function publishBars(bars: readonly { symbol: string; bar: FakeWireBar }[]): number {
    let reached = 0;
    for (const [conn, ws] of sockets) {
      const frame = bars
        .filter(({ symbol }) => conn.authenticated && (conn.bars.has(symbol) || conn.bars.has('*')))
        .map(({ symbol, bar }) => ({ T: 'b', S: symbol, ...bar }));
      if (frame.length > 0) {
        send(ws, frame);
        reached += 1;
      }
    }
    return reached;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const http = `http://127.0.0.1:${port}`;
  const wsBase = `ws://127.0.0.1:${port}`;

  return {
    endpoints: { tradingUrl: http, tradingStreamUrl: `${wsBase}/stream`, dataUrl: http, dataStreamUrl: `${wsBase}/v2` },
    connections,
    restRequests,
    get handshakes() {
      return handshakes;
    },
    setBars(timeframe, symbol, bars) {
      let series = history.get(timeframe);
      if (!series) history.set(timeframe, (series = new Map()));
      series.set(
        symbol,
        [...bars].sort((a, b) => Date.parse(a.t) - Date.parse(b.t)),
      );
    },
    publishBar: (symbol, bar) => publishBars([{ symbol, bar }]),
    publishBars,
    sendError(code, msg) {
      for (const ws of sockets.values()) send(ws, [{ T: 'error', code, msg }]);
    },
    failAuth(error) {
      authError = error;
    },
    failSubscribe(error) {
      subscribeError = error;
    },
    failHandshakes(count, status = 429) {
      handshakeFaults = { count, status };
    },
    failRest(count, status = 429, retryAfterSeconds) {
      restFaults = { count, status, retryAfter: retryAfterSeconds };
    },
    dropConnections() {
      for (const ws of sockets.values()) ws.terminate();
    },
    waitFor(predicate) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve) => waiters.add({ predicate, resolve }));
    },
    async close() {
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
