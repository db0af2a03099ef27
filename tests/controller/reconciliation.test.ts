import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src-main/controller/reconciliation';
import type { BrokerOrder } from '../../src-main/engine/ports';

const order = (clientOrderId: string): BrokerOrder => ({
  clientOrderId,
  symbol: 'SPY',
  side: 'buy',
  quantity: 5,
  filledQuantity: 0,
  status: 'new',
});

describe('reconcile (broker report vs the bot’s book)', () => {
  it('finds nothing when quantities and open orders agree, summing split broker lots', () => {
    const book = { positions: new Map([['SPY', 10]]), openOrderIds: ['a'] };
    const positions = [
      { symbol: 'SPY', quantity: 4, avgEntryPrice: 1 },
      { symbol: 'SPY', quantity: 6, avgEntryPrice: 1 },
    ];
    expect(reconcile(book, positions, [order('a')])).toEqual([]);
  });

  it('names every symbol whose quantity differs, both ways, and orders open on one side only', () => {
    const book = { positions: new Map([['QQQ', 3]]), openOrderIds: ['mine'] };
    const positions = [{ symbol: 'SPY', quantity: 10, avgEntryPrice: 590 }];
    expect(reconcile(book, positions, [order('theirs')])).toEqual([
      'QQQ: the broker holds 0, the bot’s book 3'.replace('’', "'"),
      "SPY: the broker holds 10, the bot's book 0",
      'order theirs (buy 5 SPY) is open at the broker, unknown to the bot',
      "order mine is open in the bot's records but not at the broker",
    ]);
  });
});
