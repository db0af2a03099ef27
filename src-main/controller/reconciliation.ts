import type { BrokerOrder, BrokerPosition } from '../engine/ports';

/** What the bot believes it holds at one broker: quantity per traded symbol, open order ids. */
export interface LocalBook {
  positions: ReadonlyMap<string, number>;
  openOrderIds: readonly string[];
}

/**
 * The differences between the broker's report and the bot's book, one plain sentence each;
 * empty when they agree. A symbol's quantities must match exactly; an order must be open on
 * both sides or on neither.
 */
export function reconcile(
  book: LocalBook,
  positions: readonly BrokerPosition[],
  orders: readonly BrokerOrder[],
): string[] {
  const differences: string[] = [];
  const broker = new Map<string, number>();
  for (const p of positions) broker.set(p.symbol, (broker.get(p.symbol) ?? 0) + p.quantity);
  const symbols = [...new Set([...broker.keys(), ...book.positions.keys()])].sort();
  for (const symbol of symbols) {
    const theirs = broker.get(symbol) ?? 0;
    const ours = book.positions.get(symbol) ?? 0;
    if (theirs !== ours) differences.push(`${symbol}: the broker holds ${theirs}, the bot's book ${ours}`);
  }
  const local = new Set(book.openOrderIds);
  const remote = new Set(orders.map((o) => o.clientOrderId));
  for (const o of orders) {
    if (!local.has(o.clientOrderId)) {
      differences.push(
        `order ${o.clientOrderId} (${o.side} ${o.quantity} ${o.symbol}) is open at the broker, unknown to the bot`,
      );
    }
  }
  for (const id of book.openOrderIds) {
    if (!remote.has(id)) differences.push(`order ${id} is open in the bot's records but not at the broker`);
  }
  return differences;
}
