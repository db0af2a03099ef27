/**
 * Capped exponential backoff with full jitter (AWS architecture blog): the delay before retry
 * `attempt` (0-based) is uniform in [0, min(cap, base × 2^attempt)], so many clients that
 * failed together do not retry together. `random` is injectable for deterministic tests.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random?: () => number;
}

/** Milliseconds to wait before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.round((opts.random ?? Math.random)() * ceiling);
}
