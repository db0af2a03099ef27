import type {
  AdoptedOrder,
  BrokerAccount,
  BrokerConnection,
  BrokerOrder,
  BrokerPosition,
  RemoteBroker,
} from '../../engine/ports';
import { isReducing, type OrderRequest, type OrderUpdate } from '../../engine/orders';
import { mayBeAtBroker, TrackedOrders, type TrackedOrder } from './alpaca-broker-orders';
import { ALPACA_ENDPOINTS, type AlpacaCredentials, type AlpacaEndpoints } from './endpoints';
import { RateLimiter, type RateLimitOptions, type RequestLane } from './rate-limiter';
import { AuthError, HttpStatusError, sleep, TradingHttp, TransportError, type HttpReply } from './trading-http';
import { TradeUpdatesStream, type StreamState } from './trading-stream';
import {
  alpacaAccountSchema,
  alpacaClockSchema,
  alpacaOrderSchema,
  alpacaPositionSchema,
  cancelStatusSchema,
  type AccountFlags,
  type AlpacaOrder,
  type MarketClock,
  type TradeUpdate,
} from './trading-types';
import { orderBody, orderRefusal } from './alpaca-broker-wire';
import { errorMessage } from '../../../src-shared/error-message';

/** How the Alpaca broker is built. Every duration is in ms. */
export interface AlpacaBrokerOptions {
  credentials: AlpacaCredentials;
  endpoints: AlpacaEndpoints;
  /** Shown in the UI; default 'Alpaca (Live)' for the live endpoints, else 'Alpaca (Paper)'. */
  name?: string;
  /** Per REST request (default 10 s); also the stream's handshake allowance. */
  requestTimeoutMs?: number;
  /** Retries and reconnects: full-jitter exponential backoff (default 250 ms, capped at 30 s). */
  backoff?: { baseMs: number; capMs: number };
  /** Jitter source (default Math.random). */
  random?: () => number;
  /** The request budget (default 200 a minute, 80 % of it for ordinary requests). */
  rateLimit?: RateLimitOptions;
  /** 429s an ordinary request sits out before it fails (default 8); the kill path never gives up. */
  maxRateLimitRetries?: number;
  /** Extra tries of a read (positions, orders, account, clock) after a 5xx or no answer (default 2). */
  readRetries?: number;
  /** POSTs of one order (each only after a look-up found nothing) before it is rejected (default 5). */
  maxSubmitAttempts?: number;
  /** Stream keep-alive ping interval (default 20 s). */
  pingIntervalMs?: number;
  /** Time stamped on order updates (default Date.now). */
  now?: () => number;
}

const DEFAULTS = {
  requestTimeoutMs: 10_000,
  backoff: { baseMs: 250, capMs: 30_000 },
  maxRateLimitRetries: 8,
  readRetries: 2,
  maxSubmitAttempts: 5,
  pingIntervalMs: 20_000,
};

/**
 * The Alpaca trading API behind the broker port (paper or live by endpoints and keys).
 *
 * Orders: market and stop, time in force `day`, stocks and ETFs by ticker and options by OCC
 * symbol (single-leg options take market and stop orders; option orders carry
 * `position_intent` buy_to_open / sell_to_close, the engine only holds long premium). The
 * engine's client order id is Alpaca's `client_order_id`. A POST that timed out or got a 5xx
 * is looked up by that id; only when Alpaca says it has no such order is it sent again, under
 * the same id, and a "must be unique" reply means it is there after all.
 *
 * Updates come from the `trade_updates` stream, folded by cumulative `filled_qty` (see
 * TrackedOrders) so duplicate, stale and out-of-order events deliver each fill once. While the
 * stream is down `connection()` is 'disconnected'; after it is back every open order is looked
 * up, so fills missed meanwhile are delivered. Refused keys make it 'failed' for good.
 *
 * Requests share one rate limiter; cancels and position-reducing orders use the kill lane,
 * which keeps a reserved share and retries 429s until done. While a cancel-all runs, new
 * orders wait for it to finish (a flatten sell could not be placed while the shares are
 * still held by open sell orders), and orders not yet sent are canceled without a request.
 */
export class AlpacaBroker implements RemoteBroker {
  readonly name: string;
  private readonly opts: Required<Omit<AlpacaBrokerOptions, 'name' | 'random' | 'rateLimit'>> &
    Pick<AlpacaBrokerOptions, 'random'>;
  private readonly limiter: RateLimiter;
  private readonly http: TradingHttp;
  private readonly stream: TradeUpdatesStream;
  private readonly tracked = new TrackedOrders();
  private status: BrokerConnection = 'disconnected';
  private statusDetail = '';
  private lifetime = new AbortController();
  private lastAccount: BrokerAccount = { equity: 0, cash: 0, buyingPower: 0 };
  private flags: AccountFlags | null = null;
  private readonly listeners = new Set<(update: OrderUpdate) => void>();
  private readonly connectionListeners = new Set<(status: BrokerConnection, detail?: string) => void>();
  private readonly queue: OrderUpdate[] = [];
  private delivering = false;
  private cancelAllRun: Promise<void> | null = null;
  private connecting: Promise<void> | null = null;
  /** Orders submitted while a cancel-all runs; sent when it is over. */
  private held: TrackedOrder[] = [];
  private accountRefresh: { running: boolean; again: boolean } = { running: false, again: false };

  constructor(options: AlpacaBrokerOptions) {
    const { name, rateLimit, random, ...rest } = options;
    this.opts = {
      ...DEFAULTS,
      now: () => Date.now(),
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      credentials: options.credentials,
      endpoints: options.endpoints,
      random,
    } as AlpacaBroker['opts'];
    this.name =
      name ?? (options.endpoints.tradingUrl === ALPACA_ENDPOINTS.live.tradingUrl ? 'Alpaca (Live)' : 'Alpaca (Paper)');
    this.limiter = new RateLimiter(rateLimit);
    this.http = new TradingHttp({
      baseUrl: options.endpoints.tradingUrl,
      credentials: options.credentials,
      limiter: this.limiter,
      requestTimeoutMs: this.opts.requestTimeoutMs,
      backoff: this.opts.backoff,
      random,
      maxRateLimitRetries: this.opts.maxRateLimitRetries,
      onAuthFailure: (detail) => this.fatal(detail),
    });
    this.stream = new TradeUpdatesStream({
      url: options.endpoints.tradingStreamUrl,
      credentials: options.credentials,
      backoff: this.opts.backoff,
      random,
      handshakeTimeoutMs: this.opts.requestTimeoutMs,
      pingIntervalMs: this.opts.pingIntervalMs,
      onUpdate: (u) => this.onTradeUpdate(u),
      onState: (state, detail, reconnected) => this.onStreamState(state, detail, reconnected),
      redact: (text) => this.http.redact(text),
    });
  }

  // ── Connection ────────────────────────────────────────────────────────────────────

  /** Reads the account (checks the keys), then opens the trade updates stream. */
  connect(): Promise<void> {
    if (this.status === 'connected') return Promise.resolve();
    this.connecting ??= this.establish().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async establish(): Promise<void> {
    if (this.lifetime.signal.aborted) this.lifetime = new AbortController();
    this.setStatus('connecting', 'connecting to Alpaca');
    try {
      await this.refreshAccount();
      await this.stream.start();
    } catch (err) {
      this.stream.stop();
      const message = this.http.redact(errorMessage(err));
      if (this.status !== 'failed') this.setStatus('disconnected', message);
      throw new Error(message, { cause: err });
    }
    // Orders tracked from before (a disconnect) may have moved meanwhile.
    void this.reconcile();
  }

  async disconnect(): Promise<void> {
    this.lifetime.abort(new Error('Alpaca broker disconnected'));
    this.stream.stop();
    if (this.status !== 'failed') this.setStatus('disconnected', 'disconnected');
  }

  connection(): BrokerConnection {
    return this.status;
  }

  /** Why the connection is as it is (e.g. the refusal of the keys). */
  connectionDetail(): string {
    return this.statusDetail;
  }

  onConnection(listener: (status: BrokerConnection, detail?: string) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  // ── Account and reads ─────────────────────────────────────────────────────────────

  /** Equity, cash and buying power as of the last refresh (zeros before the first). */
  account(): BrokerAccount {
    return { ...this.lastAccount };
  }

  /** Trading blocked, pattern day trader and day-trade count as of the last refresh; null before it. */
  accountFlags(): AccountFlags | null {
    return this.flags && { ...this.flags };
  }

  async refreshAccount(): Promise<BrokerAccount> {
    const body = await this.read('/v2/account');
    const a = alpacaAccountSchema.parse(body);
    this.lastAccount = { equity: a.equity, cash: a.cash, buyingPower: a.buying_power };
    this.flags = {
      tradingBlocked: a.trading_blocked ?? false,
      accountBlocked: a.account_blocked ?? false,
      patternDayTrader: a.pattern_day_trader ?? false,
      daytradeCount: a.daytrade_count ?? 0,
    };
    return this.account();
  }

  /** The market clock (GET /v2/clock). */
  async fetchClock(): Promise<MarketClock> {
    const c = alpacaClockSchema.parse(await this.read('/v2/clock'));
    return {
      timestamp: Date.parse(c.timestamp),
      isOpen: c.is_open,
      nextOpen: Date.parse(c.next_open),
      nextClose: Date.parse(c.next_close),
    };
  }

  async fetchPositions(): Promise<BrokerPosition[]> {
    const body = await this.read('/v2/positions');
    return alpacaPositionSchema
      .array()
      .parse(body)
      .map((p) => ({
        symbol: p.symbol,
        quantity: p.side === 'short' && p.qty > 0 ? -p.qty : p.qty,
        avgEntryPrice: p.avg_entry_price,
      }));
  }

  async fetchOpenOrders(): Promise<BrokerOrder[]> {
    return (await this.openAtBroker('normal')).map((o) => ({
      clientOrderId: o.client_order_id,
      symbol: o.symbol,
      side: o.side,
      quantity: o.qty ?? 0,
      filledQuantity: o.filled_qty,
      status: o.status,
    }));
  }

  /**
   * Closes a position at market through Alpaca (DELETE /v2/positions/{symbol}). Alpaca places
   * the order under its own client id, so the engine will not know it: for manual clean-up.
   */
  async closePosition(symbol: string): Promise<void> {
    await this.http.expectOk({
      method: 'DELETE',
      path: `/v2/positions/${encodeURIComponent(symbol)}`,
      lane: 'kill',
      signal: this.lifetime.signal,
    });
  }

  // ── Orders ────────────────────────────────────────────────────────────────────────

  submit(order: OrderRequest): void {
    if (this.tracked.has(order.clientOrderId)) {
      const reason = `duplicate client order id ${order.clientOrderId}`;
      setImmediate(() =>
        this.deliver([{ kind: 'rejected', clientOrderId: order.clientOrderId, reason, time: this.opts.now() }]),
      );
      return;
    }
    const t = this.tracked.add(order);
    // The engine commits the order intent at the end of this task: nothing leaves before that.
    setImmediate(() => this.dispatch(t));
  }

  cancel(clientOrderId: string): void {
    const t = this.tracked.get(clientOrderId);
    if (!t || t.done) return;
    this.requestCancel(t);
  }

  cancelAll(): void {
    this.cancelAllConfirmed().catch(() => {
      // Only refused keys or a disconnect end it early; both are reported through onConnection.
    });
  }

  cancelAllConfirmed(): Promise<void> {
    if (!this.cancelAllRun) {
      // Placed orders are left to the bulk DELETE: one request instead of one per order.
      for (const t of this.tracked.open()) this.requestCancel(t, false);
      this.cancelAllRun = this.runCancelAll().finally(() => {
        this.cancelAllRun = null;
        const held = this.held;
        this.held = [];
        for (const t of held) this.dispatch(t);
      });
    }
    return this.cancelAllRun;
  }

  /**
   * Takes back the orders of an earlier run that may still be open at Alpaca (after a crash):
   * each is looked up by its client order id and what happened since (fills, a cancel) is
   * delivered, counted from what the book already has. Orders Alpaca does not know are left.
   */
  async adopt(orders: readonly AdoptedOrder[]): Promise<void> {
    const adopted: TrackedOrder[] = [];
    for (const o of orders) {
      if (this.tracked.has(o.request.clientOrderId)) continue;
      const t = this.tracked.add(o.request);
      t.placement = 'placed';
      t.accepted = true;
      t.filled = o.filled;
      t.filledNotional = o.filledNotional;
      adopted.push(t);
    }
    await Promise.all(adopted.map((t) => this.lookUp(t, this.laneOf(t)).catch(() => false)));
  }

  /** Orders sent and not yet filled, canceled or rejected (also those Alpaca has not confirmed yet). */
  openOrders(): OrderRequest[] {
    return this.tracked.open().map((t) => ({ ...t.request }));
  }

  onUpdate(listener: (update: OrderUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── Placement ─────────────────────────────────────────────────────────────────────

  private dispatch(t: TrackedOrder): void {
    if (t.done) return;
    const refusal = orderRefusal(t.request);
    if (refusal) {
      this.deliver(this.tracked.reject(t, refusal, this.opts.now()));
      return;
    }
    if (this.status === 'failed') {
      this.deliver(this.tracked.reject(t, `Alpaca is not usable: ${this.statusDetail}`, this.opts.now()));
      return;
    }
    if (this.cancelAllRun) {
      this.held.push(t);
      return;
    }
    t.placement = 'sending';
    void this.place(t);
  }

  private laneOf(t: TrackedOrder): RequestLane {
    return isReducing(t.request.purpose) ? 'kill' : 'normal';
  }

  /** POST, and after an unknown outcome look up by client order id; re-POST only after a 404. */
  private async place(t: TrackedOrder): Promise<void> {
    if (t.placing) return;
    t.placing = true;
    const signal = this.lifetime.signal;
    const lane = this.laneOf(t);
    const body = orderBody(t.request);
    try {
      for (let attempt = 0; attempt < this.opts.maxSubmitAttempts; attempt++) {
        if (attempt > 0) await sleep(this.http.backoff(attempt - 1), AbortSignal.any([signal, t.cancelWait.signal]));
        const outcome = await this.postOnce(t, body, lane);
        if (outcome === 'settled') return;
        const found = await this.lookUp(t, lane);
        // The stream may have reported the order while the look-up missed it: it is there.
        if (found || t.alpacaId !== null) return;
        // Alpaca has no such order: it may be sent again, under the same id.
        t.ambiguous = false;
        if (t.cancelRequested) {
          this.deliver(this.tracked.cancelLocally(t, this.opts.now()));
          return;
        }
      }
      this.deliver(
        this.tracked.reject(
          t,
          `Alpaca did not take the order after ${this.opts.maxSubmitAttempts} tries`,
          this.opts.now(),
        ),
      );
    } catch (err) {
      if (err instanceof AuthError) {
        if (!mayBeAtBroker(t)) this.deliver(this.tracked.reject(t, err.message, this.opts.now()));
      } else if (t.cancelWait.signal.aborted && !mayBeAtBroker(t) && !signal.aborted) {
        this.deliver(this.tracked.cancelLocally(t, this.opts.now()));
      } else if (err instanceof HttpStatusError && !mayBeAtBroker(t)) {
        this.deliver(this.tracked.reject(t, err.message, this.opts.now()));
      }
      // Otherwise the broker was disconnected with the outcome unknown: the next connect resumes it.
    } finally {
      t.placing = false;
      t.inFlight = false;
    }
  }

  /** One POST: 'settled' when Alpaca answered for good, 'unknown' when it must be looked up. */
  private async postOnce(t: TrackedOrder, body: object, lane: RequestLane): Promise<'settled' | 'unknown'> {
    let reply: HttpReply;
    try {
      reply = await this.http.request({
        method: 'POST',
        path: '/v2/orders',
        body,
        lane,
        signal: this.lifetime.signal,
        waitSignal: t.cancelWait.signal,
        onSend: () => {
          t.inFlight = true;
        },
        onReply: () => {
          t.inFlight = false;
        },
        forbiddenIsRefusal: true,
      });
    } catch (err) {
      t.inFlight = false;
      if (err instanceof TransportError) {
        t.ambiguous = true;
        return 'unknown';
      }
      throw err;
    }
    if (reply.status >= 200 && reply.status < 300) {
      this.placed(t, reply.body);
      return 'settled';
    }
    if (reply.status >= 500 || isDuplicateId(reply)) {
      t.ambiguous = true;
      return 'unknown';
    }
    // A definite refusal (validation, buying power…): nothing was placed.
    this.deliver(this.tracked.reject(t, reply.message || `HTTP ${reply.status}`, this.opts.now()));
    return 'settled';
  }

  /** GET by client order id until Alpaca says found (true) or not found (false). */
  private async lookUp(t: TrackedOrder, lane: RequestLane): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const reply = await this.lookupReply(t, lane);
      if (reply?.status === 200) {
        this.placed(t, reply.body);
        return true;
      }
      if (reply?.status === 404) return false;
      await sleep(this.http.backoff(attempt), this.lifetime.signal);
    }
  }

  private async lookupReply(t: TrackedOrder, lane: RequestLane): Promise<HttpReply | null> {
    try {
      return await this.http.request({
        method: 'GET',
        path: '/v2/orders:by_client_order_id',
        query: { client_order_id: t.request.clientOrderId },
        lane,
        signal: this.lifetime.signal,
      });
    } catch (err) {
      if (err instanceof TransportError || (err instanceof HttpStatusError && err.status === 429)) return null;
      throw err;
    }
  }

  private placed(t: TrackedOrder, body: unknown): void {
    t.placement = 'placed';
    t.ambiguous = false;
    const order = alpacaOrderSchema.safeParse(body);
    if (order.success) this.applyOrder(t, order.data);
    // During a cancel-all its loop sees the order open and cancels it with the rest.
    if (t.cancelRequested && !t.done && !this.cancelAllRun) void this.sendCancel(t);
  }

  // ── Cancels ───────────────────────────────────────────────────────────────────────

  private requestCancel(t: TrackedOrder, cancelPlaced = true): void {
    if (t.cancelRequested && t.placement !== 'queued') return;
    t.cancelRequested = true;
    if (t.placement === 'queued') {
      // Not sent (or held behind a cancel-all): nothing at Alpaca to cancel.
      this.held = this.held.filter((h) => h !== t);
      const updates = this.tracked.cancelLocally(t, this.opts.now());
      setImmediate(() => this.deliver(updates));
    } else if (t.placement === 'sending') {
      // Stops the POST's waits (never a request on the wire): not sent yet or refused with a 429,
      // it is dropped; otherwise place() cancels it at Alpaca once it knows the order id.
      t.cancelWait.abort(new Error('canceled before it was sent'));
    } else if (cancelPlaced) {
      void this.sendCancel(t);
    }
  }

  /** DELETE /v2/orders/{id}; Alpaca confirms on the stream (or a look-up if the stream is down). */
  private async sendCancel(t: TrackedOrder): Promise<void> {
    if (!t.alpacaId) return;
    for (let attempt = 0; attempt < 5 && !t.done; attempt++) {
      try {
        const reply = await this.http.request({
          method: 'DELETE',
          path: `/v2/orders/${encodeURIComponent(t.alpacaId)}`,
          lane: 'kill',
          signal: this.lifetime.signal,
        });
        if (reply.status < 300 && this.status === 'connected') return;
        if (reply.status < 500) {
          // 404/422: no longer cancelable (filled or canceled meanwhile); or the stream is down.
          if (this.status !== 'connected' || reply.status >= 300) await this.lookUp(t, 'kill');
          return;
        }
      } catch (err) {
        if (!(err instanceof TransportError)) return;
      }
      try {
        await sleep(this.http.backoff(attempt), this.lifetime.signal);
      } catch {
        return;
      }
    }
  }

  /**
   * DELETE /v2/orders until GET ?status=open lists nothing and no POST of ours is unresolved.
   * The 207 reply says per order whether the cancel was accepted; failures are simply retried.
   */
  private async runCancelAll(): Promise<void> {
    const signal = this.lifetime.signal;
    let deleteNeeded = true;
    for (let round = 0; ; round++) {
      if (round > 0) await sleep(this.http.backoff(round - 1), signal);
      try {
        // The DELETE goes first: the kill's cancels leave without waiting for a read.
        if (deleteNeeded) await this.deleteAll();
        const stillOpen = await this.listOpen();
        // A POST still on the wire could land after the check; an ambiguous one is not re-sent once canceled.
        if (stillOpen.length === 0 && !this.tracked.open().some((t) => t.inFlight)) break;
        deleteNeeded = stillOpen.length === 0 || stillOpen.some((o) => o.status !== 'pending_cancel');
      } catch (err) {
        if (err instanceof AuthError || signal.aborted) throw err;
        // Anything else (no answer, 5xx): try again after the backoff.
        deleteNeeded = true;
      }
    }
    // Closed at Alpaca; learn how (canceled, or filled first) where the stream has not said yet.
    await Promise.all(
      this.tracked
        .open()
        .filter((t) => t.alpacaId)
        .map((t) => this.lookUp(t, 'kill').catch(() => false)),
    );
  }

  /** Orders open at Alpaca; what they show of ours (fills, cancels) is delivered on the way. */
  private async listOpen(): Promise<AlpacaOrder[]> {
    const orders = await this.openAtBroker('kill');
    for (const o of orders) {
      const t = this.tracked.get(o.client_order_id);
      if (t) this.applyOrder(t, o);
    }
    return orders;
  }

  private async deleteAll(): Promise<void> {
    const reply = await this.http.expectOk({
      method: 'DELETE',
      path: '/v2/orders',
      lane: 'kill',
      signal: this.lifetime.signal,
    });
    const statuses = cancelStatusSchema.array().safeParse(reply.body);
    if (!statuses.success) return;
    for (const s of statuses.data) {
      if (s.status >= 300) continue;
      const order = alpacaOrderSchema.safeParse(s.body);
      const t = order.success ? this.tracked.get(order.data.client_order_id) : undefined;
      if (t && order.success) this.applyOrder(t, order.data);
    }
  }

  // ── Stream and reconciliation ─────────────────────────────────────────────────────

  private onTradeUpdate(u: TradeUpdate): void {
    const t = this.tracked.get(u.order.client_order_id);
    if (!t) return;
    if (t.placement !== 'placed') t.placement = 'placed';
    const isFill = u.event === 'fill' || u.event === 'partial_fill';
    this.applyOrder(t, u.order, isFill ? { qty: u.qty, price: u.price } : undefined);
  }

  private onStreamState(state: StreamState, detail: string, reconnected: boolean): void {
    if (state === 'failed') {
      this.fatal(detail);
      return;
    }
    if (state === 'disconnected') {
      this.setStatus('disconnected', detail);
      return;
    }
    this.setStatus('connected', detail);
    if (reconnected) void this.reconcile();
  }

  /**
   * Looks up every order we still think open, so what was missed (fills, cancels) is delivered
   * now; placements a disconnect interrupted start again (same client order id, so a POST that
   * did land meets "must be unique" and is looked up).
   */
  private async reconcile(): Promise<void> {
    const open = this.tracked.open();
    for (const t of open) if (t.placement === 'sending' && !t.placing) void this.place(t);
    const placed = open.filter((t) => t.placement === 'placed');
    await Promise.all(placed.map((t) => this.lookUp(t, this.laneOf(t)).catch(() => false)));
  }

  private applyOrder(
    t: TrackedOrder,
    order: AlpacaOrder,
    execution?: { qty: number | null; price: number | null },
  ): void {
    const updates = this.tracked.applySnapshot(t, order, this.opts.now(), execution);
    this.deliver(updates);
    if (updates.some((u) => u.kind === 'fill')) this.scheduleAccountRefresh();
  }

  /** After fills the account moved: re-read it (one at a time, once more if fills came meanwhile). */
  private scheduleAccountRefresh(): void {
    if (this.accountRefresh.running) {
      this.accountRefresh.again = true;
      return;
    }
    this.accountRefresh.running = true;
    void (async () => {
      do {
        this.accountRefresh.again = false;
        try {
          await this.refreshAccount();
        } catch {
          // Keeps the last figures; the next fill or an explicit refresh tries again.
        }
      } while (this.accountRefresh.again && !this.lifetime.signal.aborted);
      this.accountRefresh.running = false;
    })();
  }

  // ── Plumbing ──────────────────────────────────────────────────────────────────────

  private async openAtBroker(lane: RequestLane): Promise<AlpacaOrder[]> {
    const body = await this.read('/v2/orders', { status: 'open', limit: '500', direction: 'asc' }, lane);
    return alpacaOrderSchema.array().parse(body);
  }

  /** A GET that is retried after a 5xx or no answer, then rejects (never an empty answer). */
  private async read(path: string, query?: Record<string, string>, lane: RequestLane = 'normal'): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await this.http.expectOk({ method: 'GET', path, query, lane, signal: this.lifetime.signal });
        return reply.body;
      } catch (err) {
        const retriable = err instanceof TransportError || (err instanceof HttpStatusError && err.status >= 500);
        if (!retriable || attempt >= this.opts.readRetries) throw err;
      }
      await sleep(this.http.backoff(attempt), this.lifetime.signal);
    }
  }

  /** Refused keys: final. Everything waiting is stopped and nothing retries. */
  private fatal(detail: string): void {
    if (this.status === 'failed') return;
    this.setStatus('failed', detail);
    this.lifetime.abort(new Error(detail));
    this.stream.stop();
  }

  private setStatus(status: BrokerConnection, detail: string): void {
    if (status === this.status && detail === this.statusDetail) return;
    const changed = status !== this.status;
    this.status = status;
    this.statusDetail = detail;
    if (!changed) return;
    for (const l of [...this.connectionListeners]) l(status, detail);
  }

  /** In order, also when a listener submits or cancels from inside its callback. */
  private deliver(updates: readonly OrderUpdate[]): void {
    this.queue.push(...updates);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        for (const listener of [...this.listeners]) {
          try {
            listener(next);
          } catch (err) {
            // No caller to hand it to (updates come from the network); the next listener still hears.
            console.error(`Alpaca broker: an order update listener failed: ${errorMessage(err)}`);
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}

/** Alpaca's answer to a second POST under a client order id it already has. */
function isDuplicateId(reply: HttpReply): boolean {
  if (reply.status === 409) return true;
  return (
    reply.status === 422 && /client_order_id/i.test(reply.message) && /unique|duplicate|exist/i.test(reply.message)
  );
}
