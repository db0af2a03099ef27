import { useEffect, useState } from 'react';
import type { TradeSignal } from '../../../src-shared/signals';
import type { RequestSlice } from '../../store/types';

/** Stored signals fetched for attribution: enough for a trading day. */
export const CONTEXT_LIMIT = 2000;

const NONE: readonly TradeSignal[] = [];

/**
 * The stored signals behind today's trades. The live list holds only the latest few dozen
 * signals, so the ones that opened earlier trades have long scrolled out of it: they are
 * fetched with getSignals, again whenever `key` changes (a trade closed, a position opened).
 */
export function useSignalContext(query: RequestSlice['query'], key: string, enabled: boolean): readonly TradeSignal[] {
  const [signals, setSignals] = useState<readonly TradeSignal[]>(NONE);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void query('getSignals', { limit: CONTEXT_LIMIT }).then((result) => {
      if (current && result.ok) setSignals(result.value);
    });
    return () => {
      current = false;
    };
  }, [query, key, enabled]);
  return signals;
}

/** Several signal lists as one, newest first; for an id in more than one, the first list's copy wins. */
export function mergeSignals(...lists: readonly (readonly TradeSignal[])[]): TradeSignal[] {
  const byId = new Map<string, TradeSignal>();
  for (const list of lists) for (const s of list) if (!byId.has(s.id)) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => b.time - a.time);
}
