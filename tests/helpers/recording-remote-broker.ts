import type {
  BrokerAccount,
  BrokerConnection,
  BrokerOrder,
  BrokerPosition,
  RemoteBroker,
} from '../../src-main/engine/ports';
import type { OrderRequest, OrderUpdate } from '../../src-main/engine/orders';

/**
 * A network broker at the port boundary for controller tests: it connects at once, records
 * every order, accepts it and never fills (so nothing needs prices), and reports a flat
 * account. Tests read `submitted` and may drop the connection.
 */
export class RecordingRemoteBroker implements RemoteBroker {
  readonly submitted: OrderRequest[] = [];
  private state: BrokerConnection = 'disconnected';
  private readonly listeners = new Set<(u: OrderUpdate) => void>();
  private readonly connectionListeners = new Set<(s: BrokerConnection, d?: string) => void>();
  private readonly open = new Map<string, OrderRequest>();

  constructor(
    readonly name: string,
    private readonly equity = 100_000,
  ) {}

  account(): BrokerAccount {
    return { equity: this.equity, cash: this.equity, buyingPower: this.equity };
  }
  async connect(): Promise<void> {
    this.set('connected');
  }
  async disconnect(): Promise<void> {
    this.set('disconnected');
  }
  connection(): BrokerConnection {
    return this.state;
  }
  onConnection(listener: (s: BrokerConnection, d?: string) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }
  async refreshAccount(): Promise<BrokerAccount> {
    return this.account();
  }
  async fetchPositions(): Promise<BrokerPosition[]> {
    return [];
  }
  async fetchOpenOrders(): Promise<BrokerOrder[]> {
    return [...this.open.values()].map((o) => ({
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      quantity: o.quantity,
      filledQuantity: 0,
      status: 'new',
    }));
  }
  submit(order: OrderRequest): void {
    this.submitted.push(order);
    this.open.set(order.clientOrderId, order);
    queueMicrotask(() => this.emit({ kind: 'accepted', clientOrderId: order.clientOrderId, time: order.time }));
  }
  cancel(clientOrderId: string): void {
    if (!this.open.delete(clientOrderId)) return;
    queueMicrotask(() => this.emit({ kind: 'canceled', clientOrderId, time: 0 }));
  }
  cancelAll(): void {
    for (const id of [...this.open.keys()]) this.cancel(id);
  }
  async cancelAllConfirmed(): Promise<void> {
    this.cancelAll();
  }
  openOrders(): OrderRequest[] {
    return [...this.open.values()];
  }
  onUpdate(listener: (u: OrderUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async adopt(): Promise<void> {}

  private emit(u: OrderUpdate): void {
    for (const l of this.listeners) l(u);
  }
  private set(s: BrokerConnection): void {
    this.state = s;
    for (const l of this.connectionListeners) l(s);
  }
}
