import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for one run of the server (192 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares a presented token with the expected one in constant time. Both are hashed first
 * so that neither the comparison's duration nor its early exit reveals the token's length.
 */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Whether a WebSocket upgrade's Origin may talk to the bridge. Browsers always send Origin on
 * WebSocket requests, so a page from any other site is refused; clients that are not
 * browsers send none and are let through to the token check.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
