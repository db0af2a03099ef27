import { useCallback, useSyncExternalStore } from 'react';

/**
 * The wall clock, rounded down to `intervalMs` and re-read every `intervalMs` while `active`.
 * Rounding keeps the snapshot stable between ticks, as useSyncExternalStore requires.
 */
export function useNow(intervalMs = 1000, active = true): number {
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!active) return () => undefined;
      const timer = setInterval(notify, intervalMs);
      return () => clearInterval(timer);
    },
    [intervalMs, active],
  );
  const read = () => Math.floor(Date.now() / intervalMs) * intervalMs;
  return useSyncExternalStore(subscribe, read, read);
}
