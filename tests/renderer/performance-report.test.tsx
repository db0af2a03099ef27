import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ComparisonChartProps } from '../../src-renderer/charts/comparison-chart';
import { breakdownRows, reportBreakdowns } from '../../src-renderer/features/performance/breakdowns';
import { gaugeModel } from '../../src-renderer/features/performance/exposure-gauge';
import { instrumentSplit } from '../../src-renderer/features/performance/instrument-split';
import { PerformanceTab } from '../../src-renderer/features/performance/performance-tab';
import { comparisonSeries } from '../../src-renderer/features/performance/pnl-series';
import {
  formatDrawdown,
  formatHoldTime,
  formatProfitFactor,
  formatSharpe,
  kpiFigures,
  rangeTotals,
} from '../../src-renderer/features/performance/report-summary';
import { createAppStore } from '../../src-renderer/store/app-store';
import { StoreProvider } from '../../src-renderer/store/context';
import type { BotConfig } from '../../src-shared/config-schema';
import { fail, ok, type CommandResult } from '../../src-shared/command-result';
import type { BotApi } from '../../src-shared/ipc-contract';
import type { DailyMetrics, PerformanceReport } from '../../src-shared/performance';
import { fakeApi, makeConfig, makeDashboard, OPEN } from './helpers/fixtures';

afterEach(cleanup);

const MIN = 60_000;
/** 16:00 New York (EST) on a November 2026 day. */
const close = (day: number) => Date.UTC(2026, 10, day, 21);

function day(date: string, patch: Partial<DailyMetrics> = {}): DailyMetrics {
  return {
    date,
    totalTrades: 4,
    winners: 3,
    losers: 1,
    winRate: 0.75,
    grossProfit: 300,
    grossLoss: 100,
    netPnl: 200,
    profitFactor: 3,
    avgWinner: 100,
    avgLoser: -100,
    largestWinner: 150,
    largestLoser: -100,
    avgHoldTime: 10 * MIN,
    stocksTraded: 1,
    optionsScalped: 2,
    etfsScalped: 1,
    ...patch,
  };
}

/** Two days: Monday Nov 23 (+$200, 4 trades) and Tuesday Nov 24 (+$50, 1 scratch + 1 winner), no losses overall. */
function makeReport(patch: Partial<PerformanceReport> = {}): PerformanceReport {
  const daily = [
    day('2026-11-23', {
      grossLoss: 0,
      losers: 0,
      winners: 4,
      winRate: 1,
      netPnl: 300,
      profitFactor: Infinity,
      avgLoser: 0,
      largestLoser: 0,
    }),
    day('2026-11-24', {
      totalTrades: 2,
      winners: 1,
      losers: 0,
      winRate: 0.5,
      grossProfit: 50,
      grossLoss: 0,
      netPnl: 50,
      profitFactor: Infinity,
      avgWinner: 50,
      avgLoser: 0,
      largestWinner: 50,
      largestLoser: 0,
      avgHoldTime: 40 * MIN,
      stocksTraded: 0,
      optionsScalped: 0,
      etfsScalped: 2,
    }),
  ];
  return {
    since: Date.UTC(2026, 9, 26, 4),
    until: Date.UTC(2026, 10, 24, 15, 42),
    daily,
    weekly: [],
    monthly: [{ month: '2026-11', netPnl: 350, trades: 6 }],
    cumulative: [
      { time: close(23) - 60 * MIN, value: 120 },
      { time: close(23) - 30 * MIN, value: 300 },
      { time: close(24) - 300 * MIN, value: 350 },
    ],
    winRateByTicker: { AAPL: 0.5, NVDA: 1, TSLA: 0.25 },
    winRateBySignalType: { CLOUD_CROSS_BULLISH: 0.6, MTF_CONFLUENCE: 1 },
    winRateByConviction: { '90-100': 1, '50-74': 0.4 },
    winRateByTimeOfDay: { '14:00': 1, '10:00': 0.5, '04:00': 0 },
    pnlByInstrument: { stock: 100, option: 300, leveraged_etf: -50 },
    profitFactor: Infinity,
    sharpeRatio: 1.23456,
    sharpeDays: 3,
    expectancy: 58.333,
    maxDrawdown: -0.0123,
    calendar: [
      { date: '2026-11-23', pnl: 300 },
      { date: '2026-11-24', pnl: 50 },
    ],
    spyBuyAndHold: [
      { time: close(20), value: 0 },
      { time: close(23), value: -80 },
      { time: close(24), value: 40 },
    ],
    ...patch,
  };
}

/** Stands in for the canvas chart: shows the series it was given. */
function StubChart({ pnl, benchmark }: ComparisonChartProps) {
  const text = (points: readonly { value: number }[]) => points.map((p) => p.value).join(',');
  return <div data-testid="perf-chart-stub">{`pnl ${text(pnl)} | spy ${text(benchmark)}`}</div>;
}

function setup(
  reply: () => Promise<CommandResult<PerformanceReport>>,
  options: { exposure?: number; config?: BotConfig } = {},
) {
  const data = makeDashboard({}, { currentExposurePct: options.exposure ?? 32 });
  const { api } = fakeApi(data);
  const getPerformance = vi.fn(reply);
  const store = createAppStore({ ...api, getPerformance: getPerformance as BotApi['getPerformance'] });
  act(() => {
    store.getState().setConnection(OPEN);
    store.getState().applyConfig(options.config ?? makeConfig());
    store.getState().applyDashboard(data);
  });
  render(
    <StoreProvider store={store}>
      <PerformanceTab Chart={StubChart} />
    </StoreProvider>,
  );
  return { getPerformance, store };
}

const kpi = (id: string) => screen.getByTestId(`perf-kpi-${id}`);

describe('report formatting', () => {
  it('shows an infinite profit factor as ∞ and others with two decimals', () => {
    expect(formatProfitFactor(Infinity)).toBe('∞');
    expect(formatProfitFactor(1.8567)).toBe('1.86');
    expect(formatProfitFactor(0)).toBe('0.00');
    expect(formatProfitFactor(NaN)).toBe('—');
  });

  it('shows the max drawdown as a negative percent with two decimals', () => {
    expect(formatDrawdown(-0.0123)).toBe('−1.23%');
    expect(formatDrawdown(-0.25)).toBe('−25.00%');
    expect(formatDrawdown(0)).toBe('0.00%');
    expect(formatDrawdown(NaN)).toBe('—');
  });

  it('rounds the Sharpe ratio to two decimals, with a real minus and no −0.00', () => {
    expect(formatSharpe(1.23456)).toBe('1.23');
    expect(formatSharpe(-0.456)).toBe('−0.46');
    expect(formatSharpe(-0.001)).toBe('0.00');
    expect(formatSharpe(Infinity)).toBe('—');
  });

  it('writes holding times in seconds, minutes and hours, and days beyond one', () => {
    expect(formatHoldTime(45_000)).toBe('45s');
    expect(formatHoldTime(12 * MIN + 30_000)).toBe('12m 30s');
    expect(formatHoldTime(125 * MIN)).toBe('2h 5m 0s');
    expect(formatHoldTime(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(formatHoldTime(NaN)).toBe('—');
  });

  it('totals the days exactly: trade-weighted hold time, best and worst across days', () => {
    const totals = rangeTotals([
      day('2026-11-23'),
      day('2026-11-24', {
        totalTrades: 1,
        winners: 0,
        losers: 1,
        grossProfit: 0,
        grossLoss: 400,
        netPnl: -400,
        avgHoldTime: 60 * MIN,
        largestWinner: 0,
        largestLoser: -400,
      }),
    ]);
    expect(totals).toMatchObject({ trades: 5, winners: 3, losers: 2, netPnl: -200, grossProfit: 300, grossLoss: 500 });
    expect(totals.winRate).toBeCloseTo(0.6);
    expect(totals.avgWinner).toBe(100);
    expect(totals.avgLoser).toBe(-250);
    expect(totals.avgHoldTime).toBe(((4 * 10 + 60) / 5) * MIN);
    expect(totals.largestWinner).toBe(150);
    expect(totals.largestLoser).toBe(-400);
  });

  it('shows no Sharpe ratio over fewer than two daily returns, where it is undefined', () => {
    const sharpe = (r: PerformanceReport) => kpiFigures(r).find((f) => f.id === 'sharpe')!;
    expect(sharpe(makeReport({ sharpeRatio: null, sharpeDays: 1 }))).toMatchObject({
      value: '—',
      tone: 'flat',
      sub: 'needs 2+ trading days',
    });
    expect(sharpe(makeReport({ sharpeRatio: null, sharpeDays: 4 }))).toMatchObject({
      value: '—',
      sub: 'daily returns all equal',
    });
    expect(sharpe(makeReport())).toMatchObject({ value: '1.23', sub: '3 daily returns, annualised' });
  });

  it('gives every KPI a finite text, with no trades at all too', () => {
    const empty = makeReport({ daily: [], profitFactor: 0, sharpeRatio: 0, expectancy: 0, maxDrawdown: 0 });
    for (const f of kpiFigures(empty)) {
      expect(`${f.value} ${f.sub}`).not.toMatch(/NaN|undefined|Infinity|∞/);
    }
  });
});

describe('Performance tab', () => {
  it('shows the KPI cards of the report: ∞ profit factor, Sharpe 1.23, drawdown −1.23%', async () => {
    setup(async () => ok(makeReport()));
    expect(await screen.findByTestId('perf-kpis')).toBeTruthy();
    expect(kpi('net-pnl').textContent).toContain('+$350.00');
    expect(kpi('trades').textContent).toContain('6');
    expect(kpi('trades').textContent).toContain('5W / 0L');
    expect(kpi('win-rate').textContent).toContain('83.3%');
    expect(kpi('profit-factor').textContent).toContain('∞');
    expect(kpi('sharpe').textContent).toContain('1.23');
    expect(kpi('expectancy').textContent).toContain('+$58.33');
    expect(kpi('max-drawdown').textContent).toContain('−1.23%');
    expect(kpi('avg-hold').textContent).toContain('20m 0s');
    expect(kpi('largest-win-loss').textContent).toContain('+$150.00');
    expect(document.body.textContent).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('says so when the range has no closed trades, and still shows the live exposure', async () => {
    setup(async () => ok(makeReport({ daily: [], calendar: [], cumulative: [] })));
    expect(await screen.findByText('No closed trades in this range yet')).toBeTruthy();
    expect(screen.queryByTestId('perf-kpis')).toBeNull();
    expect(screen.getByTestId('exposure-value').textContent).toBe('32.0%');
  });

  it('shows loading, then an error with the bot’s message, and loads again on Retry', async () => {
    let answer: CommandResult<PerformanceReport> = fail('internal', 'store is busy');
    const { getPerformance } = setup(() => Promise.resolve(answer));
    expect(screen.getByRole('status').textContent).toContain('Loading the performance report');
    expect((await screen.findByTestId('perf-error')).textContent).toContain('store is busy');
    answer = ok(makeReport());
    fireEvent.click(screen.getByTestId('perf-retry'));
    expect(await screen.findByTestId('perf-kpis')).toBeTruthy();
    expect(getPerformance).toHaveBeenCalledTimes(2);
  });

  it('keeps the last report when a refresh fails, and says the refresh failed', async () => {
    const replies = [ok(makeReport()), fail<PerformanceReport>('internal', 'timed out')];
    const { store } = setup(() => Promise.resolve(replies.shift() ?? fail('internal', 'timed out')));
    await screen.findByTestId('perf-kpis');
    act(() =>
      store.getState().applyEvent({
        id: 1,
        sessionId: null,
        eventType: 'trade',
        severity: 'info',
        message: 'x',
        metadata: null,
        createdAt: 1,
      }),
    );
    expect(await screen.findByTestId('perf-stale')).toBeTruthy();
    expect(kpi('net-pnl').textContent).toContain('+$350.00');
  });

  it('draws the cumulative P&L against SPY, and switches to weekly and monthly points', async () => {
    setup(async () => ok(makeReport()));
    // Daily: $0 at the range start, then the P&L at Nov 20, 23 and 24's closes; SPY from its first close.
    expect((await screen.findByTestId('perf-chart-stub')).textContent).toBe('pnl 0,0,300,350 | spy 0,-80,40');
    expect(screen.getByTestId('perf-legend-pnl').textContent).toContain('+$350.00');
    expect(screen.getByTestId('perf-legend-spy').textContent).toContain('+$40.00');
    fireEvent.click(screen.getByTestId('perf-view-weekly'));
    // ISO weeks: Nov 16–22 ends with SPY's Nov 20 close, Nov 23–29 with the Nov 24 close.
    expect(screen.getByTestId('perf-chart-stub').textContent).toBe('pnl 0,0,350 | spy 0,40');
    fireEvent.click(screen.getByTestId('perf-view-monthly'));
    expect(screen.getByTestId('perf-chart-stub').textContent).toBe('pnl 0,350 | spy 0,40');
    expect(screen.getByTestId('perf-view-monthly').getAttribute('aria-pressed')).toBe('true');
  });

  it('lists the win-rate breakdowns: best ticker first, every conviction bucket and session hour in order', async () => {
    setup(async () => ok(makeReport()));
    const tickers = await screen.findByTestId('wr-ticker');
    expect([...tickers.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['NVDA100%', 'AAPL50%', 'TSLA25%']);
    const conviction = screen.getByTestId('wr-conviction');
    expect([...conviction.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '0-49no trades',
      '50-7440%',
      '75-89no trades',
      '90-100100%',
    ]);
    const hours = [...screen.getByTestId('wr-time-of-day').querySelectorAll('li')].map((li) =>
      li.textContent?.slice(0, 5),
    );
    expect(hours).toEqual(['04:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00']);
    expect(screen.getByTestId('wr-ticker-TSLA').className).toContain('wr-bar--poor');
    expect(screen.getByTestId('wr-ticker-NVDA').className).toContain('wr-bar--good');
  });

  it('splits the P&L by instrument with dollar figures and shares of 100 %', async () => {
    setup(async () => ok(makeReport()));
    const split = await screen.findByTestId('instrument-split');
    expect(within(split).getByTestId('split-option').textContent).toBe('Options+$300.0066.7%');
    expect(within(split).getByTestId('split-leveraged_etf').textContent).toBe('Leveraged ETFs−$50.00' + '11.1%');
    expect(within(split).getByTestId('split-stock').textContent).toBe('Stocks+$100.00' + '22.2%');
    expect(split.textContent).toContain('+$350.00');
  });

  it('lists each day with its trade counts by instrument, newest first', async () => {
    setup(async () => ok(makeReport()));
    const rows = (await screen.findByTestId('perf-daily-table')).querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.getAttribute('data-testid'))).toEqual(['perf-day-2026-11-24', 'perf-day-2026-11-23']);
    const cells = [...(rows[1]?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    expect(cells[0]).toBe('Mon, Nov 23, 2026');
    expect(cells[7]).toBe('∞');
    expect(cells.slice(-3)).toEqual(['1', '2', '1']);
  });

  it('shows the pushed exposure on the gauge against the configured maximum', async () => {
    const config = makeConfig();
    setup(async () => ok(makeReport()), {
      exposure: 70,
      config: { ...config, risk: { ...config.risk, maxExposurePct: 60 } },
    });
    const gauge = await screen.findByTestId('exposure-gauge');
    expect(gauge.getAttribute('data-zone')).toBe('over');
    expect(screen.getByTestId('exposure-value').textContent).toBe('70.0%');
    expect(gauge.textContent).toContain('max 60%');
  });
});

describe('P&L split by instrument', () => {
  it('makes the shares add up to exactly 100.0 % whenever there is P&L', () => {
    const amount = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(amount, amount, amount, (stock, option, etf) => {
        const split = instrumentSplit({ stock, option, leveraged_etf: etf });
        if (stock === 0 && option === 0 && etf === 0) return;
        expect(split.hasPnl).toBe(true);
        const tenths = split.slices.reduce((sum, s) => sum + Math.round(s.pct * 10), 0);
        expect(tenths).toBe(1000);
        for (const s of split.slices) expect(Math.abs(s.pct - s.share * 100)).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
    );
  });

  it('sizes a loss like a gain and keeps the net', () => {
    const split = instrumentSplit({ stock: 0, option: 300, leveraged_etf: -100 });
    expect(split.slices.map((s) => [s.key, s.pct])).toEqual([
      ['option', 75],
      ['leveraged_etf', 25],
      ['stock', 0],
    ]);
    expect(split.net).toBe(200);
  });

  it('has nothing to split at $0 everywhere (or with broken numbers)', () => {
    const split = instrumentSplit({ stock: 0, option: NaN, leveraged_etf: 0 });
    expect(split.hasPnl).toBe(false);
    expect(split.slices.every((s) => s.pct === 0 && s.share === 0)).toBe(true);
  });
});

describe('chart series and gauge', () => {
  it('reads both lines at the same period ends and ignores broken points', () => {
    const series = comparisonSeries(
      {
        since: close(20) - 10 * 60 * MIN,
        cumulative: [
          { time: close(23), value: 10 },
          { time: NaN, value: 99 },
        ],
        spyBuyAndHold: [
          { time: close(20), value: 0 },
          { time: close(24), value: Infinity },
        ],
      },
      'daily',
    );
    expect(series.pnl.map((p) => p.value)).toEqual([0, 0, 10]);
    expect(series.spy.map((p) => p.time)).toEqual([close(20), close(23)]);
  });

  it('puts the limit at 80 % of the dial and grows the dial past an overshoot', () => {
    expect(gaugeModel(40, 80)).toEqual({ scaleMax: 100, valueFrac: 0.4, limitFrac: 0.8, zone: 'ok' });
    expect(gaugeModel(65, 80).zone).toBe('near');
    expect(gaugeModel(150, 80)).toMatchObject({ scaleMax: 150, valueFrac: 1, zone: 'over' });
    expect(gaugeModel(NaN, 80)).toMatchObject({ valueFrac: 0, zone: 'unknown' });
  });

  it('orders a breakdown by win rate and keeps counts when given', () => {
    expect(breakdownRows({ B: 0.5, A: 0.5, C: 0.9 }, { counts: { A: 4 } })).toEqual([
      { key: 'C', rate: 0.9, count: null },
      { key: 'A', rate: 0.5, count: 4 },
      { key: 'B', rate: 0.5, count: null },
    ]);
    expect(reportBreakdowns(makeReport()).map((b) => b.id)).toEqual([
      'ticker',
      'signal-type',
      'conviction',
      'time-of-day',
    ]);
  });
});
