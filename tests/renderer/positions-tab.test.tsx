import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PositionsTab, resetPositionsView } from '../../src-renderer/features/positions/positions-tab';
import {
  checkQuantity,
  checkStop,
  DEFAULT_SORT,
  groupPositions,
  nextSort,
  sortPositions,
  subtotalOf,
} from '../../src-renderer/features/positions/position-model';
import { chartDirection, MINI_LIMIT } from '../../src-renderer/features/positions/position-chart';
import type { CloudChartProps } from '../../src-renderer/charts/cloud-chart';
import { createAppStore } from '../../src-renderer/store/app-store';
import { StoreProvider } from '../../src-renderer/store/context';
import { fail, ok, type CommandResult } from '../../src-shared/command-result';
import type { ChartData } from '../../src-shared/chart-data';
import type { BotApi, CommandRequest } from '../../src-shared/ipc-contract';
import type { DashboardData } from '../../src-shared/dashboard-data';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import { fakeApi, makeDashboard, NY_10_42_13, OPEN } from './helpers/fixtures';

afterEach(cleanup);
beforeEach(resetPositionsView);

const MIN = 60_000;

function stock(id: string, patch: Partial<Position> = {}): Position {
  return {
    id,
    ticker: 'NVDA',
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 100,
    entryPrice: 100,
    currentPrice: 102,
    entryTime: NY_10_42_13 - 30 * MIN,
    unrealizedPnl: 200,
    unrealizedPnlPct: 2,
    stopPrice: 97.5,
    targetPrice: 105,
    cloudAligned: true,
    timeframe: '5m',
    leverage: 1,
    underlying: null,
    signalId: null,
    signalType: 'CLOUD_CROSS_BULLISH',
    conviction: 82,
    realizedPnl: 0,
    ...patch,
  };
}

function call(id: string, patch: Partial<ScalpPosition> = {}): ScalpPosition {
  return {
    ...stock(id),
    ticker: 'SPY',
    instrumentType: 'option',
    tradeType: 'options_scalp',
    quantity: 3,
    entryPrice: 2,
    currentPrice: 2.4,
    unrealizedPnl: 120,
    unrealizedPnlPct: 20,
    stopPrice: null,
    targetPrice: null,
    timeframe: '1m',
    underlying: 'SPY',
    contractSymbol: 'SPY261124C00600000',
    right: 'call',
    strike: 600,
    expiry: NY_10_42_13 + 6 * 3600_000,
    dte: 0,
    greeks: { delta: 0.5, gamma: 0.08, theta: -0.3, vega: 0.05 },
    targetPct: 30,
    stopPct: 25,
    ...patch,
  };
}

const NVDA = stock('p-nvda');
const AAPL = stock('p-aapl', {
  ticker: 'AAPL',
  entryPrice: 200,
  currentPrice: 198,
  quantity: 50,
  unrealizedPnl: -100,
  unrealizedPnlPct: -1,
  entryTime: NY_10_42_13 - 90 * MIN,
});
const MSFT_SWING = stock('p-msft', { ticker: 'MSFT', tradeType: 'swing', timeframe: '1h', unrealizedPnl: 50 });
const TQQQ = stock('p-tqqq', {
  ticker: 'TQQQ',
  instrumentType: 'leveraged_etf',
  tradeType: 'etf_scalp',
  leverage: 3,
  underlying: 'QQQ',
  timeframe: '1m',
  unrealizedPnl: -30,
});
const SPY_CALL = call('p-spy');

function mount(data: DashboardData) {
  const { api } = fakeApi(data);
  const store = createAppStore(api);
  act(() => {
    store.getState().setConnection(OPEN);
    store.getState().applyDashboard(data);
  });
  render(
    <StoreProvider store={store}>
      <PositionsTab />
    </StoreProvider>,
  );
  return { api, store };
}

const withPositions = (open: Position[], scalps: ScalpPosition[] = [], state = {}) =>
  makeDashboard({}, { openPositions: open, openScalps: scalps, ...state });

const tickersIn = (type: string) =>
  within(screen.getByTestId(`group-${type}`))
    .queryAllByTestId(/^position-/)
    .map((row) => row.querySelector('.strong')?.textContent);

describe('positions tab: grouping and subtotals', () => {
  it('puts each position in its group (day, swing, options, ETF) with a count and P&L subtotal per group', () => {
    mount(withPositions([NVDA, AAPL, MSFT_SWING, TQQQ], [SPY_CALL]));
    expect(screen.getByTestId('tab-content-positions')).toBeTruthy();
    expect(tickersIn('day').sort()).toEqual(['AAPL', 'NVDA']);
    expect(tickersIn('swing')).toEqual(['MSFT']);
    expect(tickersIn('options_scalp')).toEqual(['SPY']);
    expect(tickersIn('etf_scalp')).toEqual(['TQQQ']);

    expect(screen.getByTestId('count-day').textContent).toBe('2');
    expect(screen.getByTestId('subtotal-pnl-day').textContent).toBe('+$100.00');
    // 100 / (100 × 100 + 200 × 50) = +0.50 % on cost.
    expect(screen.getByTestId('subtotal-pct-day').textContent).toBe('+0.50%');
    // Options cost is premium × quantity × 100: 120 / (2 × 3 × 100) = +20 %.
    expect(screen.getByTestId('subtotal-pct-options_scalp').textContent).toBe('+20.00%');
    expect(screen.getByTestId('subtotal-pnl-etf_scalp').textContent).toBe('−$30.00');
    expect(screen.getByTestId('positions-total').textContent).toBe('+$240.00');
  });

  it('shows an empty state in each group without positions', () => {
    mount(withPositions([MSFT_SWING]));
    expect(screen.getByTestId('empty-day').textContent).toContain('No day trades open');
    expect(screen.queryByTestId('empty-swing')).toBeNull();
    expect(screen.getByTestId('empty-options_scalp')).toBeTruthy();
    expect(screen.getByTestId('empty-etf_scalp')).toBeTruthy();
    expect(screen.getByTestId('subtotal-pnl-day').textContent).toBe('');
  });

  it('shows side, size, DTE, leverage, tag and time held against the market clock', () => {
    mount(withPositions([AAPL, TQQQ], [SPY_CALL]));
    const row = (id: string) => screen.getByTestId(`position-${id}`).textContent;
    for (const part of ['LONG', '50 sh', '1h 30m 0s', 'STOCK']) expect(row('p-aapl')).toContain(part);
    // Stop and target of a scalp: the premium at −25 % and +30 %.
    for (const part of ['CALL', '3 ct', 'OPT', '1.50', '2.60']) expect(row('p-spy')).toContain(part);
    for (const part of ['3x', 'on QQQ', 'ETF']) expect(row('p-tqqq')).toContain(part);
  });

  it('sums and rates a subtotal on cost, and ignores broken numbers', () => {
    const s = subtotalOf([NVDA, AAPL, stock('bad', { unrealizedPnl: NaN })]);
    expect(s.count).toBe(3);
    expect(s.pnl).toBe(100);
    expect(s.pnlPct).toBeCloseTo((100 / 30_000) * 100, 10);
    expect(subtotalOf([]).pnlPct).toBe(0);
  });
});

describe('positions tab: sorting', () => {
  it('sorts within every group by the clicked column, biggest first, then the other way on a second click', () => {
    const winner = stock('p-w', { ticker: 'AMD', unrealizedPnl: 900 });
    mount(withPositions([NVDA, AAPL, winner]));
    // Default: oldest first.
    expect(tickersIn('day')).toEqual(['AAPL', 'AMD', 'NVDA']);
    fireEvent.click(screen.getByTestId('sort-pnl'));
    expect(tickersIn('day')).toEqual(['AMD', 'NVDA', 'AAPL']);
    expect(screen.getByTestId('sort-pnl').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByTestId('sort-pnl'));
    expect(tickersIn('day')).toEqual(['AAPL', 'NVDA', 'AMD']);
    fireEvent.click(screen.getByTestId('sort-ticker'));
    expect(tickersIn('day')).toEqual(['AAPL', 'AMD', 'NVDA']);
    fireEvent.click(screen.getByTestId('sort-ticker'));
    expect(tickersIn('day')).toEqual(['NVDA', 'AMD', 'AAPL']);
  });

  it('keeps missing values last in both directions', () => {
    const noStop = stock('p-none', { ticker: 'ZZZ', stopPrice: null });
    const low = stock('p-low', { ticker: 'LOW', stopPrice: 50 });
    const asc = sortPositions([noStop, NVDA, low], { key: 'stop', dir: 'asc' }, NY_10_42_13);
    const desc = sortPositions([noStop, NVDA, low], { key: 'stop', dir: 'desc' }, NY_10_42_13);
    expect(asc.map((p) => p.id)).toEqual(['p-low', 'p-nvda', 'p-none']);
    expect(desc.map((p) => p.id)).toEqual(['p-nvda', 'p-low', 'p-none']);
    expect(nextSort(DEFAULT_SORT, 'ticker')).toEqual({ key: 'ticker', dir: 'asc' });
    expect(nextSort({ key: 'ticker', dir: 'asc' }, 'ticker')).toEqual({ key: 'ticker', dir: 'desc' });
  });

  it('returns all four groups in the PRD order even when empty', () => {
    expect(groupPositions([], DEFAULT_SORT, 0).map((g) => g.title)).toEqual([
      'Day Trades',
      'Swing Trades',
      'Options Scalps',
      'ETF Scalps',
    ]);
  });
});

describe('positions tab: overrides', () => {
  it('asks for confirmation before closing, then sends closePosition once', async () => {
    const { api } = mount(withPositions([NVDA]));
    fireEvent.click(screen.getByTestId('close-p-nvda'));
    const dialog = screen.getByTestId('close-dialog');
    expect(dialog.textContent).toContain('sells 100 shares of NVDA');
    expect(api.closePosition).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirm-close-p-nvda'));
    await waitFor(() => expect(screen.getByTestId('notice-p-nvda').textContent).toContain('Close order sent'));
    expect(api.closePosition).toHaveBeenCalledTimes(1);
    expect(api.closePosition).toHaveBeenCalledWith({ positionId: 'p-nvda' });
    expect(screen.queryByTestId('close-dialog')).toBeNull();
  });

  it('sends nothing when the close is cancelled', () => {
    const { api } = mount(withPositions([NVDA]));
    fireEvent.click(screen.getByTestId('close-p-nvda'));
    fireEvent.click(screen.getByTestId('close-cancel'));
    expect(screen.queryByTestId('close-dialog')).toBeNull();
    expect(api.closePosition).not.toHaveBeenCalled();
  });

  it('shows a refused stop adjustment with the bot\u2019s reason under the row', async () => {
    const { api } = mount(withPositions([NVDA]));
    api.adjustStop.mockResolvedValueOnce(
      fail('refused', 'adjustStop NVDA (p-nvda) refused: trading is halted by the kill switch'),
    );
    fireEvent.click(screen.getByTestId('adjust-p-nvda'));
    const input = screen.getByTestId('stop-p-nvda-input') as HTMLInputElement;
    expect(input.value).toBe('97.50');
    fireEvent.change(input, { target: { value: '99.25' } });
    fireEvent.click(screen.getByTestId('stop-p-nvda-submit'));
    const notice = await screen.findByTestId('notice-p-nvda');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('refused: trading is halted by the kill switch');
    expect(api.adjustStop).toHaveBeenCalledWith({ positionId: 'p-nvda', stopPrice: 99.25 });
  });

  it('blocks a stop at or above a long\u2019s current price without calling the bot', () => {
    const { api } = mount(withPositions([NVDA]));
    fireEvent.click(screen.getByTestId('adjust-p-nvda'));
    const input = screen.getByTestId('stop-p-nvda-input');
    for (const bad of ['102', '150', '0', '-3', 'abc', '']) {
      fireEvent.change(input, { target: { value: bad } });
      fireEvent.click(screen.getByTestId('stop-p-nvda-submit'));
      expect(screen.getByTestId('stop-p-nvda-error').textContent).not.toBe('');
    }
    expect(screen.getByTestId('stop-p-nvda-input').getAttribute('aria-invalid')).toBe('true');
    expect(api.adjustStop).not.toHaveBeenCalled();
  });

  it('validates stops like the bot: below the price for longs, above it for shorts, never for options', () => {
    expect(checkStop(NVDA, '101.99')).toEqual({ ok: true, value: 101.99 });
    expect(checkStop(NVDA, '102').ok).toBe(false);
    const short = stock('s', { direction: 'short', currentPrice: 50 });
    expect(checkStop(short, '49').ok).toBe(false);
    expect(checkStop(short, '51')).toEqual({ ok: true, value: 51 });
    expect(checkStop(SPY_CALL, '1')).toEqual({ ok: false, reason: expect.stringContaining('cannot be moved') });
  });

  it('takes plain decimal prices only for a stop, not hex, exponents or signs', () => {
    expect(checkStop(NVDA, ' 100.5 ')).toEqual({ ok: true, value: 100.5 });
    expect(checkStop(NVDA, '.5')).toEqual({ ok: true, value: 0.5 });
    expect(checkStop(NVDA, '100.')).toEqual({ ok: true, value: 100 });
    for (const bad of ['0x10', '1e1', '+50', '-5', '1,5', '5..1', 'Infinity', '0b11']) {
      expect(checkStop(NVDA, bad), bad).toEqual({ ok: false, reason: expect.stringMatching(/price|above 0/) });
    }
    expect(checkStop(NVDA, '0').ok).toBe(false);
  });

  it('disables Adjust Stop for option scalps and says why', () => {
    mount(withPositions([], [SPY_CALL]));
    const button = screen.getByTestId('adjust-p-spy') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.parentElement?.getAttribute('title')).toContain('cannot be moved');
  });

  it('adds a positive whole quantity and shows a risk denial with its reason', async () => {
    const { api } = mount(withPositions([NVDA]));
    api.addToPosition.mockResolvedValueOnce(
      fail('refused', 'Adding to NVDA refused: exposure $31,000.00 exceeds 60 % of equity ($30,000.00)'),
    );
    fireEvent.click(screen.getByTestId('add-p-nvda'));
    const input = screen.getByTestId('addqty-p-nvda-input');
    fireEvent.change(input, { target: { value: '2.5' } });
    fireEvent.click(screen.getByTestId('addqty-p-nvda-submit'));
    expect(screen.getByTestId('addqty-p-nvda-error').textContent).toContain('whole number');
    expect(api.addToPosition).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: '25' } });
    fireEvent.click(screen.getByTestId('addqty-p-nvda-submit'));
    expect(await screen.findByTestId('notice-p-nvda')).toHaveProperty(
      'textContent',
      expect.stringContaining('exceeds 60 % of equity'),
    );
    expect(api.addToPosition).toHaveBeenCalledTimes(1);
    expect(api.addToPosition).toHaveBeenCalledWith({ positionId: 'p-nvda', quantity: 25 });
  });

  it('checks quantities: whole, at least 1, at most a million', () => {
    expect(checkQuantity('10')).toEqual({ ok: true, value: 10 });
    for (const bad of ['0', '-1', '1.5', '1e3', ' ', '1000001']) expect(checkQuantity(bad).ok).toBe(false);
  });

  it('disables every override while the link to the bot is down', () => {
    const { store } = mount(withPositions([NVDA]));
    act(() => store.getState().setConnection({ phase: 'reconnecting', everOpened: true, failures: 1, retryAt: null }));
    for (const id of ['close-p-nvda', 'adjust-p-nvda', 'add-p-nvda']) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(true);
    }
  });
});

describe('positions tab: Greeks and mini-charts', () => {
  it('shows the aggregate Greeks exposure and each scalp\u2019s share', () => {
    mount(
      withPositions([], [SPY_CALL], {
        greeksExposure: { delta: 150, gamma: 24, theta: -90, vega: 15 },
      }),
    );
    expect(screen.getByTestId('greek-delta').textContent).toContain('+150.0');
    expect(screen.getByTestId('greek-theta').textContent).toContain('−$90.00');
    expect(screen.getByTestId('greek-vega').textContent).toContain('+$15.00');
    const panel = screen.getByTestId('greeks-exposure');
    // 0.5 delta × 3 contracts × 100.
    expect(panel.textContent).toContain('SPY261124C00600000');
    expect(panel.textContent).toContain('+150.0');
  });

  it('loads one mini-chart per position on the underlying and the position\u2019s timeframe', async () => {
    const { api } = mount(withPositions([NVDA, TQQQ], [SPY_CALL]));
    await waitFor(() => expect(api.getChartData).toHaveBeenCalledTimes(3));
    expect(api.getChartData).toHaveBeenCalledWith({ ticker: 'NVDA', timeframe: '5m', limit: MINI_LIMIT });
    expect(api.getChartData).toHaveBeenCalledWith({ ticker: 'QQQ', timeframe: '1m', limit: MINI_LIMIT });
    expect(api.getChartData).toHaveBeenCalledWith({ ticker: 'SPY', timeframe: '1m', limit: MINI_LIMIT });
    expect(screen.getByTestId('pos-chart-p-tqqq').textContent).toContain('QQQ');
    // The fake bot has no bars: each card says so instead of drawing an empty chart.
    await waitFor(() => expect(screen.getByTestId('pos-chart-p-nvda').textContent).toContain('No 5m bars yet'));
  });

  it('marks the entry on each mini-chart, with entry, stop and target lines only where prices match the chart', async () => {
    const bars = (ticker: string) => [
      { ticker, timeframe: '5m' as const, time: NY_10_42_13 - 40 * MIN, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ];
    const { api: base } = fakeApi(withPositions([NVDA, TQQQ]));
    const api: BotApi = {
      ...base,
      getChartData: async (r?: CommandRequest<'getChartData'>): Promise<CommandResult<ChartData>> =>
        ok({
          ticker: r!.ticker,
          timeframe: r!.timeframe,
          bars: bars(r!.ticker),
          clouds: [],
          markers: [],
          priceLines: [],
          forming: null,
        }),
    };
    const store = createAppStore(api);
    act(() => {
      store.getState().setConnection(OPEN);
      store.getState().applyDashboard(withPositions([NVDA, TQQQ]));
    });
    const seen = new Map<string, CloudChartProps>();
    function StubChart(props: CloudChartProps) {
      seen.set(props.testId ?? '', props);
      return <div data-testid={props.testId} />;
    }
    render(
      <StoreProvider store={store}>
        <PositionsTab Chart={StubChart} />
      </StoreProvider>,
    );
    await screen.findByTestId('mini-chart-p-nvda');
    await screen.findByTestId('mini-chart-p-tqqq');
    const nvda = seen.get('mini-chart-p-nvda')!;
    expect(nvda.compact).toBe(true);
    expect(nvda.markers).toEqual([{ time: NVDA.entryTime, kind: 'entry', direction: 'long', label: 'ENTRY' }]);
    expect(nvda.priceLines?.map((l) => [l.kind, l.price])).toEqual([
      ['entry', 100],
      ['stop', 97.5],
      ['target', 105],
    ]);
    // TQQQ is drawn on QQQ's chart: its own prices would be off the scale.
    expect(seen.get('mini-chart-p-tqqq')!.priceLines).toEqual([]);
    expect(seen.get('mini-chart-p-tqqq')!.markers?.[0]?.kind).toBe('entry');
  });

  it('points a put\u2019s or an inverse ETF\u2019s entry down on the underlying\u2019s chart', () => {
    const map = { QQQ: { bull: 'TQQQ', bear: 'SQQQ' } };
    expect(chartDirection(TQQQ, map)).toBe('long');
    expect(chartDirection({ ...TQQQ, ticker: 'SQQQ' }, map)).toBe('short');
    expect(chartDirection(call('put', { right: 'put' }), map)).toBe('short');
    expect(chartDirection(SPY_CALL, map)).toBe('long');
    expect(chartDirection(stock('s', { direction: 'short' }), map)).toBe('short');
  });

  it('waits for the first snapshot before showing anything', () => {
    const { api } = fakeApi(makeDashboard());
    const store = createAppStore(api);
    render(
      <StoreProvider store={store}>
        <PositionsTab />
      </StoreProvider>,
    );
    expect(screen.getByTestId('tab-content-positions').textContent).toContain('Waiting for the bot');
  });
});
