import type { Bar, Timeframe } from '../../src-shared/market';
import type { DataFeedStatus } from '../../src-shared/bot-state';
import type { BotEvent } from '../../src-shared/events';
import type { TabId } from '../../src-shared/tabs';
import type { OrderRequest, OrderUpdate } from './orders';

/** Time, only ever read through this port (epoch ms, UTC). */
export interface Clock {
  now(): number;
}

/** Receives what a feed produces. */
export interface FeedHandler {
  onBar(bar: Bar): void;
  onStatus(status: DataFeedStatus, detail?: string): void;
  /**
   * A feed error worth an alert. `fatal` means the feed gave up (bad credentials, no
   * subscription, connection limit): it will not reconnect on its own.
   */
  onError?(message: string, fatal: boolean): void;
}

/** A source of 1-minute bars: synthetic, replay or a broker's market data. */
export interface MarketDataFeed {
  /** Shown in the UI, e.g. "Synthetic (seed 42)". */
  readonly name: string;
  /** True when the bars are not real market data. */
  readonly simulated: boolean;
  /** Starts delivering bars for `tickers` to `handler`. */
  connect(tickers: readonly string[], handler: FeedHandler): void;
  disconnect(): void;
  /**
   * Warm-up, where the feed has history: the `count` most recent closed bars of `timeframe`
   * for `ticker` that closed at or before `endBefore` (epoch ms), oldest first; fewer when the
   * feed has no more. The engine seeds each timeframe with it so the clouds are valid at the open.
   */
  history?(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[];
  /**
   * Feeds whose history lives behind a network (Alpaca REST) load it here, before `connect`,
   * so `history` can answer synchronously. Rejects with a clear message when it cannot.
   */
  prepare?(tickers: readonly string[], endBefore: number): Promise<void>;
}

/** An engine event before it is stored (the store assigns id and time). */
export type EngineEvent = Omit<BotEvent, 'id' | 'createdAt' | 'sessionId'>;

/** Where the engine writes what happens. */
export interface EventSink {
  emit(event: EngineEvent): void;
}

/** Account figures from the broker. */
export interface BrokerAccount {
  equity: number;
  cash: number;
  buyingPower: number;
}

/**
 * The broker as the engine sees it. Commands return at once; what becomes of an order
 * arrives as OrderUpdates through `onUpdate`, in order (a real broker answers asynchronously).
 */
export interface Broker {
  readonly name: string;
  account(): BrokerAccount;
  /**
   * Queues an order. Nothing may reach a network before the current task ends: the engine's
   * step (and the order's intent row) is committed at the end of that task.
   */
  submit(order: OrderRequest): void;
  cancel(clientOrderId: string): void;
  /** Cancels every open order. */
  cancelAll(): void;
  /** Orders accepted and not yet filled, canceled or rejected. */
  openOrders(): OrderRequest[];
  /** Subscribes to order updates; returns the unsubscribe function. */
  onUpdate(listener: (update: OrderUpdate) => void): () => void;
}

/** A position as the broker reports it (long positive, short negative). */
export interface BrokerPosition {
  /** Ticker, or the OCC symbol of an option. */
  symbol: string;
  quantity: number;
  avgEntryPrice: number;
}

/** An order open at the broker, as it reports it. */
export interface BrokerOrder {
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  filledQuantity: number;
  /** The broker's own status word, e.g. "new", "partially_filled", "pending_cancel". */
  status: string;
}

/** An order of an earlier run as the book knows it: the request and what was filled of it. */
export interface AdoptedOrder {
  request: OrderRequest;
  filled: number;
  /** Σ quantity × price of those fills. */
  filledNotional: number;
}

/** How a network broker stands. */
export type BrokerConnection = 'connecting' | 'connected' | 'disconnected' | 'failed';

/**
 * A broker over a network (Alpaca): it must connect before trading, can drop, and is
 * reconciled with the ledger at start (DESIGN §3). `account()` answers from the last refresh.
 */
export interface RemoteBroker extends Broker {
  /** Authenticates, reads the account and opens the order-update stream; rejects on failure. */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  connection(): BrokerConnection;
  /** Subscribes to connection changes; returns the unsubscribe function. */
  onConnection(listener: (status: BrokerConnection, detail?: string) => void): () => void;
  /** Re-reads equity, cash and buying power. */
  refreshAccount(): Promise<BrokerAccount>;
  /** Positions held at the broker; rejects when it does not answer (never read as "flat"). */
  fetchPositions(): Promise<BrokerPosition[]>;
  /** Orders open at the broker; rejects when it does not answer. */
  fetchOpenOrders(): Promise<BrokerOrder[]>;
  /**
   * Cancels every open order and resolves once the broker reports none open, retrying what
   * failed (and through rate limiting) until then; `cancelAll` starts the same work unawaited.
   */
  cancelAllConfirmed(): Promise<void>;
  /**
   * Takes back orders of an earlier run that may still be open at the broker (after a crash):
   * what happened to them since (fills, a cancel) is delivered as updates, after what the book
   * already has.
   */
  adopt(orders: readonly AdoptedOrder[]): Promise<void>;
}

/**
 * A simulated venue driven by the same bars as the engine (paper trading, replay). The
 * controller hands each 1-minute bar to `processBar` before the engine sees it, so an order
 * sent on one bar fills at the next bar's open.
 */
export interface SimulatedVenue extends Broker {
  processBar(bar: Bar): void;
}

/** An OS-native notification (the Push channel of DESIGN §6). */
export interface DesktopNotification {
  title: string;
  message: string;
  priority: 'info' | 'warning' | 'critical';
  /** The tab a click on the notification should open, where the platform reports clicks. */
  tab?: TabId;
}

/** Shows OS-native notifications; failures are reported, never thrown. */
export interface DesktopNotifier {
  readonly name: string;
  notify(n: DesktopNotification): Promise<{ ok: true } | { ok: false; error: string }>;
}

/** Called when the user clicks a notification (macOS and Windows; Linux's notify-send reports no clicks). */
export type NotificationClickHandler = (n: DesktopNotification) => void;
