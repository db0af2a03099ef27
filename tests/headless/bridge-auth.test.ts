import { describe, expect, it } from 'vitest';
import { newToken, originAllowed, tokenMatches } from '../../src-main/headless/bridge-auth';

describe('bridge auth', () => {
  it('makes a different URL-safe token on every run', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('accepts only the exact token', () => {
    const token = newToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(0, -1), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });

  it('lets through the server’s own origin and clients without one, and refuses other sites', () => {
    expect(originAllowed('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(originAllowed('http://localhost:8080', 8080)).toBe(true);
    expect(originAllowed(undefined, 8080)).toBe(true);
    expect(originAllowed('http://127.0.0.1:9090', 8080)).toBe(false);
    expect(originAllowed('https://evil.example', 8080)).toBe(false);
    expect(originAllowed('null', 8080)).toBe(false);
  });
});
