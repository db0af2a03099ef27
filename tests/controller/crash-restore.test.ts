import { describe, expect, it } from 'vitest';
import { simController, SIM_OPEN } from '../helpers/sim-controller';
import { tempDir } from '../store/temp-store';

const OPEN = SIM_OPEN;
const controllerOn = simController;

const openOf = (h: ReturnType<typeof controllerOn>) => {
  const s = h.controller.getState();
  return [...s.openPositions, ...s.openScalps]
    .map((p) => ({ id: p.id, ticker: p.ticker, quantity: p.quantity, entryPrice: p.entryPrice }))
    .sort((a, b) => a.id.localeCompare(b.id));
};

describe('crash restore (event-sourced book)', () => {
  it('finds the positions and cash of a crashed run again, comes up paused in the same session and re-sends nothing', async () => {
    const dir = tempDir();
    const first = controllerOn(dir, OPEN);
    expect((await first.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    // Trade until a position is open (and, if the market obliges, one trade has closed too).
    for (let minute = 0; minute < 360; minute++) {
      first.clock.advance(60_000);
      first.feed.pump();
      const open = openOf(first).length;
      if (open > 0 && (first.ledger().closedTrades().length > 0 || minute > 200)) break;
    }
    await Promise.resolve();
    const before = openOf(first);
    expect(before.length).toBeGreaterThan(0);
    const cash = first.ledger().cash();
    const equity = first.ledger().equity();
    expect(first.broker.account().cash).toBeCloseTo(cash, 6);
    const sentBefore = new Set(first.submitted.map((s) => s.order.clientOrderId));

    // kill -9: no shutdown, no stop. A new process opens the same data folder with a fresh broker.
    const second = controllerOn(dir, first.clock.now());
    await Promise.resolve();
    const state = second.controller.getState();
    expect(state.status).toBe('paused');
    expect(state.sessionId).toBe(first.controller.getState().sessionId);
    expect(openOf(second)).toEqual(before);
    expect(Math.abs(second.ledger().cash() - cash)).toBeLessThan(1e-6);
    expect(Math.abs(second.ledger().equity() - equity)).toBeLessThan(1e-6);
    expect(Math.abs(state.accountEquity - equity)).toBeLessThan(1e-6);
    expect(Math.abs(second.broker.account().cash - cash)).toBeLessThan(1e-6);
    for (const p of before) {
      const symbol = second.ledger().planOf(p.id)?.symbol ?? p.ticker;
      const held = second.broker.positions().find((h) => h.symbol === symbol)?.quantity ?? 0;
      expect(held).toBeGreaterThanOrEqual(p.quantity);
    }
    // Closed trades of the first run are not reported again.
    expect(second.ledger().closedTrades().length).toBe(first.ledger().closedTrades().length);
    const restored = second.store.eventLog.query({ eventType: 'session', text: 'open positions and cash', limit: 10 });
    expect(restored).toHaveLength(1);
    expect(restored[0]!.message).toContain(`Restored ${before.length} open positions and cash $${cash.toFixed(2)}`);
    expect(second.submitted).toHaveLength(0);

    // Resuming trades on: no order of the first run is sent again, no position id is reused.
    expect((await second.controller.execute('resume', {})).ok).toBe(true);
    for (let minute = 0; minute < 60; minute++) {
      second.clock.advance(60_000);
      second.feed.pump();
    }
    for (const { order } of second.submitted) expect(sentBefore.has(order.clientOrderId)).toBe(false);
    const entered = second.submitted.filter((s) => s.order.purpose === 'entry').map((s) => s.order.positionId);
    for (const id of entered) expect(before.some((p) => p.id === id)).toBe(false);
    expect(second.ledger().cash()).toBeCloseTo(second.broker.account().cash, 6);
    await second.controller.shutdown();
  }, 60_000);

  it('records the orders a crash caught open as cancelled once, so no restart counts them open again', async () => {
    const dir = tempDir();
    const first = controllerOn(dir, OPEN);
    expect((await first.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    // Crash right after a bar on which an order went out (it would fill on the next bar).
    for (let minute = 0; minute < 360 && first.store.orders.open().length === 0; minute++) {
      first.clock.advance(60_000);
      first.feed.pump();
    }
    await Promise.resolve();
    const caught = first.store.orders.open().map((o) => o.clientOrderId);
    expect(caught.length).toBeGreaterThan(0);

    const second = controllerOn(dir, first.clock.now());
    await Promise.resolve();
    expect(second.store.orders.open()).toEqual([]);
    for (const id of caught) expect(second.store.orders.get(id)?.status).toBe('cancelled');
    const lost = () => second.store.eventLog.query({ eventType: 'order', text: 'open at the crash', limit: 100 });
    expect(
      lost()
        .map((e) => e.metadata?.clientOrderId)
        .sort(),
    ).toEqual([...caught].sort());
    expect(second.submitted).toHaveLength(0);
    // Let the second run commit what it wrote (a crashed process holds no transaction).
    await new Promise((resolve) => setImmediate(resolve));

    const third = controllerOn(dir, first.clock.now());
    await Promise.resolve();
    const again = third.store.eventLog.query({ eventType: 'order', text: 'open at the crash', limit: 100 });
    expect(again).toHaveLength(caught.length);
    await third.controller.shutdown();
  }, 60_000);

  it('restores nothing and says nothing on a fresh data folder', () => {
    const h = controllerOn(tempDir(), OPEN);
    expect(h.store.eventLog.query({ eventType: 'session', text: 'Restored' })).toHaveLength(0);
    expect(h.ledger().cash()).toBe(50_000);
  });
});
