import type { Bar } from '../../src-shared/market';
import type { Broker, BrokerAccount, RemoteBroker, SimulatedVenue } from '../engine/ports';
import type { Fill, OrderRequest, OrderUpdate } from '../engine/orders';
import type { PaperBroker } from '../adapters/paper-broker';

/** A broker slot of the PRD's broker settings. */
export type Venue = 'paper' | 'alpaca';

/** Primary and fallback as configured (`broker.primary`, `broker.fallback`). */
export interface RouteConfig {
  primary: Venue;
  fallback: Venue | 'none';
}

/**
 * The primary / fallback broker of the PRD behind the one Broker port the engine sees.
 * New entries go to the primary while it is usable (the paper broker always is; Alpaca when
 * connected), else to a usable fallback, else they are rejected; every later order of a
 * position (add, exit, stop, flatten) and every cancel goes where the position or order
 * lives. The simulated paper broker keeps seeing every bar, so it can fill its orders.
 */
export class BrokerRouter implements SimulatedVenue {
  private readonly listeners = new Set<(update: OrderUpdate) => void>();
  private readonly orderVenue = new Map<string, Venue>();
  private readonly venueByPosition = new Map<string, Venue>();
  private alpacaBroker: RemoteBroker | null;
  private offAlpaca: (() => void) | null = null;

  constructor(
    private readonly paper: PaperBroker,
    alpaca: RemoteBroker | null,
    private route: RouteConfig,
  ) {
    paper.onUpdate((u) => this.deliver(u));
    this.alpacaBroker = null;
    this.setAlpaca(alpaca);
  }

  /** The broker new entries go to now, or the primary's name with why none can take them. */
  get name(): string {
    const active = this.activeVenue();
    if (active) return this.brokerOf(active)!.name;
    return `${this.alpacaBroker?.name ?? 'Alpaca'} — not connected`;
  }

  /** The Alpaca broker in use (paper or live account), if any. */
  get alpaca(): RemoteBroker | null {
    return this.alpacaBroker;
  }

  /** Swaps the Alpaca broker (paper ↔ live account); orders already sent stay with the old one. */
  setAlpaca(broker: RemoteBroker | null): void {
    this.offAlpaca?.();
    this.alpacaBroker = broker;
    this.offAlpaca = broker ? broker.onUpdate((u) => this.deliver(u)) : null;
  }

  setRoute(route: RouteConfig): void {
    this.route = route;
  }

  /** Where a new entry would go now: the primary when usable, else the fallback, else none. */
  activeVenue(): Venue | null {
    if (this.usable(this.route.primary)) return this.route.primary;
    if (this.route.fallback !== 'none' && this.usable(this.route.fallback)) return this.route.fallback;
    return null;
  }

  /** The broker a position was opened at (as far as this run or its restore knows). */
  positionVenue(positionId: string): Venue | undefined {
    return this.venueByPosition.get(positionId);
  }

  /** Where an order goes: its position's broker, or for an entry the active one. */
  venueFor(order: Pick<OrderRequest, 'purpose' | 'positionId'>): Venue | null {
    if (order.purpose !== 'entry') return this.venueByPosition.get(order.positionId) ?? this.activeVenue();
    return this.activeVenue();
  }

  /** Records that an order (and, for an entry, its position) lives at `venue`: sent now, restored or adopted. */
  recordVenue(order: OrderRequest, venue: Venue): void {
    this.orderVenue.set(order.clientOrderId, venue);
    if (order.purpose === 'entry') this.venueByPosition.set(order.positionId, venue);
  }

  account(): BrokerAccount {
    return (this.brokerOf(this.route.primary) ?? this.paper).account();
  }

  submit(order: OrderRequest): void {
    const venue = this.venueFor(order);
    const broker = venue && this.brokerOf(venue);
    if (!venue || !broker) {
      this.deliver({
        kind: 'rejected',
        clientOrderId: order.clientOrderId,
        reason: 'no broker is connected (primary and fallback unavailable)',
        time: order.time,
      });
      return;
    }
    this.recordVenue(order, venue);
    broker.submit(order);
  }

  cancel(clientOrderId: string): void {
    const venue = this.orderVenue.get(clientOrderId);
    const targets = venue ? [this.brokerOf(venue)] : [this.paper, this.alpacaBroker];
    for (const b of targets) b?.cancel(clientOrderId);
  }

  cancelAll(): void {
    this.paper.cancelAll();
    this.alpacaBroker?.cancelAll();
  }

  openOrders(): OrderRequest[] {
    return [...this.paper.openOrders(), ...(this.alpacaBroker?.openOrders() ?? [])];
  }

  onUpdate(listener: (update: OrderUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  processBar(bar: Bar): void {
    this.paper.processBar(bar);
  }

  /** Takes a fill of an earlier run back into the simulated broker, when it was filled there. */
  restoreFill(fill: Fill, order: OrderRequest, venue: Venue = 'paper'): void {
    this.recordVenue(order, venue);
    if (venue === 'paper') this.paper.restoreFill(fill, order);
  }

  private usable(venue: Venue): boolean {
    if (venue === 'paper') return true;
    return this.alpacaBroker?.connection() === 'connected';
  }

  private brokerOf(venue: Venue): Broker | null {
    return venue === 'paper' ? this.paper : this.alpacaBroker;
  }

  private deliver(update: OrderUpdate): void {
    for (const l of [...this.listeners]) l(update);
  }
}
