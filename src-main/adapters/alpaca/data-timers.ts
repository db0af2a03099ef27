/** One-shot timers the Alpaca feed schedules with (reconnects, retries, staleness checks). */
export interface DataTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global timers. */
export const globalDataTimers: DataTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on `timers`. */
export function sleep(timers: DataTimers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}

/**
 * Replaces every occurrence of the given secrets in `text` with '***' (messages from servers
 * and sockets are passed on to alerts and logs, which must never carry a key).
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const present = secrets.filter((s) => s.length > 0);
  return (text) => present.reduce((out, secret) => out.split(secret).join('***'), text);
}
