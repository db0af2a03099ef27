import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attribute,
  countByOutcome,
  fromPosition,
  fromTrade,
  underlyingsByEtf,
  winRateByType,
} from '../../src-renderer/features/signals/attribution';
import { buildHeatmap, cellKey } from '../../src-renderer/features/signals/heatmap';
import { buildTimeline } from '../../src-renderer/features/signals/timeline';
import {
  convictionTier,
  filterSignals,
  NO_FILTERS,
  toSignalsRequest,
} from '../../src-renderer/features/signals/signal-filters';
import { resetSignalsView, SignalsTab } from '../../src-renderer/features/signals/signals-tab';
import { createAppStore } from '../../src-renderer/store/app-store';
import { StoreProvider } from '../../src-renderer/store/context';
import type { TickerSummary } from '../../src-shared/chart-data';
import { ok } from '../../src-shared/command-result';
import type { DashboardData } from '../../src-shared/dashboard-data';
import type { CommandRequest } from '../../src-shared/ipc-contract';
import type { Position } from '../../src-shared/positions';
import type { TradeSignal } from '../../src-shared/signals';
import type { TradeRecord } from '../../src-shared/trades';
import { fakeApi, makeConfig, makeDashboard, NY_10_42_13, OPEN } from './helpers/fixtures';

afterEach(cleanup);
beforeEach(resetSignalsView);

const MIN = 60_000;
const T = NY_10_42_13 - 60 * MIN;

function signal(id: string, patch: Partial<TradeSignal> = {}): TradeSignal {
  return {
    id,
    ticker: 'NVDA',
    timeframe: '5m',
    type: 'CLOUD_CROSS_BULLISH',
    direction: 'long',
    conviction: 80,
    price: 130,
    time: T,
    clouds: { fast: null, pullback: null, trend: null, macro: null },
    outcome: 'EXECUTED',
    skipReason: null,
    ...patch,
  };
}

function trade(id: string, patch: Partial<TradeRecord> = {}): TradeRecord {
  return {
    id,
    ticker: 'NVDA',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 100,
    entryPrice: 130.2,
    exitPrice: 131,
    entryTime: T + MIN,
    exitTime: T + 20 * MIN,
    pnl: 80,
    pnlPct: 0.6,
    signalType: 'CLOUD_CROSS_BULLISH',
    conviction: 80,
    timeframe: '5m',
    ...patch,
  };
}

// Newest first, as the dashboard sends them.
const SIGNALS: TradeSignal[] = [
  signal('s-aapl-short', {
    ticker: 'AAPL',
    direction: 'short',
    type: 'CLOUD_FLIP_BEARISH',
    conviction: 92,
    time: T + 30 * MIN,
    timeframe: '1m',
  }),
  signal('s-nvda-low', { conviction: 40, outcome: 'LOGGED_ONLY', time: T + 20 * MIN }),
  signal('s-spy-skip', {
    ticker: 'SPY',
    conviction: 60,
    outcome: 'SKIPPED',
    skipReason: 'max open positions',
    time: T + 10 * MIN,
  }),
  signal('s-nvda', { conviction: 80, time: T }),
];

function summary(ticker: string): TickerSummary {
  const none = { '1m': null, '5m': null, '10m': null, '1h': null, '1d': null };
  return {
    ticker,
    price: 100,
    changePct: 0,
    trend: none,
    fast: none,
    strength: 0,
    lastSignal: null,
    scanned: true,
    scanNote: null,
  };
}

type FakeApi = ReturnType<typeof fakeApi>['api'];

/** Renders the tab over a connected store holding `data`; `prepare` adjusts the fake bot before it. */
function mount(data: DashboardData, prepare?: (api: FakeApi) => void) {
  const { api } = fakeApi(data);
  prepare?.(api);
  const store = createAppStore(api);
  act(() => {
    store.getState().setConnection(OPEN);
    store.getState().applyDashboard(data);
    store.getState().applyConfig(makeConfig());
  });
  render(
    <StoreProvider store={store}>
      <SignalsTab />
    </StoreProvider>,
  );
  return { api, store };
}

const rowIds = () => screen.queryAllByTestId('signal-row').map((r) => r.getAttribute('data-signal-id'));

describe('signals tab: timeline', () => {
  it('places the busiest ticker first, spreads signals by time and keeps conviction on top', () => {
    const t = buildTimeline(SIGNALS);
    expect(t.rows).toEqual(['NVDA', 'AAPL', 'SPY']);
    const x = (id: string) => t.dots.find((d) => d.signal.id === id)!.x;
    expect(x('s-nvda')).toBeLessThan(x('s-spy-skip'));
    expect(x('s-spy-skip')).toBeLessThan(x('s-aapl-short'));
    expect(t.dots.every((d) => d.x > 0 && d.x < 1)).toBe(true);
    expect(t.dots.at(-1)?.signal.id).toBe('s-aapl-short');
    expect(buildTimeline(SIGNALS, 1)).toMatchObject({ rows: ['NVDA'], hidden: 2 });
    // 30 minutes of signals: ticks five minutes apart, inside the axis.
    expect(t.ticks.length).toBeGreaterThanOrEqual(4);
    expect(t.ticks.length).toBeLessThanOrEqual(8);
    expect(t.ticks.every((x) => x >= t.start && x <= t.end && x % (5 * 60_000) === 0)).toBe(true);
  });

  it('draws a mark per signal in view: up for long, down for short, hollow when not executed', () => {
    mount(makeDashboard({ recentSignals: SIGNALS }));
    const marks = () => within(screen.getByTestId('signal-timeline')).getAllByTestId('timeline-mark');
    expect(marks()).toHaveLength(4);
    expect(marks().filter((m) => m.getAttribute('class')?.includes('hollow'))).toHaveLength(2);
    expect(marks().filter((m) => m.getAttribute('class')?.includes('short'))).toHaveLength(1);
    fireEvent.change(screen.getByTestId('filter-ticker'), { target: { value: 'nvda' } });
    expect(marks()).toHaveLength(2);
  });
});

describe('signals tab: stream and filters', () => {
  it('streams the signals newest first, coloured by conviction band, with outcome badges and skip reasons', () => {
    mount(makeDashboard({ recentSignals: SIGNALS }));
    expect(screen.getByTestId('tab-content-signals')).toBeTruthy();
    expect(rowIds()).toEqual(['s-aapl-short', 's-nvda-low', 's-spy-skip', 's-nvda']);
    const rows = screen.getAllByTestId('signal-row');
    expect(rows.map((r) => r.className.match(/sig-row--(\w+)/)?.[1])).toEqual(['strong', 'low', 'mid', 'high']);
    expect(rows[1]!.textContent).toContain('LOGGED ONLY');
    expect(rows[2]!.textContent).toContain('max open positions');
    expect(screen.getByTestId('outcome-count-EXECUTED').textContent).toContain('2');
    expect(screen.getByTestId('outcome-count-SKIPPED').textContent).toContain('1');
    expect(screen.getByTestId('outcome-count-PENDING').textContent).toContain('0');
  });

  it('bands conviction at 90, 75 and 50', () => {
    expect([100, 90, 89, 75, 74, 50, 49, 0].map(convictionTier)).toEqual([
      'strong',
      'strong',
      'high',
      'high',
      'mid',
      'mid',
      'low',
      'low',
    ]);
  });

  it('narrows the list by direction, ticker, type, timeframe and conviction range', () => {
    mount(makeDashboard({ recentSignals: SIGNALS }));
    fireEvent.click(screen.getByTestId('filter-direction-short'));
    expect(rowIds()).toEqual(['s-aapl-short']);
    fireEvent.click(screen.getByTestId('filter-direction-all'));

    fireEvent.change(screen.getByTestId('filter-ticker'), { target: { value: 'nvda' } });
    expect(rowIds()).toEqual(['s-nvda-low', 's-nvda']);
    fireEvent.change(screen.getByTestId('filter-min-conviction'), { target: { value: '50' } });
    expect(rowIds()).toEqual(['s-nvda']);
    expect(screen.getByTestId('signal-count').textContent).toBe('1 of 4');

    fireEvent.click(screen.getByTestId('filter-reset'));
    fireEvent.change(screen.getByTestId('filter-type'), { target: { value: 'CLOUD_FLIP_BEARISH' } });
    expect(rowIds()).toEqual(['s-aapl-short']);
    fireEvent.change(screen.getByTestId('filter-type'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-timeframe'), { target: { value: '5m' } });
    expect(rowIds()).toEqual(['s-nvda-low', 's-spy-skip', 's-nvda']);
    fireEvent.click(screen.getByTestId('filter-tier-mid'));
    expect(rowIds()).toEqual(['s-spy-skip']);
  });

  it('flags a minimum above the maximum, shows nothing and cannot load history', () => {
    mount(makeDashboard({ recentSignals: SIGNALS }));
    fireEvent.change(screen.getByTestId('filter-min-conviction'), { target: { value: '80' } });
    fireEvent.change(screen.getByTestId('filter-max-conviction'), { target: { value: '60' } });
    expect(screen.getByTestId('filter-problem').textContent).toContain('above the maximum');
    expect(rowIds()).toEqual([]);
    expect((screen.getByTestId('load-history') as HTMLButtonElement).disabled).toBe(true);
  });

  it('loads history with the same filters and shows it until "Back to live"', async () => {
    const { api } = mount(makeDashboard({ recentSignals: SIGNALS }));
    const older = signal('s-old', { ticker: 'NVDA', time: T - 120 * MIN, direction: 'short', conviction: 77 });
    // The tab also fetches stored signals for attribution (no filters): only the filtered request gets the old one.
    api.getSignals.mockImplementation(async (...args: unknown[]) =>
      ok((args[0] as CommandRequest<'getSignals'> | undefined)?.ticker === 'NVDA' ? [older] : SIGNALS),
    );
    fireEvent.change(screen.getByTestId('filter-ticker'), { target: { value: 'NVDA' } });
    fireEvent.click(screen.getByTestId('filter-direction-short'));
    fireEvent.change(screen.getByTestId('filter-min-conviction'), { target: { value: '70' } });
    fireEvent.click(screen.getByTestId('load-history'));
    expect(api.getSignals).toHaveBeenCalledWith({ ticker: 'NVDA', direction: 'short', minConviction: 70, limit: 1000 });
    await waitFor(() => expect(rowIds()).toEqual(['s-old']));
    expect(screen.getByTestId('signal-stream-panel').textContent).toContain('Signal history');
    fireEvent.click(screen.getByTestId('back-to-live'));
    expect(screen.getByTestId('signal-stream-panel').textContent).toContain('Live signal stream');
  });

  it('builds getSignals requests only from the filters that are set', () => {
    expect(toSignalsRequest(NO_FILTERS, 50)).toEqual({ limit: 50 });
    expect(
      toSignalsRequest({ ...NO_FILTERS, ticker: ' spy ', timeframe: '1h', type: 'MTF_CONFLUENCE', maxConviction: 89 }),
    ).toEqual({ ticker: 'SPY', timeframe: '1h', type: 'MTF_CONFLUENCE', maxConviction: 89, limit: 1000 });
    expect(filterSignals(SIGNALS, { ...NO_FILTERS, maxConviction: 60 }).map((s) => s.id)).toEqual([
      's-nvda-low',
      's-spy-skip',
    ]);
  });
});

describe('signals tab: heatmap', () => {
  it('keeps the latest signal per ticker and timeframe, signed by direction', () => {
    const set = [
      signal('a', { ticker: 'NVDA', timeframe: '5m', conviction: 70, direction: 'long', time: T + 5 * MIN }),
      signal('b', { ticker: 'NVDA', timeframe: '5m', conviction: 95, direction: 'short', time: T }),
      signal('c', { ticker: 'NVDA', timeframe: '1h', conviction: 88, direction: 'short', time: T }),
      signal('d', { ticker: 'AAPL', timeframe: '1m', conviction: 55, direction: 'long', time: T }),
    ];
    const map = buildHeatmap(set, ['SPY']);
    expect(map.tickers).toEqual(['AAPL', 'NVDA', 'SPY']);
    expect(map.cells.get(cellKey('NVDA', '5m'))).toMatchObject({ value: 70, count: 2 });
    expect(map.cells.get(cellKey('NVDA', '5m'))!.signal.id).toBe('a');
    expect(map.cells.get(cellKey('NVDA', '1h'))!.value).toBe(-88);
    expect(map.cells.get(cellKey('AAPL', '1m'))!.value).toBe(55);
    expect(map.cells.has(cellKey('SPY', '1m'))).toBe(false);
    expect(map.cells.size).toBe(3);
  });

  it('draws bullish cells green and bearish ones red with the value and a tooltip, universe tickers included', () => {
    mount(makeDashboard({ recentSignals: SIGNALS, universe: [summary('QQQ')] }));
    const bear = screen.getByTestId('heat-AAPL-1m');
    expect(bear.textContent).toBe('\u221292');
    expect(bear.className).toContain('heat__cell--bear');
    expect(bear.getAttribute('title')).toContain('CLOUD_FLIP_BEARISH short, conviction 92');
    const bull = screen.getByTestId('heat-NVDA-5m');
    expect(bull.textContent).toBe('+40');
    expect(bull.className).toContain('heat__cell--bull');
    expect(bull.getAttribute('title')).toContain('latest of 2');
    expect(screen.getByTestId('heat-QQQ-5m').className).toContain('heat__cell--none');
  });

  it('maps only the signals the filters let through', () => {
    mount(makeDashboard({ recentSignals: SIGNALS }));
    fireEvent.click(screen.getByTestId('filter-direction-long'));
    expect(screen.queryByTestId('heat-AAPL-1m')).toBeNull();
    expect(screen.getByTestId('heat-NVDA-5m').textContent).toBe('+40');
  });
});

describe('signals tab: attribution', () => {
  it('joins a closed trade to the signal of the same ticker, type and timeframe whose bar it entered in', () => {
    const decoy = signal('s-decoy', { time: T - 30 * MIN });
    const { bySignal, unattributed } = attribute([SIGNALS[3]!, decoy], [fromTrade(trade('t1'))]);
    expect(bySignal.get('s-nvda')).toMatchObject({ pnl: 80, result: 'won' });
    expect(bySignal.get('s-nvda')!.executions.map((e) => e.id)).toEqual(['t1']);
    expect(bySignal.has('s-decoy')).toBe(false);
    expect(unattributed).toEqual([]);
  });

  it('does not join a trade of another type, another side, or entered long after the signal\u2019s bar', () => {
    const executions = [
      fromTrade(trade('other-type', { signalType: 'CLOUD_BOUNCE_LONG' })),
      fromTrade(trade('other-side', { direction: 'short' })),
      fromTrade(trade('too-late', { entryTime: T + 30 * MIN })),
    ];
    const { bySignal, unattributed } = attribute([SIGNALS[3]!], executions);
    expect(bySignal.size).toBe(0);
    expect(unattributed.map((e) => e.id)).toEqual(['other-type', 'other-side', 'too-late']);
  });

  it('does not credit a signal the bot only logged or skipped', () => {
    const { bySignal } = attribute([SIGNALS[1]!], [fromTrade(trade('t', { conviction: 40 }))]);
    expect(bySignal.size).toBe(0);
  });

  it('joins a leveraged-ETF trade to its underlying\u2019s signal and an open position by its signal id', () => {
    const etfs = underlyingsByEtf(makeConfig().leveragedEtf.sectorMap);
    const qqq = signal('s-qqq', { ticker: 'QQQ', direction: 'short', type: 'CLOUD_CROSS_BEARISH', timeframe: '1m' });
    const sqqq = trade('t-sqqq', {
      ticker: 'SQQQ',
      instrumentType: 'leveraged_etf',
      tradeType: 'etf_scalp',
      direction: 'long',
      signalType: 'CLOUD_CROSS_BEARISH',
      timeframe: '1m',
      entryTime: T,
      pnl: -12,
    });
    const open: Position = { ...fromPositionFixture(), signalId: 's-nvda', unrealizedPnl: 30, realizedPnl: 5 };
    const { bySignal } = attribute([qqq, SIGNALS[3]!], [fromTrade(sqqq), fromPosition(open)], etfs);
    expect(bySignal.get('s-qqq')).toMatchObject({ pnl: -12, result: 'lost' });
    expect(bySignal.get('s-nvda')).toMatchObject({ pnl: 35, result: 'open' });
  });

  it('shows in the tab which executed signals became trades and how they ended', () => {
    mount(makeDashboard({ recentSignals: SIGNALS, recentTrades: [trade('t1')] }));
    const row = screen.getByTestId('attr-s-nvda');
    expect(row.textContent).toContain('NVDA 100 sh');
    expect(row.textContent).toContain('WON');
    expect(row.textContent).toContain('+$80.00');
    expect(screen.getByTestId('attr-s-aapl-short').textContent).toContain('no trade found');
    expect(screen.queryByTestId('attr-s-spy-skip')).toBeNull();
    const streamRow = screen.getAllByTestId('signal-row').find((r) => r.getAttribute('data-signal-id') === 's-nvda')!;
    expect(within(streamRow).getByText('+$80.00')).toBeTruthy();
    expect(screen.getByTestId('attribution-summary').textContent).toContain('1 of 2');
  });

  it('finds the signal of an earlier trade among the stored signals once it has left the live list', async () => {
    const early = signal('s-early', { ticker: 'META', conviction: 91, time: T - 90 * MIN });
    const data = makeDashboard({
      recentSignals: SIGNALS,
      recentTrades: [trade('t-meta', { ticker: 'META', conviction: 91, entryTime: T - 89 * MIN, pnl: -25 })],
    });
    const { api } = mount(data, (fake) => fake.getSignals.mockImplementation(async () => ok([...SIGNALS, early])));
    const row = await screen.findByTestId('attr-s-early');
    expect(api.getSignals).toHaveBeenCalledWith({ limit: 2000 });
    expect(row.textContent).toContain('LOST');
    expect(row.textContent).toContain('\u2212$25.00');
    // The stream still shows only the live window.
    expect(rowIds()).not.toContain('s-early');
  });

  it('rates each signal type over today\u2019s trades and counts outcomes', () => {
    const trades = [
      trade('a', { pnl: 50 }),
      trade('b', { pnl: -20 }),
      trade('c', { pnl: 10, signalType: 'MTF_CONFLUENCE' }),
      trade('d', { pnl: 5, signalType: null }),
    ];
    const stats = winRateByType(trades);
    expect(stats.map((s) => [s.type, s.trades, s.wins, s.losses, s.winRate, s.pnl])).toEqual([
      ['CLOUD_CROSS_BULLISH', 2, 1, 1, 0.5, 30],
      ['MTF_CONFLUENCE', 1, 1, 0, 1, 10],
      [null, 1, 1, 0, 1, 5],
    ]);
    expect(countByOutcome(SIGNALS)).toEqual({ PENDING: 0, EXECUTED: 2, EXECUTED_HALF: 0, LOGGED_ONLY: 1, SKIPPED: 1 });

    mount(makeDashboard({ recentSignals: SIGNALS, recentTrades: trades }));
    const cross = screen.getByTestId('winrate-CLOUD_CROSS_BULLISH');
    expect(cross.textContent).toContain('50%');
    expect(cross.textContent).toContain('+$30.00');
    expect(screen.getByTestId('winrate-MANUAL').textContent).toContain('100%');
  });
});

function fromPositionFixture(): Position {
  return {
    id: 'p-nvda',
    ticker: 'NVDA',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 100,
    entryPrice: 130,
    currentPrice: 130.3,
    entryTime: T + MIN,
    unrealizedPnl: 30,
    unrealizedPnlPct: 0.2,
    stopPrice: 128,
    targetPrice: 134,
    cloudAligned: true,
    timeframe: '5m',
    leverage: 1,
    underlying: null,
    signalId: null,
    signalType: 'CLOUD_CROSS_BULLISH',
    conviction: 80,
    realizedPnl: 0,
  };
}
