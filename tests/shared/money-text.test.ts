import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src-shared/error-message';
import { signedUsd, usd } from '../../src-shared/money-text';

describe('dollars in messages', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(usd(1779.84)).toBe('$1,779.84');
    expect(usd(21_417_000)).toBe('$21,417,000.00');
    expect(usd(0.5)).toBe('$0.50');
    expect(usd(-12.5)).toBe('-$12.50');
  });

  it('always shows the sign when asked', () => {
    expect(signedUsd(282)).toBe('+$282.00');
    expect(signedUsd(-1873.004)).toBe('-$1,873.00');
    expect(signedUsd(0)).toBe('+$0.00');
  });
});

describe('errorMessage', () => {
  it('takes an Error’s message and shows anything else as text', () => {
    expect(errorMessage(new TypeError('bad frame'))).toBe('bad frame');
    expect(errorMessage('timeout')).toBe('timeout');
    expect(errorMessage(42)).toBe('42');
  });
});
