import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convictionBucket,
  newYorkDate,
  newYorkIsoWeek,
  PerformanceMetrics,
} from '../../src-main/controller/performance-metrics';
import type { DailyMetrics, WeeklyMetrics } from '../../src-shared/performance';
import { SIGNAL_TYPES } from '../../src-shared/signals';
import type { TradeRecord } from '../../src-shared/trades';

const MIN = 60_000;
const HOUR = 60 * MIN;
const m = new PerformanceMetrics();

let nextId = 1;
/** A closed trade; by default a 10-minute AAPL stock scratch exiting 2026-06-16 11:00 EDT. */
function trade(overrides: Partial<TradeRecord> = {}): TradeRecord {
  const exitTime = overrides.exitTime ?? Date.UTC(2026, 5, 16, 15, 0);
  return {
    id: `t${nextId++}`,
    ticker: 'AAPL',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 100,
    entryPrice: 100,
    exitPrice: 100,
    entryTime: exitTime - 10 * MIN,
    exitTime,
    pnl: 0,
    pnlPct: 0,
    signalType: 'CLOUD_CROSS_BULLISH',
    conviction: 70,
    timeframe: '5m',
    ...overrides,
  };
}

/** Five trades on Tue 2026-06-16 (EDT = UTC−4), hand-computed below. */
function sampleDay(): TradeRecord[] {
  const at = (h: number, min: number) => Date.UTC(2026, 5, 16, h + 4, min);
  return [
    trade({ pnl: 300, entryTime: at(9, 45), exitTime: at(10, 15), conviction: 92 }),
    trade({ pnl: -100, entryTime: at(10, 15), exitTime: at(10, 25), conviction: 80, signalType: 'CLOUD_BOUNCE_LONG' }),
    trade({
      ticker: 'SPY',
      instrumentType: 'option',
      tradeType: 'options_scalp',
      pnl: 150,
      entryTime: at(10, 40),
      exitTime: at(11, 0),
      conviction: 60,
    }),
    trade({
      ticker: 'TQQQ',
      instrumentType: 'leveraged_etf',
      tradeType: 'etf_scalp',
      pnl: -50,
      entryTime: at(14, 5),
      exitTime: at(14, 45),
      conviction: 40,
      signalType: 'MTF_CONFLUENCE',
    }),
    trade({ ticker: 'MSFT', pnl: 0, entryTime: at(15, 10), exitTime: at(16, 10), conviction: null, signalType: null }),
  ];
}

const EMPTY_AGGREGATE = {
  totalTrades: 0,
  winners: 0,
  losers: 0,
  winRate: 0,
  grossProfit: 0,
  grossLoss: 0,
  netPnl: 0,
  profitFactor: 0,
  avgWinner: 0,
  avgLoser: 0,
  largestWinner: 0,
  largestLoser: 0,
  avgHoldTime: 0,
  stocksTraded: 0,
  optionsScalped: 0,
  etfsScalped: 0,
};

describe('PerformanceMetrics.dailyMetrics (DESIGN §5)', () => {
  it('computes every field of a mixed day by hand', () => {
    const expected: DailyMetrics = {
      date: '2026-06-16',
      totalTrades: 5,
      winners: 2,
      losers: 2,
      winRate: 0.4,
      grossProfit: 450,
      grossLoss: 150,
      netPnl: 300,
      profitFactor: 3,
      avgWinner: 225,
      avgLoser: -75,
      largestWinner: 300,
      largestLoser: -100,
      avgHoldTime: 32 * MIN,
      stocksTraded: 2,
      optionsScalped: 1,
      etfsScalped: 1,
    };
    expect(m.dailyMetrics(sampleDay())).toEqual(expected);
  });

  it('is all zeros with an empty date without trades', () => {
    expect(m.dailyMetrics([])).toEqual({ date: '', ...EMPTY_AGGREGATE });
  });

  it('gives an infinite profit factor and zero loser fields when every trade wins', () => {
    const d = m.dailyMetrics([trade({ pnl: 100 }), trade({ pnl: 50 })]);
    expect(d.profitFactor).toBe(Infinity);
    expect(d).toMatchObject({ winners: 2, losers: 0, winRate: 1, grossLoss: 0, avgLoser: 0, largestLoser: 0 });
    expect(d).toMatchObject({ avgWinner: 75, largestWinner: 100 });
  });

  it('counts scratches in totalTrades but as neither winners nor losers', () => {
    const d = m.dailyMetrics([trade({ pnl: 0 }), trade({ pnl: 40 }), trade({ pnl: 0 }), trade({ pnl: -10 })]);
    expect(d).toMatchObject({ totalTrades: 4, winners: 1, losers: 1, winRate: 0.25, netPnl: 30, profitFactor: 4 });
  });

  it('has profit factor 0 (not NaN) for a day of scratches only', () => {
    const d = m.dailyMetrics([trade({ pnl: 0 }), trade({ pnl: 0 })]);
    expect(d).toMatchObject({ totalTrades: 2, winners: 0, losers: 0, winRate: 0, profitFactor: 0, avgWinner: 0 });
  });

  it('keeps grossLoss ≥ 0 and avgLoser ≤ 0 on an all-loser day, with largestWinner 0', () => {
    const d = m.dailyMetrics([trade({ pnl: -30 }), trade({ pnl: -90 })]);
    expect(d).toMatchObject({ grossLoss: 120, avgLoser: -60, largestLoser: -90, largestWinner: 0, profitFactor: 0 });
  });

  it('counts distinct stock tickers, and option / leveraged-ETF trades', () => {
    const d = m.dailyMetrics([
      trade({ ticker: 'AAPL' }),
      trade({ ticker: 'AAPL' }),
      trade({ ticker: 'NVDA' }),
      trade({ ticker: 'SPY', instrumentType: 'option' }),
      trade({ ticker: 'SPY', instrumentType: 'option' }),
      trade({ ticker: 'SOXL', instrumentType: 'leveraged_etf' }),
    ]);
    expect(d).toMatchObject({ stocksTraded: 2, optionsScalped: 2, etfsScalped: 1 });
  });

  it('dates a trade exiting after 20:00 New York time by its New York exit date, not UTC', () => {
    // 2026-11-24 21:00 EST = 2026-11-25 02:00 UTC.
    const late = trade({ pnl: 10, exitTime: Date.UTC(2026, 10, 25, 2, 0) });
    expect(m.dailyMetrics([late]).date).toBe('2026-11-24');
    // 23:59 EST is still the same New York day.
    expect(m.dailyMetrics([trade({ exitTime: Date.UTC(2026, 10, 25, 4, 59) })]).date).toBe('2026-11-24');
    expect(m.dailyMetrics([trade({ exitTime: Date.UTC(2026, 10, 25, 5, 0) })]).date).toBe('2026-11-25');
  });

  it('labels a multi-day set with the date of its latest exit', () => {
    const d = m.dailyMetrics([
      trade({ pnl: 5, exitTime: Date.UTC(2026, 10, 25, 2, 0) }),
      trade({ pnl: 7, exitTime: Date.UTC(2026, 10, 23, 15, 0) }),
    ]);
    expect(d).toMatchObject({ date: '2026-11-24', totalTrades: 2, netPnl: 12 });
  });
});

describe('PerformanceMetrics.metricsFor / dailyBreakdown', () => {
  const morning = trade({ pnl: 20, exitTime: Date.UTC(2026, 10, 24, 15, 0) }); // 10:00 EST Nov 24
  const evening = trade({ pnl: -5, exitTime: Date.UTC(2026, 10, 25, 2, 0) }); // 21:00 EST Nov 24
  const next = trade({ pnl: 8, exitTime: Date.UTC(2026, 10, 25, 15, 0) }); // 10:00 EST Nov 25

  it('metricsFor keeps only the trades exiting on that New York date', () => {
    expect(m.metricsFor('2026-11-24', [next, evening, morning])).toMatchObject({
      date: '2026-11-24',
      totalTrades: 2,
      netPnl: 15,
    });
    expect(m.metricsFor('2026-11-25', [next, evening, morning])).toMatchObject({ totalTrades: 1, netPnl: 8 });
  });

  it('metricsFor a day without trades is all zeros with that date', () => {
    expect(m.metricsFor('2026-11-26', [morning])).toEqual({ date: '2026-11-26', ...EMPTY_AGGREGATE });
  });

  it('dailyBreakdown gives one entry per New York exit date, sorted', () => {
    const days = m.dailyBreakdown([next, evening, morning]);
    expect(days.map((d) => [d.date, d.totalTrades, d.netPnl])).toEqual([
      ['2026-11-24', 2, 15],
      ['2026-11-25', 1, 8],
    ]);
    expect(m.dailyBreakdown([])).toEqual([]);
  });
});

describe('DST week around 2026-11-01 (EDT → EST)', () => {
  // Fri Oct 30 00:30 EDT = 04:30 UTC (a fixed −5 h offset would say Oct 29).
  const friday = trade({ pnl: 10, entryTime: Date.UTC(2026, 9, 29, 13, 35), exitTime: Date.UTC(2026, 9, 30, 4, 30) });
  // Sun Nov 1 22:00 EST = Nov 2 03:00 UTC (ISO week 44 still).
  const sunday = trade({ pnl: -4, exitTime: Date.UTC(2026, 10, 2, 3, 0) });
  // Mon Nov 2 23:30 EST = Nov 3 04:30 UTC (a fixed −4 h offset would say Nov 3).
  const monday = trade({ pnl: 6, entryTime: Date.UTC(2026, 10, 2, 14, 35), exitTime: Date.UTC(2026, 10, 3, 4, 30) });

  it('dates exits on both sides of the change by their New York wall clock', () => {
    expect(m.dailyBreakdown([monday, sunday, friday]).map((d) => d.date)).toEqual([
      '2026-10-30',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('buckets 09:35 entries under 09:00 in both EDT and EST', () => {
    expect(m.winRateByTimeOfDay([friday, monday])).toEqual({ '09:00': 1 });
  });

  it('splits the ISO weeks at Sunday → Monday New York time', () => {
    const weeks = m.weeklyBreakdown([monday, sunday, friday]);
    expect(weeks.map((w) => [w.week, w.startDate, w.endDate, w.tradingDays, w.totalTrades, w.netPnl])).toEqual([
      ['2026-W44', '2026-10-30', '2026-11-01', 2, 2, 6],
      ['2026-W45', '2026-11-02', '2026-11-02', 1, 1, 6],
    ]);
  });

  it('measures hold time across the change in real elapsed ms (25 h for noon to noon)', () => {
    // Sat Oct 31 12:00 EDT (16:00 UTC) → Sun Nov 1 12:00 EST (17:00 UTC).
    const swing = trade({ entryTime: Date.UTC(2026, 9, 31, 16, 0), exitTime: Date.UTC(2026, 10, 1, 17, 0) });
    expect(m.avgHoldTime([swing])).toBe(25 * HOUR);
  });
});

describe('PerformanceMetrics.weeklyMetrics / weeklyBreakdown (ISO weeks)', () => {
  const at = (y: number, mo: number, d: number, h = 15) => Date.UTC(y, mo - 1, d, h, 0);

  it('numbers the last days of 2026 as 2026-W53 (2026 has 53 ISO weeks)', () => {
    expect(newYorkIsoWeek(at(2026, 12, 28))).toBe('2026-W53');
    expect(newYorkIsoWeek(at(2026, 12, 31))).toBe('2026-W53');
    // Sun 2027-01-03 23:00 EST = Jan 4 04:00 UTC: still 2026-W53.
    expect(newYorkIsoWeek(at(2027, 1, 4, 4))).toBe('2026-W53');
    expect(newYorkIsoWeek(at(2027, 1, 4))).toBe('2027-W01');
    expect(newYorkIsoWeek(at(2026, 12, 27))).toBe('2026-W52');
  });

  it('breaks trades down per ISO week across the year end, sorted, with summed fields', () => {
    const trades = [
      trade({ pnl: 40, exitTime: at(2027, 1, 5) }),
      trade({ pnl: 100, exitTime: at(2026, 12, 29) }),
      trade({ pnl: -25, exitTime: at(2026, 12, 31), ticker: 'NVDA' }),
      trade({ pnl: 5, exitTime: at(2026, 12, 31) }),
      trade({ pnl: 0, exitTime: at(2026, 12, 27) }),
    ];
    const weeks = m.weeklyBreakdown(trades);
    expect(weeks.map((w) => w.week)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    const w53: WeeklyMetrics = {
      week: '2026-W53',
      startDate: '2026-12-29',
      endDate: '2026-12-31',
      tradingDays: 2,
      totalTrades: 3,
      winners: 2,
      losers: 1,
      winRate: 2 / 3,
      grossProfit: 105,
      grossLoss: 25,
      netPnl: 80,
      profitFactor: 105 / 25,
      avgWinner: 52.5,
      avgLoser: -25,
      largestWinner: 100,
      largestLoser: -25,
      avgHoldTime: 10 * MIN,
      stocksTraded: 2,
      optionsScalped: 0,
      etfsScalped: 0,
    };
    expect(weeks[1]).toEqual(w53);
  });

  it('weeklyMetrics aggregates all given trades under the week of the latest exit', () => {
    const w = m.weeklyMetrics([
      trade({ pnl: 3, exitTime: at(2026, 12, 27) }),
      trade({ pnl: 4, exitTime: at(2026, 12, 28) }),
    ]);
    expect(w).toMatchObject({
      week: '2026-W53',
      startDate: '2026-12-27',
      endDate: '2026-12-28',
      tradingDays: 2,
      netPnl: 7,
    });
  });

  it('weeklyMetrics without trades is empty strings and zeros', () => {
    expect(m.weeklyMetrics([])).toEqual({ week: '', startDate: '', endDate: '', tradingDays: 0, ...EMPTY_AGGREGATE });
    expect(m.weeklyBreakdown([])).toEqual([]);
  });
});

describe('PerformanceMetrics.cumulativePnl', () => {
  it('is the running sum ordered by exit time, one point per trade', () => {
    const trades = [
      trade({ pnl: 50, exitTime: 3_000 }),
      trade({ pnl: -20, exitTime: 1_000 }),
      trade({ pnl: 0, exitTime: 2_000 }),
      trade({ pnl: 70, exitTime: 4_000 }),
    ];
    expect(m.cumulativePnl(trades)).toEqual([
      { time: 1_000, value: -20 },
      { time: 2_000, value: -20 },
      { time: 3_000, value: 30 },
      { time: 4_000, value: 100 },
    ]);
  });

  it('is empty without trades', () => {
    expect(m.cumulativePnl([])).toEqual([]);
  });
});

describe('PerformanceMetrics win-rate maps and P&L split', () => {
  it('winRateByTicker has exactly the traded tickers', () => {
    expect(m.winRateByTicker(sampleDay())).toEqual({ AAPL: 0.5, SPY: 1, TQQQ: 0, MSFT: 0 });
  });

  it('winRateByConviction buckets 0-49 / 50-74 / 75-89 / 90-100 and leaves out null conviction', () => {
    expect(m.winRateByConviction(sampleDay())).toEqual({ '90-100': 1, '75-89': 0, '50-74': 1, '0-49': 0 });
  });

  it('winRateByConviction puts bucket edges in the upper bucket and has only keys with trades', () => {
    expect(convictionBucket(49.9)).toBe('0-49');
    expect(convictionBucket(50)).toBe('50-74');
    expect(convictionBucket(75)).toBe('75-89');
    expect(convictionBucket(90)).toBe('90-100');
    expect(convictionBucket(100)).toBe('90-100');
    expect(convictionBucket(0)).toBe('0-49');
    expect(convictionBucket(null)).toBeNull();
    expect(m.winRateByConviction([trade({ conviction: 75, pnl: 1 }), trade({ conviction: 89, pnl: -1 })])).toEqual({
      '75-89': 0.5,
    });
  });

  it('winRateBySignalType leaves out trades without a signal', () => {
    expect(m.winRateBySignalType(sampleDay())).toEqual({
      CLOUD_CROSS_BULLISH: 1,
      CLOUD_BOUNCE_LONG: 0,
      MTF_CONFLUENCE: 0,
    });
  });

  it('winRateByTimeOfDay keys by the New York hour of entry', () => {
    expect(m.winRateByTimeOfDay(sampleDay())).toEqual({ '09:00': 1, '10:00': 0.5, '14:00': 0, '15:00': 0 });
  });

  it('win-rate maps count scratches in the denominator', () => {
    expect(m.winRateByTicker([trade({ pnl: 1 }), trade({ pnl: 0 })])).toEqual({ AAPL: 0.5 });
  });

  it('win-rate maps are empty without trades', () => {
    expect(m.winRateByTicker([])).toEqual({});
    expect(m.winRateByConviction([])).toEqual({});
    expect(m.winRateBySignalType([])).toEqual({});
    expect(m.winRateByTimeOfDay([])).toEqual({});
  });

  it('pnlByInstrument always has the three instrument keys', () => {
    expect(m.pnlByInstrument(sampleDay())).toEqual({ stock: 200, option: 150, leveraged_etf: -50 });
    expect(m.pnlByInstrument([])).toEqual({ stock: 0, option: 0, leveraged_etf: 0 });
  });
});

describe('PerformanceMetrics scalar metrics', () => {
  it('avgHoldTime is the mean of exit − entry in ms, 0 without trades', () => {
    expect(m.avgHoldTime(sampleDay())).toBe(32 * MIN);
    expect(m.avgHoldTime([])).toBe(0);
  });

  it('profitFactor is grossProfit / grossLoss, ∞ with only winners, 0 without trades or with only scratches', () => {
    expect(m.profitFactor(sampleDay())).toBe(3);
    expect(m.profitFactor([trade({ pnl: 10 })])).toBe(Infinity);
    expect(m.profitFactor([])).toBe(0);
    expect(m.profitFactor([trade({ pnl: 0 })])).toBe(0);
    expect(m.profitFactor([trade({ pnl: -10 })])).toBe(0);
  });

  it('expectancy is netPnl / trades, scratches included, 0 without trades', () => {
    expect(m.expectancy(sampleDay())).toBe(60);
    expect(m.expectancy([trade({ pnl: 90 }), trade({ pnl: 0 }), trade({ pnl: -30 })])).toBe(20);
    expect(m.expectancy([])).toBe(0);
  });

  it('sharpeRatio is mean / sample stdev × √252', () => {
    // mean 0.02, sample stdev √0.0002 → √2 × √252 = √504.
    expect(m.sharpeRatio([0.01, 0.03])).toBeCloseTo(Math.sqrt(504), 10);
    expect(m.sharpeRatio([-0.01, -0.03])).toBeCloseTo(-Math.sqrt(504), 10);
    // mean 0.005, sample variance 5e-4 / 3 → √0.15 × √252 = √37.8 (a population stdev would give √50.4).
    expect(m.sharpeRatio([0.01, -0.01, 0.02, 0])).toBeCloseTo(Math.sqrt(37.8), 10);
  });

  it('sharpeRatio is 0 with fewer than 2 returns', () => {
    expect(m.sharpeRatio([])).toBe(0);
    expect(m.sharpeRatio([0.05])).toBe(0);
  });

  it('sharpeRatio is 0 with zero stdev, even when the float mean is not exact', () => {
    expect(m.sharpeRatio([0, 0, 0])).toBe(0);
    expect(m.sharpeRatio([0.01, 0.01, 0.01])).toBe(0);
    expect(m.sharpeRatio(Array.from({ length: 7 }, () => 0.1))).toBe(0);
  });

  it('maxDrawdown is the worst fall from the running peak, as a fraction ≤ 0', () => {
    expect(m.maxDrawdown([100, 120, 90, 130, 104, 140])).toBeCloseTo(-0.25, 12);
    // A later, higher peak with a smaller fraction does not hide the earlier −50 %.
    expect(m.maxDrawdown([100, 50, 200, 150])).toBeCloseTo(-0.5, 12);
    expect(m.maxDrawdown([100, 0])).toBe(-1);
  });

  it('maxDrawdown is 0 for an empty, single-point or never-falling curve', () => {
    expect(m.maxDrawdown([])).toBe(0);
    expect(m.maxDrawdown([100])).toBe(0);
    expect(m.maxDrawdown([100, 100, 101, 150])).toBe(0);
  });
});

describe('New York date helper', () => {
  it('uses the New York calendar date of an instant', () => {
    expect(newYorkDate(Date.UTC(2026, 10, 25, 2, 0))).toBe('2026-11-24');
    expect(newYorkDate(Date.UTC(2026, 6, 1, 3, 59))).toBe('2026-06-30');
    expect(newYorkDate(Date.UTC(2026, 6, 1, 4, 0))).toBe('2026-07-01');
  });
});

describe('PerformanceMetrics properties (fast-check)', () => {
  const T0 = Date.UTC(2024, 0, 1);
  const T1 = Date.UTC(2028, 0, 1);
  const arbTrade = fc
    .record({
      ticker: fc.constantFrom('AAPL', 'SPY', 'TQQQ', 'NVDA'),
      instrumentType: fc.constantFrom('stock', 'option', 'leveraged_etf'),
      pnl: fc.oneof(fc.constant(0), fc.double({ min: -1e5, max: 1e5, noNaN: true })),
      entryTime: fc.integer({ min: T0, max: T1 }),
      hold: fc.integer({ min: 0, max: 3 * 24 * HOUR }),
      conviction: fc.option(fc.integer({ min: 0, max: 100 })),
      signalType: fc.option(fc.constantFrom(...SIGNAL_TYPES)),
    })
    .map(({ hold, entryTime, ...rest }) => trade({ ...rest, entryTime, exitTime: entryTime + hold }));
  const arbTrades = fc.array(arbTrade, { maxLength: 40 });
  const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * (1 + scale);
  const absSum = (trades: TradeRecord[]) => trades.reduce((s, t) => s + Math.abs(t.pnl), 0);

  it('netPnl = grossProfit − grossLoss, with grossLoss ≥ 0 and avgLoser ≤ 0', () => {
    fc.assert(
      fc.property(arbTrades, (trades) => {
        const d = m.dailyMetrics(trades);
        expect(close(d.netPnl, d.grossProfit - d.grossLoss, absSum(trades))).toBe(true);
        expect(d.grossLoss).toBeGreaterThanOrEqual(0);
        expect(d.avgLoser).toBeLessThanOrEqual(0);
        expect(d.profitFactor).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('winners + losers ≤ totalTrades, the gap being the scratches', () => {
    fc.assert(
      fc.property(arbTrades, (trades) => {
        const d = m.dailyMetrics(trades);
        expect(d.winners + d.losers).toBeLessThanOrEqual(d.totalTrades);
        expect(d.totalTrades - d.winners - d.losers).toBe(trades.filter((t) => t.pnl === 0).length);
        expect(d.winRate).toBeGreaterThanOrEqual(0);
        expect(d.winRate).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('the last cumulative value is Σ pnl, one point per trade in exit-time order', () => {
    fc.assert(
      fc.property(arbTrades, (trades) => {
        const points = m.cumulativePnl(trades);
        expect(points).toHaveLength(trades.length);
        const sum = trades.reduce((s, t) => s + t.pnl, 0);
        expect(close(points.at(-1)?.value ?? 0, sum, absSum(trades))).toBe(true);
        for (let i = 1; i < points.length; i++) expect(points[i]!.time).toBeGreaterThanOrEqual(points[i - 1]!.time);
      }),
    );
  });

  it('maxDrawdown lies in [−1, 0] for positive equity curves', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-6, max: 1e9, noNaN: true })), (curve) => {
        const dd = m.maxDrawdown(curve);
        expect(dd).toBeLessThanOrEqual(0);
        expect(dd).toBeGreaterThanOrEqual(-1);
      }),
    );
  });

  it('the daily and weekly breakdowns partition the trades', () => {
    fc.assert(
      fc.property(arbTrades, (trades) => {
        for (const parts of [m.dailyBreakdown(trades), m.weeklyBreakdown(trades)]) {
          expect(parts.reduce((s, p) => s + p.totalTrades, 0)).toBe(trades.length);
          expect(parts.reduce((s, p) => s + p.winners, 0)).toBe(m.dailyMetrics(trades).winners);
        }
        const days = m.dailyBreakdown(trades).map((d) => d.date);
        expect(days).toEqual([...new Set(days)].sort());
        const weeks = m.weeklyBreakdown(trades);
        expect(weeks.reduce((s, w) => s + w.tradingDays, 0)).toBe(days.length);
      }),
    );
  });
});
