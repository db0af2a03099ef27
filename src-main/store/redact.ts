/** Property names whose values are never written to the database (DESIGN §4). */
export const SECRET_KEY_PATTERN = /key|secret|token|password/i;

/** What a secret value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Returns a deep copy of `value` in which the value of every property whose name matches
 * {@link SECRET_KEY_PATTERN} is `'[redacted]'`, at any depth, inside objects and arrays.
 * The input is not modified. Cycles become `'[circular]'` so the result is always JSON-safe.
 * Objects other than plain objects and arrays (Date, Map…) are returned as they are.
 */
export function redactSecrets(value: unknown): unknown {
  return redact(value, new WeakSet<object>());
}

function redact(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (Array.isArray(value)) {
    seen.add(value);
    const out = value.map((item) => redact(item, seen));
    seen.delete(value);
    return out;
  }
  if (!isPlainObject(value)) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const safe = SECRET_KEY_PATTERN.test(k) ? REDACTED : redact(v, seen);
    // defineProperty, so an own "__proto__" key (possible from JSON.parse) stays data.
    Object.defineProperty(out, k, { value: safe, enumerable: true, writable: true, configurable: true });
  }
  // Only the current path counts as a cycle; the same object reached twice is not one.
  seen.delete(value);
  return out;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
