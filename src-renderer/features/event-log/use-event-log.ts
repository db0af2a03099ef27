import { useCallback, useEffect, useRef, useState } from 'react';
import type { BotEvent } from '../../../src-shared/events';
import { useAppStore } from '../../store/context';
import { matchesFilter, toQuery, type EventFilter } from './event-filter';

export interface EventLogView {
  rows: BotEvent[];
  /** 'loading' while the first page for the current filters is on its way. */
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  /** True while a page older than the shown rows may exist (the last page was full). */
  hasMore: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  reload(): void;
}

interface LogState {
  /** The filters, page size, link and reload count these rows answer. */
  key: string;
  rows: BotEvent[];
  phase: EventLogView['phase'];
  error: string | null;
  hasMore: boolean;
  loadingOlder: boolean;
}

const loading = (key: string): LogState => ({
  key,
  rows: [],
  phase: 'loading',
  error: null,
  hasMore: false,
  loadingOlder: false,
});

/** Unites rows by id, newest (highest id) first. */
function unite(current: readonly BotEvent[], incoming: readonly BotEvent[]): BotEvent[] {
  const byId = new Map<number, BotEvent>();
  for (const e of current) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/**
 * The event log for a filter: the newest `pageSize` events from the store, older pages on
 * demand (beforeId = the oldest shown id), and pushed events prepended live when they match.
 * Replies for filters that have changed meanwhile are dropped.
 */
export function useEventLog(filter: EventFilter, pageSize: number): EventLogView {
  const query = useAppStore((s) => s.query);
  const onPush = useAppStore((s) => s.onPush);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify([filter, pageSize, connected, reloads]);
  const [stored, setStored] = useState<LogState>(() => loading(key));
  // Until the first page for new filters arrives, the view is loading (the old rows are not shown).
  const state = stored.key === key ? stored : loading(key);
  /** Bumped whenever the key changes, so late replies can tell they are stale. */
  const generation = useRef(0);
  /** Matching pushes that arrive while the first page is loading (null once it is in). */
  const early = useRef<BotEvent[] | null>([]);

  useEffect(() => {
    const mine = ++generation.current;
    early.current = [];
    void query('queryEvents', toQuery(filter, pageSize)).then((result) => {
      if (generation.current !== mine) return;
      setStored(
        result.ok
          ? {
              ...loading(key),
              phase: 'ready',
              rows: unite(early.current ?? [], result.value),
              hasMore: result.value.length >= pageSize,
            }
          : { ...loading(key), phase: 'error', error: result.error.message },
      );
      early.current = null;
    });
  }, [query, filter, pageSize, key]);

  useEffect(
    () =>
      onPush('event', (event) => {
        if (!matchesFilter(event, filter)) return;
        if (early.current) early.current.push(event);
        setStored((s) => {
          if (s.key !== key) return s;
          // Live events do not make the list grow past what was loaded (at least a page): the
          // oldest rows give way and stay reachable with Load older.
          const rows = unite(s.rows, [event]);
          const cap = Math.max(s.rows.length, pageSize);
          return rows.length > cap ? { ...s, rows: rows.slice(0, cap), hasMore: true } : { ...s, rows };
        });
      }),
    [onPush, filter, key, pageSize],
  );

  const oldestId = state.rows.at(-1)?.id;
  const busy = state.loadingOlder;
  const loadOlder = useCallback(() => {
    if (oldestId === undefined || busy) return;
    const mine = generation.current;
    setStored((s) => ({ ...s, loadingOlder: true }));
    void query('queryEvents', toQuery(filter, pageSize, oldestId)).then((result) => {
      if (generation.current !== mine) return;
      setStored((s) =>
        result.ok
          ? { ...s, loadingOlder: false, rows: unite(s.rows, result.value), hasMore: result.value.length >= pageSize }
          : { ...s, loadingOlder: false, error: result.error.message },
      );
    });
  }, [query, filter, pageSize, oldestId, busy]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  return { ...state, loadOlder, reload };
}
