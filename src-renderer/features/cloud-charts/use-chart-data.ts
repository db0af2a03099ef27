import { useCallback, useEffect, useState } from 'react';
import type { BarUpdate, ChartData } from '../../../src-shared/chart-data';
import type { Timeframe } from '../../../src-shared/market';
import { mergeUpdates, updatesFor } from '../../charts/cloud-data';
import type { ChartSource } from './chart-source';

export type ChartLoad =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: ChartData }
  | { status: 'error'; message: string };

interface Settled {
  key: string;
  load: ChartLoad;
}

/**
 * Loads one ticker and timeframe with getChartData whenever either changes (or `reload` is
 * called), and keeps the live bars that arrive while the request is out, folding them into the
 * reply so no bar is lost between the snapshot and the chart's own subscription.
 */
export function useChartData(
  source: ChartSource,
  ticker: string | null,
  timeframe: Timeframe,
  limit: number,
): { load: ChartLoad; reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled | null>(null);
  const key = `${ticker}|${timeframe}|${limit}|${attempt}`;

  useEffect(() => {
    if (!ticker) return;
    let current = true;
    const pending: BarUpdate[] = [];
    const off = source.bars.subscribe((batch) => {
      pending.push(...updatesFor(batch, ticker, timeframe));
    });
    const settle = (load: ChartLoad) => {
      off();
      if (current) setSettled({ key, load });
    };
    source.getChartData({ ticker, timeframe, limit }).then(
      (result) =>
        settle(
          result.ok
            ? { status: 'ready', data: mergeUpdates(result.value, pending) }
            : { status: 'error', message: result.error.message },
        ),
      (error: unknown) => settle({ status: 'error', message: String(error) }),
    );
    return () => {
      current = false;
      off();
    };
  }, [source, ticker, timeframe, limit, key]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  if (!ticker) return { load: { status: 'idle' }, reload };
  return { load: settled?.key === key ? settled.load : { status: 'loading' }, reload };
}
