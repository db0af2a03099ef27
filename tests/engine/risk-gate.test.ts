import { describe, expect, it } from 'vitest';
import { RiskGate, type EntryCheck, type RiskContext, type RiskDecision } from '../../src-main/engine/risk-gate';
import { dayTradesInWindow, inFomcBlackout, pdtWindow } from '../../src-main/engine/risk-calendar';
import type { TradeRecord } from '../../src-shared/trades';
import { defaultConfig } from '../../src-shared/config-schema';
import { openContext, riskConfig, T0 } from '../helpers/exec-builders';

const MINUTE = 60_000;
/** 2026-12-09 (an FOMC date in the default config) at hh:mm New York (EST, UTC−5). */
const fomcDay = (hh: number, mm: number): number => Date.UTC(2026, 11, 9, hh + 5, mm);

/** 50 shares at $100 with a stop at $95: $250 at risk, $5,000 of position. */
function check(overrides: Partial<EntryCheck> = {}): EntryCheck {
  return {
    positionId: 'p1',
    ticker: 'SPY',
    symbol: 'SPY',
    purpose: 'entry',
    tradeType: 'day',
    quantity: 50,
    price: 100,
    multiplier: 1,
    stopPrice: 95,
    existingValue: 0,
    ...overrides,
  };
}

const gate = new RiskGate(riskConfig());
const evaluate = (c: Partial<EntryCheck>, x: Partial<RiskContext>): RiskDecision =>
  gate.evaluate(check(c), openContext(x));
const denial = (c: Partial<EntryCheck>, x: Partial<RiskContext>) => {
  const d = evaluate(c, x);
  return d.ok ? null : { rule: d.rule, reason: d.reason };
};

describe('RiskGate', () => {
  it('passes an ordinary entry inside every limit', () => {
    expect(evaluate({}, {})).toEqual({ ok: true });
  });

  // Each row: the rule, a case just inside the limit (passes), one just outside (denied, with its reason).
  it.each<[string, [Partial<EntryCheck>, Partial<RiskContext>], [Partial<EntryCheck>, Partial<RiskContext>], RegExp]>([
    // 1 % of $50,000 = $500 at risk: 100 shares × $5 passes, 101 does not.
    [
      'risk_per_trade',
      [{ quantity: 100 }, {}],
      [{ quantity: 101 }, {}],
      /loss at the stop \$505\.00 exceeds 1 % of equity \(\$500\.00\)/,
    ],
    [
      'risk_per_trade',
      [{ quantity: 5, stopPrice: null }, {}],
      [{ quantity: 6, stopPrice: null }, {}],
      /loss at the stop \$600\.00/,
    ],
    // 20 % of $50,000 = $10,000 per position, adds counting what is held.
    [
      'max_position',
      [{ quantity: 100, stopPrice: 99 }, {}],
      [{ quantity: 101, stopPrice: 99 }, {}],
      /position \$10,100\.00 exceeds 20 % of equity \(\$10,000\.00\)/,
    ],
    [
      'max_position',
      [{ purpose: 'add', existingValue: 5_000 }, {}],
      [{ purpose: 'add', existingValue: 5_001 }, {}],
      /position \$10,001\.00 exceeds/,
    ],
    // 80 % of $50,000 = $40,000 of gross exposure.
    [
      'max_exposure',
      [{}, { grossExposure: 35_000 }],
      [{}, { grossExposure: 35_001 }],
      /exposure \$40,001\.00 exceeds 80 % of equity \(\$40,000\.00\)/,
    ],
    ['max_open_positions', [{}, { openPositions: 7 }], [{}, { openPositions: 8 }], /8 positions open \(limit 8\)/],
    ['max_trades_per_day', [{}, { tradesToday: 29 }], [{}, { tradesToday: 30 }], /30 trades today \(limit 30\)/],
    ['market_hours', [{}, { phase: 'open' }], [{}, { phase: 'pre_market' }], /market is pre-market/],
    ['market_hours', [{}, { phase: 'open' }], [{}, { phase: 'closed' }], /market is closed/],
    [
      'fomc_blackout',
      [{}, { now: fomcDay(13, 29), lastDataTime: fomcDay(13, 29) }],
      [{}, { now: fomcDay(13, 30), lastDataTime: fomcDay(13, 30) }],
      /FOMC blackout 13:30–15:00 ET/,
    ],
    [
      'stale_data',
      [{}, { lastDataTime: T0 - 120_000 }],
      [{}, { lastDataTime: T0 - 120_001 }],
      /market data is stale: last bar 120 s ago \(limit 120 s\)/,
    ],
    ['stale_data', [{}, { lastDataTime: T0 }], [{}, { lastDataTime: null }], /no market data yet/],
    ['trading_state', [{}, { state: 'active' }], [{}, { state: 'paused' }], /trading is paused/],
    ['trading_state', [{}, { state: 'active' }], [{}, { state: 'halted' }], /trading is halted/],
    // 3 % of $50,000 = $1,500 daily loss limit.
    [
      'daily_loss',
      [{}, { equity: 48_500.01 }],
      [{}, { equity: 48_500 }],
      /daily loss \$1,500\.00 reached the limit \$1,500\.00/,
    ],
    [
      'pdt',
      // 40 shares: $200 at risk fits 1 % of $24,000.
      [{ quantity: 40 }, { equity: 24_000, startOfDayEquity: 24_000, dayTrades: 2 }],
      [{ quantity: 40 }, { equity: 24_000, startOfDayEquity: 24_000, dayTrades: 3 }],
      /PDT guard: 3 day trades in 5 sessions with equity \$24,000\.00 < \$25,000\.00/,
    ],
    [
      'pdt',
      [{ quantity: 40 }, { equity: 25_000, startOfDayEquity: 25_000, dayTrades: 3 }],
      [{ quantity: 40 }, { equity: 24_999, startOfDayEquity: 24_999, dayTrades: 3 }],
      /PDT guard/,
    ],
    ['no_price', [{ price: 0.01, stopPrice: null }, {}], [{ price: null }, {}], /no market price for SPY/],
    ['invalid_order', [{ quantity: 1 }, {}], [{ quantity: 0 }, {}], /quantity 0 is not a positive whole number/],
  ])('%s: passes just inside the limit and denies just outside with its reason', (rule, inside, outside, reason) => {
    expect(denial(...inside)).toBeNull();
    expect(denial(...outside)).toEqual({ rule, reason: expect.stringMatching(reason) });
  });

  it('ends the FOMC blackout at its end time and applies it only on FOMC dates', () => {
    expect(denial({}, { now: fomcDay(14, 59), lastDataTime: fomcDay(14, 59) })?.rule).toBe('fomc_blackout');
    expect(denial({}, { now: fomcDay(15, 0), lastDataTime: fomcDay(15, 0) })).toBeNull();
    expect(inFomcBlackout(Date.UTC(2026, 11, 10, 19, 0), defaultConfig().schedule)).toBe(false);
  });

  it('measures option risk with the 100 multiplier', () => {
    // 8 contracts at $2.50 with the stop at −25 % risk 8 × 0.625 × 100 = $500, 1 % of $50,000.
    expect(denial({ quantity: 8, price: 2.5, stopPrice: 1.875, multiplier: 100 }, {})).toBeNull();
    expect(denial({ quantity: 9, price: 2.5, stopPrice: 1.875, multiplier: 100 }, {})?.rule).toBe('risk_per_trade');
  });

  it('lets adds past the position-count, trades-per-day and PDT rules, but not the size rules', () => {
    const full = { openPositions: 8, tradesToday: 30, equity: 24_000, startOfDayEquity: 24_000, dayTrades: 5 };
    expect(denial({ purpose: 'add', quantity: 10 }, full)).toBeNull();
    expect(denial({ purpose: 'add', quantity: 10, existingValue: 4_800 }, full)?.rule).toBe('max_position');
  });

  it('never applies the PDT guard to swing trades', () => {
    const pdt = { equity: 24_000, startOfDayEquity: 24_000, dayTrades: 3 };
    expect(denial({ tradeType: 'swing', quantity: 40 }, pdt)).toBeNull();
    expect(denial({ tradeType: 'etf_scalp', quantity: 40 }, pdt)?.rule).toBe('pdt');
  });

  it('never denies a reducing order, whatever the context', () => {
    const worst: Partial<RiskContext> = { state: 'halted', phase: 'closed', lastDataTime: null, equity: 1 };
    for (const purpose of ['exit', 'stop', 'flatten'] as const) {
      expect(evaluate({ purpose, quantity: 1e6, price: null }, worst)).toEqual({ ok: true });
    }
  });

  it('applies new limits after setConfig', () => {
    const g = new RiskGate(riskConfig());
    const c = riskConfig();
    g.setConfig({ ...c, risk: { ...c.risk, maxOpenPositions: 2 } });
    expect(g.evaluate(check(), openContext({ openPositions: 2 }))).toMatchObject({
      ok: false,
      rule: 'max_open_positions',
    });
  });
});

describe('PDT day-trade window', () => {
  const schedule = defaultConfig().schedule;
  const trade = (entry: number, exit: number): TradeRecord => ({
    id: 't',
    ticker: 'SPY',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 1,
    entryPrice: 1,
    exitPrice: 1,
    entryTime: entry,
    exitTime: exit,
    pnl: 0,
    pnlPct: 0,
    signalType: null,
    conviction: null,
    timeframe: '5m',
  });
  // Tuesday 2026-12-01, 10:00 ET; Thanksgiving (11-26) is a holiday in the default calendar.
  const now = Date.UTC(2026, 11, 1, 15, 0);
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 15, 0);

  it('spans the last five trading sessions, skipping weekends and holidays', () => {
    expect(pdtWindow(now, schedule)).toEqual(['2026-11-24', '2026-11-25', '2026-11-27', '2026-11-30', '2026-12-01']);
  });

  it('counts trades opened and closed in the same session inside the window', () => {
    const trades = [
      trade(day(2026, 11, 24), day(2026, 11, 24) + 30 * MINUTE),
      trade(day(2026, 12, 1), day(2026, 12, 1) + MINUTE),
      trade(day(2026, 11, 23), day(2026, 11, 23) + MINUTE), // before the window
      trade(day(2026, 11, 27), day(2026, 11, 30)), // held overnight: not a day trade
    ];
    expect(dayTradesInWindow(trades, now, schedule)).toBe(2);
  });
});
