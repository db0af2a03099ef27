import { describe, expect, it } from 'vitest';
import {
  clampPct,
  formatCount,
  formatFractionPct,
  formatMarketClock,
  formatMoney,
  formatPct,
  formatSignedMoney,
  formatSignedPct,
  formatUptime,
  MISSING,
  toneOf,
} from '../../src-renderer/format/format';
import { NY_10_42_13 } from './helpers/fixtures';

const BAD_INPUTS = [NaN, Infinity, -Infinity, undefined, null, '12', {}];

describe('format helpers', () => {
  it('formats money with grouping and a true minus sign', () => {
    expect(formatMoney(52_341, 0)).toBe('$52,341');
    expect(formatMoney(1247.5)).toBe('$1,247.50');
    expect(formatMoney(-45)).toBe('−$45.00');
    expect(formatMoney(0)).toBe('$0.00');
  });

  it('formats a signed P&L with + for gains, − for losses and no sign for zero', () => {
    expect(formatSignedMoney(1247)).toBe('+$1,247.00');
    expect(formatSignedMoney(-45.2)).toBe('−$45.20');
    expect(formatSignedMoney(0)).toBe('$0.00');
    expect(formatSignedMoney(-0.004)).toBe('$0.00');
  });

  it('formats values already in percent', () => {
    expect(formatPct(32)).toBe('32.0%');
    expect(formatPct(32, 0)).toBe('32%');
    expect(formatSignedPct(2.44)).toBe('+2.4%');
    expect(formatSignedPct(-0.3)).toBe('−0.3%');
  });

  it('formats fractions as percent: win rate 0.68 → 68%, drawdown −0.018 → −1.8%', () => {
    expect(formatFractionPct(0.68)).toBe('68%');
    expect(formatFractionPct(-0.018, 1)).toBe('−1.8%');
    expect(formatFractionPct(0)).toBe('0%');
  });

  it('formats uptime as hours, minutes and seconds', () => {
    expect(formatUptime(4 * 3600 + 23 * 60 + 5)).toBe('4h 23m 5s');
    expect(formatUptime(23 * 60 + 5)).toBe('23m 5s');
    expect(formatUptime(5.9)).toBe('5s');
    expect(formatUptime(0)).toBe('0s');
    expect(formatUptime(-1)).toBe(MISSING);
  });

  it('shows the market clock in New York time with the session phase', () => {
    expect(formatMarketClock(NY_10_42_13, 'open')).toBe('10:42:13 ET · OPEN');
    // Midnight in New York is 00, never 24.
    expect(formatMarketClock(Date.UTC(2026, 10, 25, 5, 0, 0), 'closed')).toBe('00:00:00 ET · CLOSED');
    expect(formatMarketClock(Date.UTC(2026, 6, 1, 12, 0, 0), 'pre_market')).toBe('08:00:00 ET · PRE-MARKET');
  });

  it('never prints NaN or undefined, whatever it is given', () => {
    const helpers = [
      formatMoney,
      formatSignedMoney,
      formatPct,
      formatSignedPct,
      formatFractionPct,
      formatCount,
      formatUptime,
    ];
    for (const helper of helpers) {
      for (const input of BAD_INPUTS) {
        const text = helper(input as number);
        expect(text, `${helper.name}(${String(input)})`).toBe(MISSING);
      }
    }
    expect(formatMarketClock(NaN, undefined)).toBe(`${MISSING} ET · ${MISSING}`);
  });

  it('colours figures by sign and clamps bar widths', () => {
    expect([toneOf(3), toneOf(-3), toneOf(0), toneOf(NaN)]).toEqual(['up', 'down', 'flat', 'flat']);
    expect([clampPct(-5), clampPct(42), clampPct(250), clampPct(NaN)]).toEqual([0, 42, 100, 0]);
  });
});
