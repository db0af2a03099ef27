import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AlpacaEndpoints } from '../../src-main/adapters/alpaca/endpoints';
import {
  FakeTradingBook,
  OCC,
  isOpen,
  wireOrder,
  type FakeOrder,
  type FakeTradeEvent,
} from './fake-alpaca-trading-state';

/**
 * A fake of Alpaca's trading API on 127.0.0.1 (REST under /v2 and the trade_updates stream at
 * /stream), speaking the documented formats, with fault injection. Tests point the production
 * adapter at `endpoints`.
 */

/** One request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Status replied; null while unanswered (timeout-after-accept). */
  status: number | null;
}

/** Matches requests by method and path (exact string or pattern); both optional. */
export interface RouteMatch {
  method?: string;
  path?: string | RegExp;
}

/** What market orders do when they arrive. */
export type AutoFill =
  | { mode: 'none' }
  | { mode: 'immediate'; price?: number }
  /** Fills market orders in these parts (the last part takes what is left). */
  | { mode: 'partial'; parts: number[]; price?: number };

export interface FakeFaults {
  /** The next `times` matching requests get 429 (with `Retry-After` when given). */
  rateLimit(times: number, opts?: { match?: RouteMatch; retryAfter?: string }): void;
  /** The next `times` matching requests get a 5xx; with `afterAccept` a POST /v2/orders is booked first. */
  serverError(
    match: RouteMatch,
    times: number,
    opts?: { status?: number; afterAccept?: boolean; message?: string },
  ): void;
  /** The next `times` POST /v2/orders are booked and never answered. */
  timeoutAfterAccept(times: number): void;
  /** The next `times` look-ups by client order id answer 404 even when the order exists. */
  lookupNotFound(times: number): void;
  /** The next `rounds` DELETE /v2/orders fail (status 500 in the 207) for `count` orders (default all). */
  cancelAllFailures(rounds: number, count?: number): void;
  /** Stream connections are refused while true. */
  refuseStream: boolean;
  /** The stream answers `unauthorized` to any key while true. */
  rejectStreamAuth: boolean;
}

export interface FakeAlpacaTrading {
  endpoints: AlpacaEndpoints;
  requests: RecordedRequest[];
  book: FakeTradingBook;
  faults: FakeFaults;
  /** Every trade_updates event produced, in order (also those held or not delivered). */
  events: FakeTradeEvent[];
  setAutoFill(fill: AutoFill): void;
  /** Fills `qty` of the order at `price` (a fill or partial_fill event follows). */
  fill(clientOrderId: string, qty: number, price: number): void;
  order(clientOrderId: string): FakeOrder | undefined;
  /** Events are kept back (not sent) until `releaseEvents`. */
  holdEvents(): void;
  /** Sends the held events, optionally reordered or duplicated, and sends live again. */
  releaseEvents(transform?: (held: FakeTradeEvent[]) => FakeTradeEvent[]): void;
  /** Sends one event to every listening client (a duplicate, a late one). */
  sendEvent(event: FakeTradeEvent): void;
  /** Clients authorized and listening to trade_updates. */
  listeners(): number;
  /** Stream connections accepted so far. */
  streamConnections(): number;
  /** Kills every stream connection (no close handshake). */
  dropStream(): void;
  close(): Promise<void>;
}

export interface FakeAlpacaTradingOptions {
  keyId: string;
  secretKey: string;
  /** Stream frames as binary (Alpaca paper does) or text; default binary. */
  binaryFrames?: boolean;
}

interface FaultRule {
  match: RouteMatch;
  left: number;
  apply: 'rate' | 'error' | 'timeout' | 'lookup404';
  status?: number;
  retryAfter?: string;
  afterAccept?: boolean;
  message?: string;
}

const matches = (m: RouteMatch, method: string, path: string): boolean =>
  (m.method === undefined || m.method === method) &&
  (m.path === undefined || (typeof m.path === 'string' ? m.path === path : m.path.test(path)));

export async function startFakeAlpacaTrading(opts: FakeAlpacaTradingOptions): Promise<FakeAlpacaTrading> {
  const binary = opts.binaryFrames ?? true;
  const requests: RecordedRequest[] = [];
  const events: FakeTradeEvent[] = [];
  const rules: FaultRule[] = [];
  const cancelAllFaults = { rounds: 0, count: Infinity };
  const hanging = new Set<ServerResponse>();
  const clients = new Map<WebSocket, { authorized: boolean; listening: boolean }>();
  let autoFill: AutoFill = { mode: 'immediate' };
  let held: FakeTradeEvent[] | null = null;
  let connections = 0;

  const send = (event: FakeTradeEvent): void => {
    const text = JSON.stringify(event);
    for (const [ws, c] of clients) if (c.listening) ws.send(binary ? Buffer.from(text) : text, { binary });
  };
  const book = new FakeTradingBook((event) => {
    events.push(event);
    if (held) held.push(event);
    else send(event);
  });

  const faults: FakeFaults = {
    rateLimit: (times, o = {}) =>
      rules.push({ match: o.match ?? {}, left: times, apply: 'rate', retryAfter: o.retryAfter }),
    serverError: (match, times, o = {}) =>
      rules.push({
        match,
        left: times,
        apply: 'error',
        status: o.status ?? 500,
        afterAccept: o.afterAccept,
        message: o.message,
      }),
    timeoutAfterAccept: (times) =>
      rules.push({ match: { method: 'POST', path: '/v2/orders' }, left: times, apply: 'timeout' }),
    lookupNotFound: (times) =>
      rules.push({ match: { method: 'GET', path: '/v2/orders:by_client_order_id' }, left: times, apply: 'lookup404' }),
    cancelAllFailures: (rounds, count = Infinity) => Object.assign(cancelAllFaults, { rounds, count }),
    refuseStream: false,
    rejectStreamAuth: false,
  };

  /** After the reply: 'new', then what the auto-fill mode fills of a market order. */
  const afterAccept = (order: FakeOrder): void => {
    setImmediate(() => {
      if (!isOpen(order)) return;
      book.announce(order);
      if (order.type !== 'market' || autoFill.mode === 'none') return;
      const price = autoFill.price ?? book.priceOf(order.symbol);
      const parts = autoFill.mode === 'partial' ? autoFill.parts : [order.qty];
      for (const part of parts) {
        const left = order.qty - order.filled_qty;
        if (left <= 0 || !isOpen(order)) break;
        book.fill(order, Math.min(part, left), price);
      }
      const left = order.qty - order.filled_qty;
      if (left > 0 && autoFill.mode === 'partial' && isOpen(order)) book.fill(order, left, price);
    });
  };

  const json = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: number, message: string): void =>
    json(res, status, { code, message });

  /** Validates and books POST /v2/orders; returns the order or has answered the error. */
  const createOrder = (body: unknown, res: ServerResponse): FakeOrder | null => {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const num = (k: string): number | null =>
      b[k] === undefined || b[k] === null ? null : Number(typeof b[k] === 'number' ? b[k] : String(b[k]));
    const symbol = str('symbol');
    const qty = num('qty');
    const side = str('side');
    const type = str('type');
    const tif = str('time_in_force');
    const clientId = str('client_order_id') ?? `auto-${requests.length}`;
    const isOption = symbol !== undefined && OCC.test(symbol);
    const invalid = (message: string): null => (error(res, 422, 40010000, message), null);
    if (!symbol) return invalid('symbol is required');
    if (qty === null || !(qty > 0) || !Number.isFinite(qty)) return invalid('qty must be > 0');
    if (isOption && !Number.isInteger(qty)) return invalid('qty must be integer for options');
    if (side !== 'buy' && side !== 'sell') return invalid('invalid side');
    if (!['market', 'limit', 'stop', 'stop_limit'].includes(type ?? '')) return invalid('invalid order type');
    if (!['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'].includes(tif ?? '')) return invalid('invalid time_in_force');
    if (isOption && tif !== 'day') return invalid('options orders must be day orders');
    if ((type === 'stop' || type === 'stop_limit') && !(num('stop_price')! > 0))
      return invalid('stop_price is required');
    if ((type === 'limit' || type === 'stop_limit') && !(num('limit_price')! > 0))
      return invalid('limit_price is required');
    if (clientId.length > 48) return invalid('client_order_id must be no more than 48 characters');
    if (book.byClientId(clientId)) return invalid('client_order_id must be unique');
    if (side === 'sell' && qty > book.sellable(symbol)) {
      error(
        res,
        403,
        40310000,
        `insufficient qty available for order (requested: ${qty}, available: ${book.sellable(symbol)})`,
      );
      return null;
    }
    if (side === 'buy' && book.cost(symbol, qty) > book.cash) {
      error(res, 403, 40310000, 'insufficient buying power');
      return null;
    }
    return book.create({
      client_order_id: clientId,
      symbol,
      side,
      qty,
      type: type!,
      time_in_force: tif!,
      stop_price: num('stop_price'),
      limit_price: num('limit_price'),
      position_intent: str('position_intent') ?? null,
    });
  };

  const closePosition = (symbol: string): FakeOrder | null => {
    const p = book.positions.get(symbol);
    if (!p) return null;
    const order = book.create({
      client_order_id: `close-${symbol}-${requests.length}`,
      symbol,
      side: p.qty > 0 ? 'sell' : 'buy',
      qty: Math.abs(p.qty),
      type: 'market',
      time_in_force: 'day',
      stop_price: null,
      limit_price: null,
      position_intent: null,
    });
    afterAccept(order);
    return order;
  };

  const route = (
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    res: ServerResponse,
  ): void => {
    const orderPath = /^\/v2\/orders\/([^/]+)$/.exec(path);
    const positionPath = /^\/v2\/positions\/([^/]+)$/.exec(path);
    if (method === 'GET' && path === '/v2/account') return json(res, 200, book.wireAccount());
    if (method === 'GET' && path === '/v2/clock') return json(res, 200, book.clock);
    if (method === 'GET' && path === '/v2/positions') {
      return json(
        res,
        200,
        [...book.positions.values()].map((p) => book.wirePosition(p)),
      );
    }
    if (method === 'DELETE' && positionPath) {
      const order = closePosition(decodeURIComponent(positionPath[1]!));
      return order ? json(res, 200, wireOrder(order)) : error(res, 404, 40410000, 'position not found');
    }
    if (method === 'DELETE' && path === '/v2/positions') {
      if (query.cancel_orders === 'true') for (const o of book.openOrders()) book.cancel(o);
      const out = [...book.positions.keys()].map((symbol) => ({
        symbol,
        status: 200,
        body: wireOrder(closePosition(symbol)!),
      }));
      return json(res, 207, out);
    }
    if (method === 'POST' && path === '/v2/orders') {
      const order = createOrder(body, res);
      if (!order) return;
      json(res, 200, wireOrder(order));
      return afterAccept(order);
    }
    if (method === 'GET' && path === '/v2/orders') {
      const status = query.status ?? 'open';
      const all = [...book.orders.values()];
      const picked = status === 'all' ? all : all.filter((o) => isOpen(o) === (status === 'open'));
      return json(res, 200, picked.slice(0, Number(query.limit ?? 50)).map(wireOrder));
    }
    if (method === 'GET' && path === '/v2/orders:by_client_order_id') {
      const order = book.byClientId(query.client_order_id ?? '');
      return order ? json(res, 200, wireOrder(order)) : error(res, 404, 40410000, 'order not found');
    }
    if (method === 'GET' && orderPath) {
      const order = book.orders.get(decodeURIComponent(orderPath[1]!));
      return order ? json(res, 200, wireOrder(order)) : error(res, 404, 40410000, 'order not found');
    }
    if (method === 'DELETE' && orderPath) {
      const order = book.orders.get(decodeURIComponent(orderPath[1]!));
      if (!order) return error(res, 404, 40410000, 'order not found');
      if (!isOpen(order)) return error(res, 422, 42210000, `order is already in "${order.status}" state`);
      book.cancel(order);
      return json(res, 204);
    }
    if (method === 'DELETE' && path === '/v2/orders') {
      let failing = 0;
      if (cancelAllFaults.rounds > 0) {
        cancelAllFaults.rounds--;
        failing = cancelAllFaults.count;
      }
      const out = book.openOrders().map((o) => {
        if (failing > 0) {
          failing--;
          return { id: o.id, status: 500, body: { code: 50010000, message: 'could not cancel order' } };
        }
        book.cancel(o);
        return { id: o.id, status: 200, body: wireOrder(o) };
      });
      return json(res, 207, out);
    }
    error(res, 404, 40410000, 'endpoint not found');
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      body = raw;
    }
    const record: RecordedRequest = { method, path, query, body, status: null };
    requests.push(record);
    const reply = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      record.status = status;
      return (reply as (s: number, ...r: unknown[]) => ServerResponse)(status, ...rest);
    }) as typeof res.writeHead;

    if (req.headers['apca-api-key-id'] !== opts.keyId || req.headers['apca-api-secret-key'] !== opts.secretKey) {
      return error(res, 401, 40110000, 'request is not authorized');
    }
    const rule = rules.find((r) => r.left > 0 && matches(r.match, method, path));
    if (rule) {
      rule.left--;
      if (rule.apply === 'rate') {
        return json(
          res,
          429,
          { message: 'too many requests.' },
          rule.retryAfter ? { 'retry-after': rule.retryAfter } : {},
        );
      }
      if (rule.apply === 'lookup404') return error(res, 404, 40410000, 'order not found');
      if (rule.apply === 'timeout' || rule.afterAccept) {
        // Booked as if Alpaca took it; the reply is lost (timeout) or is a 5xx.
        const sink = {
          writeHead: () => sink,
          end: () => sink,
        } as unknown as ServerResponse;
        const order = createOrder(body, sink);
        if (order) afterAccept(order);
        if (rule.apply === 'timeout') {
          hanging.add(res);
          return;
        }
      }
      return error(res, rule.status ?? 500, 50010000, rule.message ?? 'internal server error');
    }
    route(method, path, query, body, res);
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => handle(req, res, raw));
  });

  const wss = new WebSocketServer({
    server,
    path: '/stream',
    verifyClient: (_info, done) => done(!faults.refuseStream, 503, 'Service Unavailable'),
  });
  wss.on('connection', (ws) => {
    connections++;
    const state = { authorized: false, listening: false };
    clients.set(ws, state);
    const frame = (payload: unknown): void => {
      const text = JSON.stringify(payload);
      ws.send(binary ? Buffer.from(text) : text, { binary });
    };
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (msg.action === 'auth' || msg.action === 'authenticate') {
        const legacy = (msg.data ?? {}) as Record<string, unknown>;
        const key = msg.key ?? legacy.key_id;
        const secret = msg.secret ?? legacy.secret_key;
        const ok = !faults.rejectStreamAuth && key === opts.keyId && secret === opts.secretKey;
        state.authorized = ok;
        frame({
          stream: 'authorization',
          data: { status: ok ? 'authorized' : 'unauthorized', action: 'authenticate' },
        });
        if (!ok) ws.close();
        return;
      }
      if (msg.action === 'listen') {
        if (!state.authorized) {
          frame({ stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } });
          return;
        }
        const wanted = ((msg.data as { streams?: unknown } | undefined)?.streams ?? []) as unknown[];
        state.listening = wanted.includes('trade_updates');
        frame({ stream: 'listening', data: { streams: state.listening ? ['trade_updates'] : [] } });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    endpoints: {
      tradingUrl: base,
      tradingStreamUrl: `ws://127.0.0.1:${port}/stream`,
      dataUrl: base,
      dataStreamUrl: `ws://127.0.0.1:${port}/data`,
    },
    requests,
    book,
    faults,
    events,
    setAutoFill: (fill) => {
      autoFill = fill;
    },
    fill: (clientOrderId, qty, price) => {
      const order = book.byClientId(clientOrderId);
      if (!order) throw new Error(`no order ${clientOrderId}`);
      book.fill(order, qty, price);
    },
    order: (clientOrderId) => book.byClientId(clientOrderId),
    holdEvents: () => {
      held ??= [];
    },
    releaseEvents: (transform = (h) => h) => {
      const out = transform(held ?? []);
      held = null;
      for (const e of out) send(e);
    },
    sendEvent: send,
    listeners: () => [...clients.values()].filter((c) => c.listening).length,
    streamConnections: () => connections,
    dropStream: () => {
      for (const ws of clients.keys()) ws.terminate();
      clients.clear();
    },
    close: async () => {
      for (const ws of clients.keys()) ws.terminate();
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
