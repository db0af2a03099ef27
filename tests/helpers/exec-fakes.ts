import type { Broker, BrokerAccount, EngineEvent, EventSink } from '../../src-main/engine/ports';
import type { OrderRequest, OrderUpdate } from '../../src-main/engine/orders';

/** One command a broker received. */
export type BrokerCall =
  { kind: 'submit'; order: OrderRequest } | { kind: 'cancel'; clientOrderId: string } | { kind: 'cancelAll' };

/**
 * A broker that records every command, in order, into `calls` (and a line into the shared
 * `log`, to compare with what the sink saw). Alone it answers nothing: the test drives the
 * updates with `accept`, `fill`, `reject` and `cancelled`. Given an inner broker it forwards
 * every command to it and relays its updates.
 */
export class RecordingBroker implements Broker {
  readonly name = 'Recording';
  readonly calls: BrokerCall[] = [];
  private readonly listeners = new Set<(u: OrderUpdate) => void>();
  private readonly filled = new Map<string, number>();

  constructor(
    private readonly inner?: Broker,
    readonly log: string[] = [],
  ) {
    inner?.onUpdate((u) => this.emit(u));
  }

  account(): BrokerAccount {
    return this.inner?.account() ?? { equity: 0, cash: 0, buyingPower: 0 };
  }

  submit(order: OrderRequest): void {
    this.calls.push({ kind: 'submit', order: { ...order } });
    this.log.push(`broker.submit ${order.clientOrderId}`);
    this.inner?.submit(order);
  }

  cancel(clientOrderId: string): void {
    this.calls.push({ kind: 'cancel', clientOrderId });
    this.log.push(`broker.cancel ${clientOrderId}`);
    this.inner?.cancel(clientOrderId);
  }

  cancelAll(): void {
    this.calls.push({ kind: 'cancelAll' });
    this.log.push('broker.cancelAll');
    this.inner?.cancelAll();
  }

  openOrders(): OrderRequest[] {
    return this.inner?.openOrders() ?? [];
  }

  onUpdate(listener: (u: OrderUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The orders submitted, in order. */
  submitted(): OrderRequest[] {
    return this.calls.flatMap((c) => (c.kind === 'submit' ? [c.order] : []));
  }

  /** The last order submitted (throws when there is none). */
  last(): OrderRequest {
    const order = this.submitted().at(-1);
    if (!order) throw new Error('no order was submitted');
    return order;
  }

  emit(update: OrderUpdate): void {
    for (const l of [...this.listeners]) l(update);
  }

  accept(clientOrderId: string, time = 0): void {
    this.emit({ kind: 'accepted', clientOrderId, time });
  }

  /** Fills `quantity` of a submitted order at `price`; `remaining` is worked out from earlier fills. */
  fill(
    clientOrderId: string,
    quantity: number,
    price: number,
    opts: { commission?: number; time?: number } = {},
  ): void {
    const order = this.submitted().find((o) => o.clientOrderId === clientOrderId);
    if (!order) throw new Error(`no order ${clientOrderId}`);
    const filled = (this.filled.get(clientOrderId) ?? 0) + quantity;
    this.filled.set(clientOrderId, filled);
    this.emit({
      kind: 'fill',
      fill: {
        clientOrderId,
        symbol: order.symbol,
        side: order.side,
        quantity,
        price,
        commission: opts.commission ?? 0,
        time: opts.time ?? order.time,
      },
      remaining: order.quantity - filled,
    });
  }

  reject(clientOrderId: string, reason: string, time = 0): void {
    this.emit({ kind: 'rejected', clientOrderId, reason, time });
  }

  cancelled(clientOrderId: string, time = 0): void {
    this.emit({ kind: 'canceled', clientOrderId, time });
  }
}

/** A sink that keeps every event (and a line per event in the shared `log`). */
export class RecordingSink implements EventSink {
  readonly events: EngineEvent[] = [];

  constructor(readonly log: string[] = []) {}

  emit(event: EngineEvent): void {
    this.events.push(event);
    const id = (event.metadata?.clientOrderId as string | undefined) ?? '';
    this.log.push(`sink.${event.eventType} ${id}`.trim());
  }

  ofType(type: EngineEvent['eventType']): EngineEvent[] {
    return this.events.filter((e) => e.eventType === type);
  }
}
