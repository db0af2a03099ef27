import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommandResult } from '../../../src-shared/command-result';
import type { CommandRequest } from '../../../src-shared/ipc-contract';
import type { PerformanceReport } from '../../../src-shared/performance';
import { useAppStore } from '../../store/context';

/** What the Performance tab needs from the bot: the report command and word of closed trades. */
export interface PerformanceSource {
  /** Never rejects: a broken link comes back as an error result. */
  getPerformance(request: CommandRequest<'getPerformance'>): Promise<CommandResult<PerformanceReport>>;
  /** Calls `listener` on every 'trade' event push; returns the unsubscribe. */
  onTrade(listener: () => void): () => void;
}

/** The source over the store: its read-only query and its event pushes. Stable per store. */
export function usePerformanceSource(): PerformanceSource {
  const query = useAppStore((s) => s.query);
  const onPush = useAppStore((s) => s.onPush);
  return useMemo(
    () => ({
      getPerformance: (request) => query('getPerformance', request),
      onTrade: (listener) =>
        onPush('event', (event) => {
          if (event.eventType === 'trade') listener();
        }),
    }),
    [query, onPush],
  );
}

export type ReportLoad =
  | { status: 'loading' }
  | {
      status: 'ready';
      report: PerformanceReport;
      /** True while the shown report is for another range and the new one is on its way. */
      switching: boolean;
      /** The last refresh failed (the report shown is the previous one). */
      refreshError: string | null;
    }
  | { status: 'error'; message: string };

interface Settled {
  key: string;
  report: PerformanceReport | null;
  error: string | null;
}

/**
 * Loads the report for `request` and keeps it fresh: again every `refreshMs` while the page is
 * visible (and at once when it becomes visible again), and whenever a trade closes. Requests do
 * not pile up: a refresh asked for while one is out is sent when it returns. A failed refresh
 * keeps the report it had; switching ranges keeps the old report on screen until the new one arrives.
 */
export function usePerformanceReport(
  source: PerformanceSource,
  since: number,
  until: number | undefined,
  refreshMs: number,
): { load: ReportLoad; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled | null>(null);
  const key = `${since}|${until ?? ''}`;

  useEffect(() => {
    let alive = true;
    let inFlight = false;
    let again = false;
    const request: CommandRequest<'getPerformance'> = until === undefined ? { since } : { since, until };
    const fetchNow = () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      void source.getPerformance(request).then((result) => {
        inFlight = false;
        if (!alive) return;
        setSettled((prev) => {
          if (result.ok) return { key, report: result.value, error: null };
          const kept = prev?.key === key ? prev.report : null;
          return { key, report: kept, error: result.error.message };
        });
        if (again) {
          again = false;
          fetchNow();
        }
      });
    };
    fetchNow();
    const visible = () => document.visibilityState !== 'hidden';
    const timer = setInterval(() => visible() && fetchNow(), Math.max(1000, refreshMs));
    const onVisibility = () => visible() && fetchNow();
    document.addEventListener('visibilitychange', onVisibility);
    const offTrade = source.onTrade(fetchNow);
    return () => {
      alive = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      offTrade();
    };
  }, [source, since, until, key, refreshMs, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { load: toLoad(settled, key), retry };
}

function toLoad(settled: Settled | null, key: string): ReportLoad {
  if (!settled) return { status: 'loading' };
  const current = settled.key === key;
  if (settled.report) {
    return {
      status: 'ready',
      report: settled.report,
      switching: !current,
      refreshError: current ? settled.error : null,
    };
  }
  if (!current) return { status: 'loading' };
  return { status: 'error', message: settled.error ?? 'The report could not be loaded.' };
}
