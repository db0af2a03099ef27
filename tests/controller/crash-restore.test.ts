import { describe, expect, it } from 'vitest';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { SyntheticFeed, syntheticEtfs } from '../../src-main/adapters/synthetic-feed';
import { BotController } from '../../src-main/controller/bot-controller';
import type { TradingRuntime } from '../../src-main/controller/trading-runtime';
import { describeMarketClock } from '../../src-main/engine/market-calendar';
import type { OrderRequest } from '../../src-main/engine/orders';
import { defaultConfig } from '../../src-shared/config-schema';
import { ManualClock } from '../helpers/manual-clock';
import { ManualTimers } from '../helpers/manual-timers';
import { tempDir, tempStore } from '../store/temp-store';

const OPEN = Date.UTC(2026, 10, 24, 14, 30);
const CONFIG = { ...defaultConfig(), universe: { ...defaultConfig().universe, tickers: ['SPY', 'QQQ', 'NVDA'] } };

/** A controller over a real store in `dir`, the seeded synthetic market on a manual clock and a fresh paper broker. */
function controllerOn(dir: string, start: number) {
  const store = tempStore(dir);
  const clock = new ManualClock(start);
  const feed = new SyntheticFeed({
    seed: 42,
    clock,
    schedule: CONFIG.schedule,
    etfs: syntheticEtfs(CONFIG.leveragedEtf, CONFIG.universe.tickers),
    timers: { setInterval: () => 0, clearInterval: () => {} },
  });
  const broker = new PaperBroker({ startingEquity: 50_000 });
  const submitted: OrderRequest[] = [];
  const submit = broker.submit.bind(broker);
  broker.submit = (order) => {
    submitted.push(order);
    submit(order);
  };
  const controller = new BotController({
    store,
    config: CONFIG,
    clock,
    wallClock: () => clock.now(),
    feed,
    broker,
    describeClock: (now) => describeMarketClock(now, CONFIG.schedule, 0),
    timers: new ManualTimers(),
  });
  const ledger = () => (controller as unknown as { runtime: TradingRuntime }).runtime.engine.ledger;
  return { store, feed, broker, clock, controller, submitted, ledger };
}

const openOf = (h: ReturnType<typeof controllerOn>) => {
  const s = h.controller.getState();
  return [...s.openPositions, ...s.openScalps]
    .map((p) => ({ id: p.id, ticker: p.ticker, quantity: p.quantity, entryPrice: p.entryPrice }))
    .sort((a, b) => a.id.localeCompare(b.id));
};

describe('crash restore (event-sourced book)', () => {
  it('finds the positions and cash of a crashed run again, comes up stopped and re-sends nothing', async () => {
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
    const sentBefore = new Set(first.submitted.map((o) => o.clientOrderId));

    // kill -9: no shutdown, no stop. A new process opens the same data folder with a fresh broker.
    const second = controllerOn(dir, first.clock.now());
    await Promise.resolve();
    const state = second.controller.getState();
    expect(state.status).toBe('stopped');
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
    const restored = second.store.eventLog.query({ eventType: 'session', text: 'Restored', limit: 10 });
    expect(restored).toHaveLength(1);
    expect(restored[0]!.message).toContain(`Restored ${before.length} open positions and cash $${cash.toFixed(2)}`);
    expect(second.submitted).toHaveLength(0);

    // Starting again trades on: no order of the first run is sent again, no position id is reused.
    expect((await second.controller.execute('start', { executionMode: 'paper' })).ok).toBe(true);
    for (let minute = 0; minute < 60; minute++) {
      second.clock.advance(60_000);
      second.feed.pump();
    }
    for (const o of second.submitted) expect(sentBefore.has(o.clientOrderId)).toBe(false);
    const entered = second.submitted.filter((o) => o.purpose === 'entry').map((o) => o.positionId);
    for (const id of entered) expect(before.some((p) => p.id === id)).toBe(false);
    expect(second.ledger().cash()).toBeCloseTo(second.broker.account().cash, 6);
    await second.controller.shutdown();
  }, 60_000);

  it('restores nothing and says nothing on a fresh data folder', () => {
    const h = controllerOn(tempDir(), OPEN);
    expect(h.store.eventLog.query({ eventType: 'session', text: 'Restored' })).toHaveLength(0);
    expect(h.ledger().cash()).toBe(50_000);
  });
});
