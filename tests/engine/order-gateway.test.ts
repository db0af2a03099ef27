import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrderGateway, type OrderGatewayOptions } from '../../src-main/engine/order-gateway';
import { PositionLedger } from '../../src-main/engine/position-ledger';
import { RiskGate } from '../../src-main/engine/risk-gate';
import { isReducing, type OrderRequest } from '../../src-main/engine/orders';
import type { EngineEvent } from '../../src-main/engine/ports';
import { ManualClock } from '../helpers/manual-clock';
import { RecordingBroker, RecordingSink } from '../helpers/exec-fakes';
import { sessionArb, World } from '../helpers/exec-harness';
import { entryOf, minute, openContext, optionPlan, riskConfig, stockPlan, T0 } from '../helpers/exec-builders';

function setup(opts: Partial<OrderGatewayOptions> = {}) {
  const log: string[] = [];
  const broker = new RecordingBroker(undefined, log);
  const sink = new RecordingSink(log);
  const book = new PositionLedger({ startingCash: 50_000, optionModel: { iv: 0.2, rate: 0.045 } });
  const clock = new ManualClock(T0);
  const gateway = new OrderGateway({ broker, book, sink, clock, risk: new RiskGate(riskConfig()), ...opts });
  /** Enters `id` for `quantity` SPY shares at $100 and fills it. */
  const open = (id: string, quantity: number): string => {
    const r = gateway.submitEntry(entryOf(stockPlan(id), quantity), openContext());
    if (!r.ok) throw new Error(r.reason);
    broker.fill(r.clientOrderId, quantity, 100);
    return r.clientOrderId;
  };
  return { log, broker, sink, book, clock, gateway, open };
}

const severities = (events: EngineEvent[]) => events.map((e) => `${e.eventType}/${e.severity}`);

describe('OrderGateway: entries', () => {
  it('commits the order intent to the sink and registers the plan before the broker call', () => {
    const { log, book, gateway, sink } = setup();
    const registeredAtSubmit: boolean[] = [];
    const probe = new (class extends RecordingBroker {
      override submit(order: OrderRequest): void {
        registeredAtSubmit.push(book.planOf(order.positionId) !== undefined);
        super.submit(order);
      }
    })(undefined, log);
    const g = new OrderGateway({
      broker: probe,
      book,
      sink,
      clock: new ManualClock(T0),
      risk: new RiskGate(riskConfig()),
    });
    expect(g.submitEntry(entryOf(stockPlan('p1'), 10), openContext())).toEqual({ ok: true, clientOrderId: 'AX-1' });
    expect(log).toEqual(['sink.order AX-1', 'broker.submit AX-1']);
    expect(registeredAtSubmit).toEqual([true]);
    expect(sink.events[0]!.metadata).toMatchObject({
      status: 'intent',
      order: { clientOrderId: 'AX-1', positionId: 'p1' },
    });
    expect(gateway.openOrders()).toEqual([]);
  });

  it('stamps deterministic AX-n ids and the clock time, and keeps each request by its id', () => {
    const { broker, clock, gateway } = setup();
    gateway.submitEntry(entryOf(stockPlan('p1'), 10), openContext());
    clock.set(minute(3));
    gateway.submitEntry(entryOf(stockPlan('p2'), 10), openContext());
    expect(broker.submitted().map((o) => [o.clientOrderId, o.time])).toEqual([
      ['AX-1', T0],
      ['AX-2', minute(3)],
    ]);
    expect(gateway.order('AX-2')).toMatchObject({ positionId: 'p2', quantity: 10, purpose: 'entry' });
    expect(gateway.openOrders().map((o) => o.clientOrderId)).toEqual(['AX-1', 'AX-2']);
  });

  it('uses a given id generator and refuses ids longer than 48 characters', () => {
    let i = 0;
    const { broker, gateway } = setup({ nextOrderId: () => `S42-${++i}` });
    gateway.submitEntry(entryOf(stockPlan('p1'), 1), openContext());
    expect(broker.last().clientOrderId).toBe('S42-1');
    const long = setup({ nextOrderId: () => 'x'.repeat(49) });
    expect(() => long.gateway.submitEntry(entryOf(stockPlan('p1'), 1), openContext())).toThrow(/longer than 48/);
    expect(long.broker.calls).toEqual([]);
  });

  it('denies what the risk gate refuses with a risk_denied event and never calls the broker', () => {
    const { broker, sink, gateway, book } = setup();
    const r = gateway.submitEntry(entryOf(stockPlan('p1'), 10), openContext({ phase: 'closed' }));
    expect(r).toEqual({ ok: false, rule: 'market_hours', reason: 'market is closed' });
    expect(sink.events).toEqual([
      {
        eventType: 'risk_denied',
        severity: 'warning',
        message: 'SPY entry denied (market_hours): market is closed',
        metadata: expect.objectContaining({ rule: 'market_hours', positionId: 'p1', signalId: 'sig-p1', quantity: 10 }),
      },
    ]);
    expect(broker.calls).toEqual([]);
    expect(book.planOf('p1')).toBeUndefined();
  });

  it('prices option entries with the quote and checks their risk with the 100 multiplier', () => {
    const { gateway } = setup();
    // $2 premium, stop at −25 %: $50 per contract at risk; 1 % of $50,000 allows 10.
    const ctx = openContext({ quote: () => 2 });
    expect(gateway.submitEntry(entryOf(optionPlan('o1'), 10), ctx).ok).toBe(true);
    expect(gateway.submitEntry(entryOf(optionPlan('o2'), 11), ctx)).toMatchObject({
      ok: false,
      rule: 'risk_per_trade',
    });
  });

  it('sends the same entry only once (one broker order per intent)', () => {
    const { broker, gateway } = setup();
    const entry = entryOf(stockPlan('p1'), 10);
    expect(gateway.submitEntry(entry, openContext()).ok).toBe(true);
    expect(gateway.submitEntry(entry, openContext())).toMatchObject({ ok: false, rule: 'duplicate_entry' });
    expect(broker.submitted()).toHaveLength(1);
  });

  it.each(['paused', 'halted'] as const)(
    'denies entries and adds while %s, quoting the reason, but passes reductions',
    (state) => {
      const { broker, gateway, sink, open } = setup();
      open('held', 10);
      gateway.setState(state, 'user command');
      const entry = gateway.submitEntry(entryOf(stockPlan('p2'), 1), openContext());
      const add = gateway.submitEntry(entryOf(stockPlan('held'), 1, 'add'), openContext());
      expect(entry).toEqual({ ok: false, rule: 'trading_state', reason: `trading is ${state} (user command)` });
      expect(add).toMatchObject({ ok: false, rule: 'trading_state' });
      expect(sink.ofType('risk_denied').map((e) => e.severity)).toEqual(['info', 'info']);
      expect(gateway.submitReduction('held', 'all', 'exit', 'target')).toMatchObject({ ok: true, quantity: 10 });
      expect(broker.submitted().map((o) => o.purpose)).toEqual(['entry', 'exit']);
      gateway.cancelAll();
      expect(broker.calls.at(-1)).toEqual({ kind: 'cancelAll' });
    },
  );

  it('accepts an add to an open position, counting what it holds against the position limit', () => {
    const { gateway, open } = setup();
    open('p1', 60);
    // $6,000 held + 40 × $100 = $10,000, 20 % of equity: fits; 41 does not.
    expect(gateway.submitEntry(entryOf(stockPlan('p1'), 41, 'add'), openContext()).ok).toBe(false);
    expect(gateway.submitEntry(entryOf(stockPlan('p1'), 40, 'add'), openContext()).ok).toBe(true);
    expect(gateway.submitEntry(entryOf(stockPlan('nope'), 1, 'add'), openContext())).toMatchObject({
      ok: false,
      rule: 'invalid_order',
    });
  });

  it('refuses short entries and reducing purposes through submitEntry', () => {
    const { gateway } = setup();
    const short = entryOf(stockPlan('s', 'SPY', { direction: 'short' }), 1);
    short.order.side = 'sell';
    expect(gateway.submitEntry(short, openContext())).toMatchObject({
      ok: false,
      reason: 'positions are long only: entries buy',
    });
    const exit = entryOf(stockPlan('e'), 1, 'exit');
    expect(gateway.submitEntry(exit, openContext())).toMatchObject({ ok: false, rule: 'invalid_order' });
  });

  it('counts working entries as open positions, trades and exposure for the next check', () => {
    const { gateway } = setup();
    const c = riskConfig();
    const strict = setup({
      risk: new RiskGate({ ...c, risk: { ...c.risk, maxOpenPositions: 2, maxExposurePct: 30 } }),
    });
    expect(strict.gateway.submitEntry(entryOf(stockPlan('a'), 70), openContext()).ok).toBe(true);
    // 7,000 working + 9,000 = 16,000 > 30 % of 50,000.
    expect(strict.gateway.submitEntry(entryOf(stockPlan('b'), 90), openContext())).toMatchObject({
      rule: 'max_exposure',
    });
    expect(strict.gateway.submitEntry(entryOf(stockPlan('b'), 10), openContext()).ok).toBe(true);
    expect(strict.gateway.submitEntry(entryOf(stockPlan('c'), 1), openContext())).toMatchObject({
      rule: 'max_open_positions',
    });
    expect(gateway.submitEntry(entryOf(stockPlan('c'), 1), openContext()).ok).toBe(true);
  });

  it('sends nothing when the sink cannot record the intent', () => {
    const { broker, book, gateway, sink } = setup();
    sink.emit = () => {
      throw new Error('disk full');
    };
    expect(gateway.submitEntry(entryOf(stockPlan('p1'), 1), openContext())).toMatchObject({ ok: false });
    expect(broker.calls).toEqual([]);
    expect(book.planOf('p1')).toBeUndefined();
  });
});

describe('OrderGateway: broker updates', () => {
  it('applies fills to the book and reports fills, then the closed trade with its P&L', () => {
    const { broker, book, sink, gateway, open } = setup();
    open('p1', 10);
    const exit = gateway.submitReduction('p1', 'all', 'exit', 'target hit');
    if (!exit.ok) throw new Error(exit.reason);
    broker.fill(exit.clientOrderId, 4, 110);
    broker.fill(exit.clientOrderId, 6, 110, { commission: 1 });
    expect(book.get('p1')).toBeUndefined();
    expect(severities(sink.events)).toEqual([
      'order/info',
      'fill/info',
      'order/info',
      'fill/info',
      'fill/info',
      'trade/info',
    ]);
    expect(sink.events[1]!.metadata).toMatchObject({ status: 'filled', positionId: 'p1', remaining: 0 });
    expect(sink.events[3]!.metadata).toMatchObject({ status: 'partially_filled', remaining: 6 });
    expect(sink.events[5]!.metadata).toMatchObject({ pnl: 99, ticker: 'SPY', tradeType: 'day', positionId: 'p1' });
    expect(sink.events[2]!.message).toBe('SELL 10 SPY market (exit) AX-2: target hit');
  });

  it.each(['rejected', 'cancelled'] as const)('drops an entry %s before any fill from the book', (outcome) => {
    const { broker, book, sink, gateway } = setup();
    gateway.submitEntry(entryOf(stockPlan('p1'), 10), openContext());
    if (outcome === 'rejected') broker.reject('AX-1', 'insufficient buying power');
    else broker.cancelled('AX-1');
    expect(book.planOf('p1')).toBeUndefined();
    expect(gateway.openOrders()).toEqual([]);
    expect(sink.events.at(-1)).toMatchObject({
      eventType: 'order',
      severity: outcome === 'rejected' ? 'warning' : 'info',
      metadata: { status: outcome, reason: outcome === 'rejected' ? 'insufficient buying power' : null },
    });
  });

  it('raises a critical alert when the broker rejects a flatten, and the position stays open', () => {
    const { broker, book, sink, gateway, open } = setup();
    open('p1', 10);
    gateway.setState('halted', 'kill switch');
    const [sent] = gateway.flatten(() => true, 'kill switch');
    broker.reject(sent!.clientOrderId, 'PDT protection (403)');
    expect(book.get('p1')!.quantity).toBe(10);
    const alert = sink.ofType('alert');
    expect(alert).toEqual([
      {
        eventType: 'alert',
        severity: 'critical',
        message: 'flatten of SPY rejected by the broker (PDT protection (403)); 10 still open, NOT flat',
        metadata: expect.objectContaining({ kind: 'reduction_rejected', positionId: 'p1', stillOpen: 10 }),
      },
    ]);
    // The rejected order no longer counts as pending: the flatten can be retried.
    expect(gateway.submitReduction('p1', 'all', 'flatten', 'retry')).toMatchObject({ ok: true, quantity: 10 });
  });

  it('raises a critical alert for a fill it cannot place', () => {
    const { broker, sink } = setup();
    broker.emit({
      kind: 'fill',
      fill: { clientOrderId: 'ghost', symbol: 'SPY', side: 'buy', quantity: 1, price: 1, commission: 0, time: T0 },
      remaining: 0,
    });
    expect(sink.events).toMatchObject([
      { eventType: 'alert', severity: 'critical', metadata: { kind: 'book_divergence' } },
    ]);
  });
});

describe('OrderGateway: reductions', () => {
  it('never sells more than is held less what reducing orders already have working', () => {
    const { broker, gateway, open } = setup();
    open('p1', 10);
    expect(gateway.submitReduction('p1', 4, 'exit', 'partial')).toMatchObject({ ok: true, quantity: 4 });
    expect(gateway.submitReduction('p1', 100, 'stop', 'stop hit')).toMatchObject({ ok: true, quantity: 6 });
    expect(gateway.submitReduction('p1', 'all', 'flatten', 'again')).toEqual({
      ok: false,
      reason: '10 already being sold for p1',
    });
    broker.fill('AX-2', 4, 100);
    expect(gateway.submitReduction('p1', 'all', 'exit', 'again')).toEqual({
      ok: false,
      reason: '6 already being sold for p1',
    });
    expect(
      broker
        .submitted()
        .filter((o) => o.side === 'sell')
        .map((o) => o.quantity),
    ).toEqual([4, 6]);
  });

  it('refuses an unknown position, a flat one and a bad quantity', () => {
    const { gateway, open } = setup();
    expect(gateway.submitReduction('ghost', 'all', 'exit', 'x')).toEqual({
      ok: false,
      reason: 'unknown position ghost',
    });
    gateway.submitEntry(entryOf(stockPlan('p1'), 10), openContext());
    expect(gateway.submitReduction('p1', 'all', 'exit', 'x')).toEqual({ ok: false, reason: 'p1 holds nothing' });
    open('p2', 5);
    expect(gateway.submitReduction('p2', 1.5, 'exit', 'x')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/whole number/),
    });
    expect(gateway.submitReduction('p2', 0, 'exit', 'x').ok).toBe(false);
  });

  it('cancels the working entry of a position before reducing it', () => {
    const { broker, book, gateway } = setup();
    const r = gateway.submitEntry(entryOf(stockPlan('p1'), 10), openContext());
    if (!r.ok) throw new Error(r.reason);
    broker.fill(r.clientOrderId, 3, 100);
    const exit = gateway.submitReduction('p1', 'all', 'exit', 'reversal');
    expect(broker.calls.slice(1).map((c) => c.kind)).toEqual(['cancel', 'submit']);
    expect(exit).toMatchObject({ ok: true, quantity: 3 });
    // Nothing filled yet: the entry is simply dropped.
    gateway.submitEntry(entryOf(stockPlan('p2'), 10), openContext());
    expect(gateway.submitReduction('p2', 'all', 'exit', 'x')).toEqual({ ok: false, reason: 'p2 holds nothing' });
    broker.cancelled(broker.last().clientOrderId);
    expect(book.planOf('p2')).toBeUndefined();
  });

  it('flattens the positions the filter picks, options included, and returns what it sent', () => {
    const { broker, gateway, open } = setup();
    open('day', 5);
    const swing = gateway.submitEntry(entryOf(stockPlan('swing', 'SPY', { tradeType: 'swing' }), 5), openContext());
    if (swing.ok) broker.fill(swing.clientOrderId, 5, 100);
    const opt = gateway.submitEntry(entryOf(optionPlan('opt'), 2), openContext({ quote: () => 2 }));
    if (opt.ok) broker.fill(opt.clientOrderId, 2, 2);
    const sent = gateway.flatten((p) => p.tradeType !== 'swing', 'end of day');
    expect(sent.map((s) => [s.positionId, s.quantity])).toEqual([
      ['day', 5],
      ['opt', 2],
    ]);
    expect(broker.last()).toMatchObject({
      side: 'sell',
      purpose: 'flatten',
      instrumentType: 'option',
      option: { underlying: 'SPY', right: 'call', strike: 600 },
    });
    expect(Object.keys(broker.last().option!)).toEqual(['underlying', 'right', 'strike', 'expiry']);
  });
});

describe('OrderGateway with the paper broker and the ledger (properties)', () => {
  const RUNS = { numRuns: 1000 };
  // 1,000 sessions of up to 80 steps each take a few seconds on a loaded machine.
  const TIMEOUT = 60_000;
  const TOLERANCE = 1e-9;

  it(
    'keeps position = Σ signed fills, never overfills, and reconciles cash and equity with the broker',
    () => {
      fc.assert(
        fc.property(sessionArb(), (commands) => {
          const w = new World();
          for (const c of commands) {
            w.run(c);
            expect(w.violation(TOLERANCE), JSON.stringify(c)).toBeNull();
          }
          // The book never refused a fill and the broker never refused a reduction.
          expect(w.sink.ofType('alert')).toEqual([]);
          const realized = w.ledger.closedTrades().reduce((s, t) => s + t.pnl, 0);
          expect(realized + w.open().reduce((s, p) => s + p.realizedPnl, 0)).toBeCloseTo(w.ledger.realizedPnl(), 9);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'lets only cancels and reducing orders reach the broker while halted, and no entries while paused',
    () => {
      fc.assert(
        fc.property(sessionArb({ states: true }), (commands) => {
          const w = new World();
          for (const c of commands) w.run(c);
          for (const { state, order } of w.submits) {
            if (state !== 'active') expect(isReducing(order.purpose)).toBe(true);
          }
          expect(w.sink.ofType('alert')).toEqual([]);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
