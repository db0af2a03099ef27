import { describe, expect, it } from 'vitest';
import { PerformanceMetrics } from '../../src-main/controller/performance-metrics';
import {
  buildPerformanceReport,
  buyAndHold,
  dailyReturns,
  type PerformanceReportInput,
} from '../../src-main/controller/performance-report';
import type { TradeRecord } from '../../src-shared/trades';

const MIN = 60_000;
/** Epoch ms of a New York wall-clock time in late April / May 2026 (EDT = UTC−4). */
const edt = (month: number, day: number, h: number, min = 0, s = 0) => Date.UTC(2026, month - 1, day, h + 4, min, s);

let nextId = 1;
function trade(overrides: Partial<TradeRecord> & Pick<TradeRecord, 'exitTime' | 'pnl'>): TradeRecord {
  return {
    id: `r${nextId++}`,
    ticker: 'AAPL',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 10,
    entryPrice: 100,
    exitPrice: 100,
    entryTime: overrides.exitTime - 15 * MIN,
    pnlPct: 0,
    signalType: 'CLOUD_FLIP_BULLISH',
    conviction: 80,
    timeframe: '5m',
    ...overrides,
  };
}

/** Thu Apr 30 (2 trades), Fri May 1, Mon May 4 in range; Tue Apr 28 and Wed May 6 outside. */
function input(overrides: Partial<PerformanceReportInput> = {}): PerformanceReportInput {
  return {
    trades: [
      trade({ pnl: 1000, exitTime: edt(4, 28, 11) }),
      trade({ pnl: 500, exitTime: edt(4, 30, 15) }),
      trade({
        ticker: 'SPY',
        instrumentType: 'option',
        tradeType: 'options_scalp',
        pnl: -200,
        exitTime: edt(4, 30, 15, 30),
        conviction: 95,
      }),
      trade({
        ticker: 'TQQQ',
        instrumentType: 'leveraged_etf',
        tradeType: 'etf_scalp',
        pnl: 300,
        exitTime: edt(5, 1, 10),
        signalType: null,
      }),
      trade({ pnl: -400, exitTime: edt(5, 4, 11), conviction: null }),
      trade({ pnl: 77, exitTime: edt(5, 6, 10) }),
    ],
    dailyEquity: [
      { date: '2026-04-28', startingEquity: 9_000, endingEquity: 10_000 },
      { date: '2026-04-29', startingEquity: 10_000, endingEquity: 10_000 },
      { date: '2026-04-30', startingEquity: 10_000, endingEquity: 10_300 },
      { date: '2026-05-01', startingEquity: 10_300, endingEquity: 10_600 },
      { date: '2026-05-04', startingEquity: 10_600, endingEquity: 10_200 },
      { date: '2026-05-05', startingEquity: 10_200, endingEquity: null },
    ],
    spyDailyCloses: [
      { date: '2026-04-28', close: 500 },
      { date: '2026-05-04', close: 410 },
      { date: '2026-04-29', close: 400 },
      { date: '2026-04-30', close: 404 },
      { date: '2026-05-01', close: 396 },
    ],
    startingEquity: 10_000,
    since: edt(4, 29, 0),
    until: edt(5, 5, 23, 59, 59),
    ...overrides,
  };
}

describe('buildPerformanceReport', () => {
  const report = buildPerformanceReport(input());

  it('keeps only trades exiting in [since, until] and echoes the range', () => {
    expect(report.since).toBe(edt(4, 29, 0));
    expect(report.until).toBe(edt(5, 5, 23, 59, 59));
    expect(report.cumulative).toHaveLength(4);
  });

  it('breaks P&L down per New York day, ISO week and month', () => {
    expect(report.daily.map((d) => [d.date, d.totalTrades, d.netPnl])).toEqual([
      ['2026-04-30', 2, 300],
      ['2026-05-01', 1, 300],
      ['2026-05-04', 1, -400],
    ]);
    expect(report.weekly.map((w) => [w.week, w.startDate, w.endDate, w.tradingDays, w.netPnl])).toEqual([
      ['2026-W18', '2026-04-30', '2026-05-01', 2, 600],
      ['2026-W19', '2026-05-04', '2026-05-04', 1, -400],
    ]);
    expect(report.monthly).toEqual([
      { month: '2026-04', netPnl: 300, trades: 2 },
      { month: '2026-05', netPnl: -100, trades: 2 },
    ]);
  });

  it('has the cumulative curve and the calendar of daily P&L', () => {
    expect(report.cumulative.map((p) => p.value)).toEqual([500, 300, 600, 200]);
    expect(report.cumulative[0]!.time).toBe(edt(4, 30, 15));
    expect(report.calendar).toEqual([
      { date: '2026-04-30', pnl: 300 },
      { date: '2026-05-01', pnl: 300 },
      { date: '2026-05-04', pnl: -400 },
    ]);
  });

  it('has the win-rate maps and the instrument split over trades in range', () => {
    expect(report.winRateByTicker).toEqual({ AAPL: 0.5, SPY: 0, TQQQ: 1 });
    expect(report.winRateBySignalType).toEqual({ CLOUD_FLIP_BULLISH: 1 / 3 });
    expect(report.winRateByConviction).toEqual({ '75-89': 1, '90-100': 0 });
    expect(report.winRateByTimeOfDay).toEqual({ '09:00': 1, '10:00': 0, '14:00': 1, '15:00': 0 });
    expect(report.pnlByInstrument).toEqual({ stock: 100, option: -200, leveraged_etf: 300 });
  });

  it('has profit factor and expectancy over trades in range', () => {
    expect(report.profitFactor).toBeCloseTo(800 / 600, 12);
    expect(report.expectancy).toBe(50);
  });

  it('takes max drawdown over starting equity + cumulative P&L', () => {
    // Curve 10000, 10500, 10300, 10600, 10200: worst is 10200 / 10600 − 1.
    expect(report.maxDrawdown).toBeCloseTo(10_200 / 10_600 - 1, 12);
  });

  it('measures a first losing trade against the starting equity', () => {
    const trades = [trade({ pnl: -500, exitTime: edt(4, 30, 10) }), trade({ pnl: 100, exitTime: edt(4, 30, 11) })];
    expect(buildPerformanceReport(input({ trades })).maxDrawdown).toBeCloseTo(-0.05, 12);
  });

  it('takes Sharpe over day P&L / that day’s starting equity for every equity day in range', () => {
    const expected = new PerformanceMetrics().sharpeRatio([0, 300 / 10_000, 300 / 10_300, -400 / 10_600, 0]);
    expect(report.sharpeRatio).toBeCloseTo(expected, 12);
    expect(report.sharpeRatio).not.toBe(0);
    expect(report.sharpeDays).toBe(5);
  });

  it('has no Sharpe ratio where it is undefined: one daily return, or returns without spread', () => {
    const one = buildPerformanceReport(input({ trades: input().trades.slice(1, 2), dailyEquity: [] }));
    expect(one).toMatchObject({ sharpeRatio: null, sharpeDays: 1 });
    const flat = buildPerformanceReport(input({ trades: [] }));
    expect(flat.sharpeDays).toBeGreaterThanOrEqual(2);
    expect(flat.sharpeRatio).toBeNull();
  });

  it('compares with SPY bought with the starting equity at the first close in range', () => {
    expect(report.spyBuyAndHold.map((p) => p.time)).toEqual([
      Date.UTC(2026, 3, 29, 20),
      Date.UTC(2026, 3, 30, 20),
      Date.UTC(2026, 4, 1, 20),
      Date.UTC(2026, 4, 4, 20),
    ]);
    const values = report.spyBuyAndHold.map((p) => p.value);
    [0, 100, -100, 250].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 9));
  });

  it('includes a trade exiting exactly at until and excludes one a millisecond later', () => {
    const until = edt(5, 4, 11);
    expect(buildPerformanceReport(input({ until })).cumulative.at(-1)!.value).toBe(200);
    expect(buildPerformanceReport(input({ until: until - 1 })).cumulative.at(-1)!.value).toBe(600);
  });

  it('is empty and zero without trades, equity rows or closes', () => {
    const empty = buildPerformanceReport(input({ trades: [], dailyEquity: [], spyDailyCloses: [] }));
    expect(empty).toMatchObject({
      daily: [],
      weekly: [],
      monthly: [],
      cumulative: [],
      calendar: [],
      spyBuyAndHold: [],
      winRateByTicker: {},
      pnlByInstrument: { stock: 0, option: 0, leveraged_etf: 0 },
      profitFactor: 0,
      sharpeRatio: null,
      sharpeDays: 0,
      expectancy: 0,
      maxDrawdown: 0,
    });
  });
});

describe('dailyReturns', () => {
  const m = new PerformanceMetrics();
  const daily = m.dailyBreakdown(input().trades.slice(1, 5));

  it('falls back to starting equity + earlier P&L for a trade day without an equity row', () => {
    expect(dailyReturns(daily, [], 10_000)).toEqual([300 / 10_000, 300 / 10_300, -400 / 10_600]);
  });

  it('prefers the recorded starting equity and counts flat equity days as 0', () => {
    const rows = [
      { date: '2026-04-30', startingEquity: 20_000, endingEquity: 20_300 },
      { date: '2026-05-05', startingEquity: 30_000, endingEquity: null },
    ];
    expect(dailyReturns(daily, rows, 10_000)).toEqual([300 / 20_000, 300 / 10_300, -400 / 10_600, 0]);
  });

  it('skips days starting at non-positive equity', () => {
    expect(dailyReturns(daily, [{ date: '2026-05-01', startingEquity: 0, endingEquity: 300 }], 10_000)).toEqual([
      300 / 10_000,
      -400 / 10_600,
    ]);
  });
});

describe('buyAndHold', () => {
  it('is empty when the first close is not positive', () => {
    expect(buyAndHold([], 10_000)).toEqual([]);
    expect(
      buyAndHold(
        [
          { date: '2026-01-02', close: 0 },
          { date: '2026-01-05', close: 10 },
        ],
        10_000,
      ),
    ).toEqual([]);
  });

  it('stamps each close at 16:00 New York time on either side of a DST change', () => {
    const points = buyAndHold(
      [
        { date: '2026-11-02', close: 220 },
        { date: '2026-10-30', close: 200 },
      ],
      1_000,
    );
    expect(points).toEqual([
      { time: Date.UTC(2026, 9, 30, 20), value: 0 },
      { time: Date.UTC(2026, 10, 2, 21), value: expect.closeTo(100, 9) },
    ]);
  });
});
