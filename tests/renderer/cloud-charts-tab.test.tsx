import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CloudChartProps } from '../../src-renderer/charts/cloud-chart';
import {
  CloudChartsTab,
  FULL_LIMIT,
  GRID_LIMIT,
  gridTickersFor,
  resetCloudChartsView,
} from '../../src-renderer/features/cloud-charts/cloud-charts-tab';
import { sortUniverse } from '../../src-renderer/features/cloud-charts/strength-table';
import { createAppStore } from '../../src-renderer/store/app-store';
import { StoreProvider } from '../../src-renderer/store/context';
import type { BarUpdate, ChartData, TickerSummary } from '../../src-shared/chart-data';
import { fail, ok, type CommandResult } from '../../src-shared/command-result';
import type { BotApi, CommandRequest } from '../../src-shared/ipc-contract';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Position } from '../../src-shared/positions';
import { fakeApi, makeConfig, makeDashboard, OPEN } from './helpers/fixtures';

afterEach(cleanup);
beforeEach(resetCloudChartsView);

const T0 = Date.UTC(2026, 10, 24, 14, 30);

function summary(ticker: string, strength: number, patch: Partial<TickerSummary> = {}): TickerSummary {
  const all = (v: 'bullish' | 'bearish' | null) => ({ '1m': v, '5m': v, '10m': v, '1h': v, '1d': v });
  return {
    ticker,
    price: 100,
    changePct: 1.25,
    trend: { ...all('bullish'), '1h': 'bearish', '1d': null },
    fast: all('bearish'),
    strength,
    lastSignal: { type: 'CLOUD_CROSS_BULLISH', timeframe: '5m', conviction: Math.abs(strength), time: T0 },
    scanned: true,
    scanNote: null,
    ...patch,
  };
}

const UNIVERSE = [
  summary('AAPL', 40),
  summary('NVDA', -90),
  summary('SPY', 75),
  summary('QQQ', 0, { scanned: false, scanNote: 'low volume' }),
];

const bar = (ticker: string, timeframe: Timeframe, i: number): Bar => ({
  ticker,
  timeframe,
  time: T0 + i * 60_000,
  open: 100,
  high: 101,
  low: 99,
  close: 100.5,
  volume: 1000,
});

function chartData(r: CommandRequest<'getChartData'>, bars = 3): ChartData {
  const list = Array.from({ length: bars }, (_, i) => bar(r.ticker, r.timeframe, i));
  return {
    ticker: r.ticker,
    timeframe: r.timeframe,
    bars: list,
    clouds: list.map((b) => ({ time: b.time, clouds: { fast: null, pullback: null, trend: null, macro: null } })),
    markers: [],
    priceLines: [{ positionId: 'server', kind: 'entry', price: 1 }],
    forming: null,
  };
}

/** Stands in for the canvas chart: shows what it was given and records the live bars it receives. */
const received: BarUpdate[] = [];
function StubChart({ data, updates, markers, priceLines, colorBlindSafe, compact, testId }: CloudChartProps) {
  useEffect(() => updates.subscribe((batch) => received.push(...batch)), [updates]);
  return (
    <div data-testid={testId} data-compact={String(compact)}>
      {`${data.ticker} ${data.timeframe} ${data.bars.length} bars · ${markers?.length ?? 0} markers · ${priceLines?.length ?? 0} lines · cb ${String(colorBlindSafe)}`}
    </div>
  );
}

type Reply = CommandResult<ChartData>;

function setup(
  options: {
    reply?: (r: CommandRequest<'getChartData'>) => Promise<Reply>;
    positions?: Position[];
    colorBlindSafe?: boolean;
    dashboard?: boolean;
  } = {},
) {
  received.length = 0;
  const data = makeDashboard({ universe: UNIVERSE }, { openPositions: options.positions ?? [] });
  const { api } = fakeApi(data);
  const getChartData = vi.fn(options.reply ?? (async (r: CommandRequest<'getChartData'>) => ok(chartData(r))));
  const store = createAppStore({ ...api, getChartData: getChartData as BotApi['getChartData'] });
  act(() => {
    store.getState().setConnection(OPEN);
    store.getState().applyConfig(makeConfig({ colorBlindSafe: options.colorBlindSafe ?? false }));
    if (options.dashboard !== false) store.getState().applyDashboard(data);
  });
  render(
    <StoreProvider store={store}>
      <CloudChartsTab Chart={StubChart} />
    </StoreProvider>,
  );
  // The transport hands 'bars' pushes to the store like this (bindTransport).
  const push = (batch: BarUpdate[]) => act(() => store.getState().applyBars(batch));
  return { getChartData, push, store };
}

const lastRequest = (fn: ReturnType<typeof setup>['getChartData']) => fn.mock.calls[fn.mock.calls.length - 1]?.[0];

describe('Cloud Charts tab', () => {
  it('loads the first ticker of the universe on 5m and shows its chart', async () => {
    const { getChartData } = setup();
    expect(screen.getByRole('status').textContent).toMatch(/Loading AAPL 5m/);
    expect(await screen.findByText(/AAPL 5m 3 bars/)).toBeTruthy();
    expect(getChartData).toHaveBeenCalledWith({ ticker: 'AAPL', timeframe: '5m', limit: FULL_LIMIT });
  });

  it('reloads when the timeframe or the ticker changes; a table row selects its ticker', async () => {
    const { getChartData } = setup();
    await screen.findByText(/AAPL 5m 3 bars/);
    fireEvent.click(screen.getByTestId('cloud-tf-1h'));
    expect(await screen.findByText(/AAPL 1h 3 bars/)).toBeTruthy();
    expect(lastRequest(getChartData)).toMatchObject({ ticker: 'AAPL', timeframe: '1h' });
    fireEvent.change(screen.getByTestId('cloud-ticker'), { target: { value: 'SPY' } });
    expect(await screen.findByText(/SPY 1h/)).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('strength-row-NVDA')).getByRole('button', { name: 'NVDA' }));
    expect(await screen.findByText(/NVDA 1h/)).toBeTruthy();
    expect(screen.getByTestId('strength-row-NVDA').getAttribute('aria-selected')).toBe('true');
    expect(getChartData).toHaveBeenCalledTimes(4);
  });

  it('shows the bot refusing the request as an error with its message, and retries', async () => {
    let answer: Reply = fail('internal', 'getChartData is not wired yet');
    const { getChartData } = setup({ reply: async () => answer });
    const error = await screen.findByTestId('cloud-chart-error');
    expect(error.textContent).toMatch(/Chart data for AAPL 5m is unavailable/);
    expect(error.textContent).toMatch(/not wired yet/);
    answer = ok(chartData({ ticker: 'AAPL', timeframe: '5m' }));
    fireEvent.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/AAPL 5m 3 bars/)).toBeTruthy();
    expect(getChartData).toHaveBeenCalledTimes(2);
  });

  it('folds bars pushed while the request was out into the chart data', async () => {
    let resolve: (r: Reply) => void = () => undefined;
    const { push } = setup({ reply: () => new Promise<Reply>((r) => (resolve = r)) });
    push([
      {
        bar: bar('AAPL', '5m', 3),
        clouds: { time: T0 + 180_000, clouds: { fast: null, pullback: null, trend: null, macro: null } },
        closed: false,
      },
      {
        bar: bar('AAPL', '1m', 9),
        clouds: { time: 0, clouds: { fast: null, pullback: null, trend: null, macro: null } },
        closed: false,
      },
    ]);
    await act(async () => resolve(ok(chartData({ ticker: 'AAPL', timeframe: '5m' }))));
    expect(screen.getByTestId('cloud-chart').textContent).toMatch(/AAPL 5m 4 bars/);
  });

  it('passes live bars on to the chart through its stream', async () => {
    const { push } = setup();
    await screen.findByText(/AAPL 5m 3 bars/);
    const update: BarUpdate = {
      bar: bar('AAPL', '5m', 3),
      clouds: { time: T0, clouds: { fast: null, pullback: null, trend: null, macro: null } },
      closed: true,
    };
    push([update]);
    expect(received).toEqual([update]);
  });

  it('says when a ticker has no bars yet, and loads again when its first bar arrives', async () => {
    let bars = 0;
    const { getChartData, push } = setup({ reply: async (r) => ok(chartData(r, bars)) });
    expect(await screen.findByText('No bars yet for AAPL 5m')).toBeTruthy();
    bars = 1;
    push([
      {
        bar: bar('AAPL', '5m', 0),
        clouds: { time: T0, clouds: { fast: null, pullback: null, trend: null, macro: null } },
        closed: false,
      },
    ]);
    expect(await screen.findByText(/AAPL 5m 1 bars/)).toBeTruthy();
    expect(getChartData).toHaveBeenCalledTimes(2);
  });

  it('shows four charts in the 2×2 view: the selected ticker and the strongest others, each changeable', async () => {
    const { getChartData } = setup();
    await screen.findByText(/AAPL 5m 3 bars/);
    fireEvent.click(screen.getByTestId('cloud-view-grid'));
    for (const i of [0, 1, 2, 3]) await screen.findByTestId(`cloud-chart-${i}`);
    expect([0, 1, 2, 3].map((i) => screen.getByTestId(`cloud-chart-${i}`).textContent?.split(' ')[0])).toEqual([
      'AAPL',
      'NVDA',
      'SPY',
      'QQQ',
    ]);
    expect(screen.getByTestId('cloud-chart-0').dataset.compact).toBe('true');
    expect(lastRequest(getChartData)?.limit).toBe(GRID_LIMIT);
    fireEvent.change(screen.getByTestId('cloud-grid-ticker-3'), { target: { value: 'AAPL' } });
    await waitFor(() => expect(screen.getByTestId('cloud-chart-3').textContent).toMatch(/^AAPL 5m/));
  });

  it('draws the open positions of the ticker as price lines, and follows the colour-blind option', async () => {
    const position = {
      id: 'p1',
      ticker: 'AAPL',
      instrumentType: 'stock',
      entryPrice: 100,
      stopPrice: 98,
      targetPrice: null,
    } as Position;
    setup({ positions: [position], colorBlindSafe: true });
    expect(await screen.findByText(/AAPL 5m 3 bars · 0 markers · 2 lines · cb true/)).toBeTruthy();
  });

  it('loads again when the link to the bot comes back', async () => {
    const { getChartData, store } = setup();
    await screen.findByText(/AAPL 5m 3 bars/);
    act(() => store.getState().setConnection({ phase: 'reconnecting', everOpened: true, failures: 1, retryAt: null }));
    expect(getChartData).toHaveBeenCalledTimes(1);
    act(() => store.getState().setConnection(OPEN));
    await screen.findByText(/AAPL 5m 3 bars/);
    expect(getChartData).toHaveBeenCalledTimes(2);
  });

  it('waits for the first snapshot', () => {
    setup({ dashboard: false });
    expect(screen.getByText('Waiting for the bot')).toBeTruthy();
  });
});

describe('scan universe table', () => {
  it('lists the strongest tickers first, with trend cells, a signed strength and the last signal', async () => {
    setup();
    await screen.findByText(/AAPL 5m 3 bars/);
    const rows = within(screen.getByTestId('strength-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual([
      'strength-row-NVDA',
      'strength-row-SPY',
      'strength-row-AAPL',
      'strength-row-QQQ',
    ]);
    const nvda = rows[0]!;
    expect(nvda.querySelectorAll('.cloud-trend--bullish')).toHaveLength(3);
    expect(nvda.querySelectorAll('.cloud-trend--bearish')).toHaveLength(1);
    expect(nvda.querySelectorAll('.cloud-trend--none')).toHaveLength(1);
    expect(nvda.querySelector('.strength__fill--bear')?.getAttribute('style')).toContain('width: 45%');
    expect(nvda.textContent).toContain('\u221290');
    expect(nvda.textContent).toContain('CROSS');
    expect(rows[3]!.textContent).toContain('FILTERED');
    fireEvent.click(screen.getByRole('button', { name: 'Ticker' }));
    expect(within(screen.getByTestId('strength-table')).getAllByRole('row')[1]!.getAttribute('data-testid')).toBe(
      'strength-row-AAPL',
    );
  });

  it('sorts by strength either way, by ticker, or by change', () => {
    expect(sortUniverse(UNIVERSE, 'strength').map((r) => r.ticker)).toEqual(['NVDA', 'SPY', 'AAPL', 'QQQ']);
    expect(sortUniverse(UNIVERSE, 'ticker').map((r) => r.ticker)).toEqual(['AAPL', 'NVDA', 'QQQ', 'SPY']);
    const changes = [
      summary('A', 0, { changePct: -1 }),
      summary('B', 0, { changePct: null }),
      summary('C', 0, { changePct: 3 }),
    ];
    expect(sortUniverse(changes, 'change').map((r) => r.ticker)).toEqual(['C', 'A', 'B']);
  });

  it('fills the grid with the chosen tickers first, then the selected one and the strongest others', () => {
    expect(gridTickersFor([], 'AAPL', UNIVERSE)).toEqual(['AAPL', 'NVDA', 'SPY', 'QQQ']);
    expect(gridTickersFor([null, 'QQQ'], 'SPY', UNIVERSE)).toEqual(['SPY', 'QQQ', 'NVDA', 'AAPL']);
    expect(gridTickersFor([], null, UNIVERSE.slice(0, 2))).toEqual(['NVDA', 'AAPL', null, null]);
  });
});
