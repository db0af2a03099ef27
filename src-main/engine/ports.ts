import type { Bar, Timeframe } from '../../src-shared/market';
import type { DataFeedStatus } from '../../src-shared/bot-state';
import type { BotEvent } from '../../src-shared/events';
import type { OrderRequest, OrderUpdate } from './orders';

/** Time, only ever read through this port (epoch ms, UTC). */
export interface Clock {
  now(): number;
}

/** Receives what a feed produces. */
export interface FeedHandler {
  onBar(bar: Bar): void;
  onStatus(status: DataFeedStatus, detail?: string): void;
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
}

/** Shows OS-native notifications; failures are reported, never thrown. */
export interface DesktopNotifier {
  readonly name: string;
  notify(n: DesktopNotification): Promise<{ ok: true } | { ok: false; error: string }>;
}
