import { describe, expect, it } from 'vitest';
import type { TradeRecord } from '../../src-shared/trades';
import type { TradeSignal } from '../../src-shared/signals';
import { tempStore } from './temp-store';

const trade = (id: string, exitTime: number, pnl: number): TradeRecord => ({
  id,
  ticker: 'NVDA',
  instrumentType: 'stock',
  tradeType: 'day',
  direction: 'long',
  quantity: 10,
  entryPrice: 100,
  exitPrice: 100 + pnl / 10,
  entryTime: exitTime - 60_000,
  exitTime,
  pnl,
  pnlPct: pnl / 10,
  signalType: 'CLOUD_CROSS_BULLISH',
  conviction: 82,
  timeframe: '5m',
});

const signal = (id: string, time: number): TradeSignal => ({
  id,
  ticker: 'AAPL',
  timeframe: '5m',
  type: 'CLOUD_FLIP_BULLISH',
  direction: 'long',
  conviction: 77,
  price: 230.5,
  time,
  clouds: { fast: { short: 1, long: 0.5, bullish: true }, pullback: null, trend: null, macro: null },
  outcome: 'PENDING',
  skipReason: null,
});

describe('trading repositories', () => {
  it('records an order intent before any broker reply and follows its fills', () => {
    const store = tempStore();
    store.orders.recordIntent({
      clientOrderId: 'AX-1',
      sessionId: 'S1',
      ticker: 'SPY',
      side: 'buy',
      qty: 10,
      type: 'market',
      stopPrice: null,
      createdAt: 1000,
      intent: { purpose: 'entry', positionId: 'P1' },
    });
    expect(store.orders.open()).toHaveLength(1);
    store.orders.update('AX-1', 'partially_filled', 2000, { qty: 4, price: 100 });
    store.orders.update('AX-1', 'filled', 3000, { qty: 6, price: 101 });
    expect(store.orders.get('AX-1')).toMatchObject({
      status: 'filled',
      filledQty: 10,
      avgFillPrice: 100.6,
      updatedAt: 3000,
    });
    expect(store.orders.open()).toEqual([]);
    expect(store.orders.update('AX-404', 'filled', 1)).toBe(false);
  });

  it('refuses a second intent with the same client order id', () => {
    const store = tempStore();
    const intent = {
      clientOrderId: 'AX-1',
      sessionId: 'S1',
      ticker: 'SPY',
      side: 'buy' as const,
      qty: 1,
      type: 'market' as const,
      stopPrice: null,
      createdAt: 1,
      intent: {},
    };
    store.orders.recordIntent(intent);
    expect(() => store.orders.recordIntent(intent)).toThrow(/UNIQUE/);
  });

  it('stores closed trades once and reads them back by exit time', () => {
    const store = tempStore();
    store.trades.record('S1', trade('T2', 2000, -5));
    store.trades.record('S1', trade('T1', 1000, 12));
    store.trades.record('S1', trade('T1', 1000, 12));
    expect(store.trades.between(0, 5000).map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(store.trades.between(1500, 5000)).toEqual([trade('T2', 2000, -5)]);
    expect(store.trades.recent(1)[0]?.id).toBe('T2');
  });

  it('stores a signal and then its outcome', () => {
    const store = tempStore();
    store.signals.save('S1', signal('A', 1000));
    store.signals.save('S1', { ...signal('A', 1000), outcome: 'SKIPPED', skipReason: 'paused' });
    store.signals.save('S1', signal('B', 2000));
    const recent = store.signals.recent(10);
    expect(recent.map((s) => s.id)).toEqual(['B', 'A']);
    expect(recent[1]).toEqual({ ...signal('A', 1000), outcome: 'SKIPPED', skipReason: 'paused' });
  });

  it('keeps the equity curve per session and one row per day', () => {
    const store = tempStore();
    store.equity.appendSnapshots('S1', [
      { time: 1, equity: 50_000, pnl: 0 },
      { time: 2, equity: 50_010, pnl: 10 },
    ]);
    store.equity.appendSnapshots('S2', [{ time: 3, equity: 1, pnl: 1 }]);
    expect(store.equity.curve('S1')).toEqual([
      { time: 1, pnl: 0 },
      { time: 2, pnl: 10 },
    ]);
    store.equity.upsertDay({ date: '2026-11-24', startingEquity: 50_000, endingEquity: null, pnl: 0, trades: 0 });
    store.equity.upsertDay({ date: '2026-11-24', startingEquity: 1, endingEquity: 50_100, pnl: 100, trades: 3 });
    expect(store.equity.days()).toEqual([
      { date: '2026-11-24', startingEquity: 50_000, endingEquity: 50_100, pnl: 100, trades: 3 },
    ]);
  });
});
