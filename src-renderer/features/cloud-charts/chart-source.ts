import { useMemo } from 'react';
import type { ChartData } from '../../../src-shared/chart-data';
import type { CommandResult } from '../../../src-shared/command-result';
import type { CommandRequest } from '../../../src-shared/ipc-contract';
import type { BarStream } from '../../charts/cloud-chart';
import { useAppStore } from '../../store/context';

/** What the Cloud Charts tab needs from the bot: the chart-data command and the 'bars' push. */
export interface ChartSource {
  /** Never rejects: a broken link comes back as an error result. */
  getChartData(request: CommandRequest<'getChartData'>): Promise<CommandResult<ChartData>>;
  /** Every 'bars' push, after the store applied it. */
  bars: BarStream;
}

/** The chart source over the store: its read-only query and its push listeners. Stable per store. */
export function useChartSource(): ChartSource {
  const query = useAppStore((s) => s.query);
  const onPush = useAppStore((s) => s.onPush);
  return useMemo(
    () => ({
      getChartData: (request) => query('getChartData', request),
      bars: { subscribe: (listener) => onPush('bars', listener) },
    }),
    [query, onPush],
  );
}
