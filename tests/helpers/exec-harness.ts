import fc, { type WeightedArbitrary } from 'fast-check';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import type { EntryPlan } from '../../src-main/engine/book';
import { OrderGateway } from '../../src-main/engine/order-gateway';
import { PositionLedger } from '../../src-main/engine/position-ledger';
import { RiskGate, type EntryCheck, type RiskContext, type RiskDecision } from '../../src-main/engine/risk-gate';
import type { OrderRequest } from '../../src-main/engine/orders';
import type { TradingState } from '../../src-main/engine/trading-state';
import { ManualClock } from './manual-clock';
import { RecordingBroker, RecordingSink } from './exec-fakes';
import { bar, entryOf, minute, openContext, optionPlan, riskConfig, stockPlan } from './exec-builders';

/** One step of a random trading session. */
export type Command =
  | { kind: 'entry'; instrument: number; quantity: number }
  | { kind: 'add'; pick: number; quantity: number }
  | { kind: 'reduce'; pick: number; quantity: number | 'all' }
  | { kind: 'flatten' }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelAll' }
  | { kind: 'state'; state: TradingState }
  | { kind: 'bar'; moves: [number, number][]; volume: number };

/** Stocks, and a call and a put on SPY (0DTE, strike 600). */
const INSTRUMENTS = ['SPY', 'QQQ', 'call', 'put'] as const;
const START_PRICES: Record<string, number> = { SPY: 600, QQQ: 500 };

// Mostly sizes the account can pay for; now and then one far beyond it (a buying-power reject).
const quantity = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 30 }), weight: 8 },
  { arbitrary: fc.integer({ min: 1_000, max: 5_000 }), weight: 1 },
);
const pick = fc.nat({ max: 20 });

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>): WeightedArbitrary<T> => ({ arbitrary, weight });

/** A session: enough steps for entries to fill over several bars, partially, and be exited. */
export const sessionArb = (opts: { states?: boolean } = {}): fc.Arbitrary<Command[]> =>
  fc.array(commandArb(opts), { minLength: 10, maxLength: 80, size: 'max' });

/** Random commands: entries (some too large for the cash: broker rejects), adds, exits, cancels, bars. */
export function commandArb(opts: { states?: boolean } = {}): fc.Arbitrary<Command> {
  const arbs: WeightedArbitrary<Command>[] = [
    weighted(
      3,
      fc.record({ kind: fc.constant('entry' as const), instrument: fc.nat({ max: INSTRUMENTS.length - 1 }), quantity }),
    ),
    weighted(1, fc.record({ kind: fc.constant('add' as const), pick, quantity })),
    weighted(
      2,
      fc.record({
        kind: fc.constant('reduce' as const),
        pick,
        quantity: fc.oneof(quantity, fc.constant('all' as const)),
      }),
    ),
    weighted(1, fc.constant({ kind: 'flatten' as const })),
    weighted(1, fc.record({ kind: fc.constant('cancel' as const), pick })),
    weighted(1, fc.constant({ kind: 'cancelAll' as const })),
    weighted(
      4,
      fc.record({
        kind: fc.constant('bar' as const),
        // Per ticker: the open's gap and the bar's move, in fractions of the price.
        moves: fc.tuple(
          fc.tuple(
            fc.double({ min: -0.01, max: 0.01, noNaN: true }),
            fc.double({ min: -0.01, max: 0.01, noNaN: true }),
          ),
          fc.tuple(
            fc.double({ min: -0.01, max: 0.01, noNaN: true }),
            fc.double({ min: -0.01, max: 0.01, noNaN: true }),
          ),
        ),
        volume: fc.integer({ min: 0, max: 300 }),
      }),
    ),
  ];
  if (opts.states) {
    const states = fc.constantFrom<TradingState>('active', 'paused', 'halted');
    arbs.push(weighted(1, fc.record({ kind: fc.constant('state' as const), state: states })));
  }
  return fc.oneof(...arbs);
}

/** A gate that lets every entry through, so the broker's own rejects (buying power, no price) get exercised. */
class OpenGate extends RiskGate {
  constructor() {
    super(riskConfig());
  }

  override evaluate(_check: EntryCheck, _ctx: RiskContext): RiskDecision {
    return { ok: true };
  }
}

/**
 * The execution path of a paper session: OrderGateway → (recording) → PaperBroker with partial
 * fills, commissions and slippage, and the PositionLedger as the book. `signedFills` adds up
 * every fill per position as the broker reported it.
 */
export class World {
  readonly clock = new ManualClock(minute(0));
  readonly venue = new PaperBroker({
    startingEquity: 50_000,
    slippageBps: 3,
    commissionPerShare: 0.005,
    commissionPerContract: 0.65,
    partialFills: true,
  });
  readonly broker = new RecordingBroker(this.venue);
  readonly sink = new RecordingSink();
  readonly ledger = new PositionLedger({ startingCash: 50_000, optionModel: { iv: 0.2, rate: 0.045 } });
  readonly gateway: OrderGateway;
  readonly signedFills = new Map<string, number>();
  /** The gateway's state at each broker submit, with the order. */
  readonly submits: { state: TradingState; order: OrderRequest }[] = [];
  private readonly closes = new Map(Object.entries(START_PRICES));
  private ids = 0;
  private minutes = 0;

  constructor() {
    this.gateway = new OrderGateway({
      broker: this.broker,
      book: this.ledger,
      sink: this.sink,
      clock: this.clock,
      risk: new OpenGate(),
    });
    const submit = this.broker.submit.bind(this.broker);
    this.broker.submit = (order) => {
      this.submits.push({ state: this.gateway.state, order });
      submit(order);
    };
    this.broker.onUpdate((u) => {
      if (u.kind !== 'fill') return;
      const positionId = this.gateway.order(u.fill.clientOrderId)!.positionId;
      const signed = u.fill.side === 'buy' ? u.fill.quantity : -u.fill.quantity;
      this.signedFills.set(positionId, (this.signedFills.get(positionId) ?? 0) + signed);
    });
    // Prices exist from the start, so rejects come from the account, not from an empty market.
    this.bar(
      [
        [0, 0],
        [0, 0],
      ],
      1_000,
    );
  }

  /**
   * The first broken invariant, or null: ledger cash and equity equal the broker's within
   * `tolerance`; every open position holds exactly Σ of its signed fills; no position ever
   * went below zero; the ledger's quantities per symbol are the broker's positions.
   */
  violation(tolerance: number): string | null {
    const account = this.venue.account();
    if (!(Math.abs(this.ledger.cash() - account.cash) <= tolerance)) {
      return `cash ${this.ledger.cash()} ≠ broker ${account.cash}`;
    }
    if (!(Math.abs(this.ledger.equity() - account.equity) <= tolerance)) {
      return `equity ${this.ledger.equity()} ≠ broker ${account.equity}`;
    }
    const bySymbol = new Map<string, number>();
    for (const p of this.open()) {
      if (p.quantity !== this.signedFills.get(p.id))
        return `${p.id} holds ${p.quantity}, fills sum to ${this.signedFills.get(p.id)}`;
      const symbol = this.ledger.planOf(p.id)!.symbol;
      bySymbol.set(symbol, (bySymbol.get(symbol) ?? 0) + p.quantity);
    }
    for (const [id, signed] of this.signedFills) {
      if (signed < 0) return `${id} overfilled: fills sum to ${signed}`;
      if (signed === 0 && this.ledger.get(id)) return `${id} is flat by its fills but open in the ledger`;
    }
    const held = this.venue.positions();
    if (held.length !== bySymbol.size || held.some((h) => bySymbol.get(h.symbol) !== h.quantity)) {
      return `broker holds ${JSON.stringify(held)}, ledger ${JSON.stringify([...bySymbol])}`;
    }
    return null;
  }

  /** Open positions, stocks then option scalps. */
  open() {
    return [...this.ledger.positions(), ...this.ledger.scalps()];
  }

  run(c: Command): void {
    const ctx = openContext({
      now: this.clock.now(),
      lastDataTime: this.clock.now(),
      quote: (o) => this.ledger.quote(o),
    });
    const open = this.open();
    const openOrders = this.gateway.openOrders();
    switch (c.kind) {
      case 'entry':
        this.gateway.submitEntry(this.entry(c.instrument, c.quantity), ctx);
        return;
      case 'add': {
        const p = open[c.pick % Math.max(1, open.length)];
        if (p) this.gateway.submitEntry({ ...entryOf(this.ledger.planOf(p.id)!, c.quantity, 'add') }, ctx);
        return;
      }
      case 'reduce': {
        const p = open[c.pick % Math.max(1, open.length)];
        if (p) this.gateway.submitReduction(p.id, c.quantity, 'exit', 'random exit');
        return;
      }
      case 'flatten':
        this.gateway.flatten(() => true, 'random flatten');
        return;
      case 'cancel': {
        const o = openOrders[c.pick % Math.max(1, openOrders.length)];
        if (o) this.gateway.cancel(o.clientOrderId);
        return;
      }
      case 'cancelAll':
        this.gateway.cancelAll();
        return;
      case 'state':
        this.gateway.setState(c.state, 'random');
        return;
      case 'bar':
        this.bar(c.moves, c.volume);
    }
  }

  private entry(instrument: number, quantity: number): EntryPlan {
    const id = `pos-${++this.ids}`;
    const which = INSTRUMENTS[instrument]!;
    if (which === 'call' || which === 'put') return entryOf(optionPlan(id, 'SPY', { right: which }), quantity);
    return entryOf(stockPlan(id, which), quantity);
  }

  /** One minute on both tickers: the venue fills first, then the ledger marks (as the controller wires it). */
  private bar(moves: [number, number][], volume: number): void {
    this.minutes++;
    const time = minute(this.minutes);
    this.clock.set(time + 60_000);
    ['SPY', 'QQQ'].forEach((ticker, i) => {
      const [gap, move] = moves[i]!;
      const open = this.closes.get(ticker)! * (1 + gap);
      const close = open * (1 + move);
      const b = bar(ticker, time, {
        open,
        close,
        high: Math.max(open, close) * 1.001,
        low: Math.min(open, close) * 0.999,
        volume,
      });
      this.closes.set(ticker, close);
      this.venue.processBar(b);
      this.ledger.mark(b);
    });
  }
}
