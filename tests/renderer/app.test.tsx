import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TABS } from '../../src-renderer/components/tab-bar';
import { UNREACHABLE_MESSAGE } from '../../src-renderer/components/connection-banner';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { TradeSignal } from '../../src-shared/signals';
import { fakeApi, makeDashboard, makeEvent, makeState, NY_10_42_13, OPEN } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const NVDA: Position = {
  id: 'p1',
  ticker: 'NVDA',
  instrumentType: 'stock',
  tradeType: 'day',
  direction: 'long',
  quantity: 150,
  entryPrice: 130.1,
  currentPrice: 131.66,
  entryTime: NY_10_42_13 - 600_000,
  unrealizedPnl: 234,
  unrealizedPnlPct: 1.2,
  stopPrice: 128.5,
  targetPrice: 135,
  cloudAligned: true,
  timeframe: '5m',
  leverage: 1,
  underlying: null,
  signalId: 's1',
  signalType: 'CLOUD_CROSS_BULLISH',
  conviction: 82,
  realizedPnl: 0,
};

const SPY_CALL: ScalpPosition = {
  ...NVDA,
  id: 'p2',
  ticker: 'SPY',
  instrumentType: 'option',
  tradeType: 'options_scalp',
  quantity: 3,
  unrealizedPnl: -45,
  unrealizedPnlPct: -3,
  contractSymbol: 'SPY261124C00600000',
  right: 'call',
  strike: 600,
  expiry: Date.now(),
  dte: 0,
  greeks: { delta: 0.4, gamma: 0.05, theta: -0.2, vega: 0.1 },
  targetPct: 30,
  stopPct: 25,
};

const SIGNAL: TradeSignal = {
  id: 's1',
  ticker: 'AAPL',
  timeframe: '5m',
  type: 'CLOUD_CROSS_BULLISH',
  direction: 'long',
  conviction: 82,
  price: 190,
  time: Date.now(),
  clouds: {} as TradeSignal['clouds'],
  outcome: 'EXECUTED_HALF',
  skipReason: null,
};

function liveApp(data = makeDashboard()) {
  const { api } = fakeApi(data);
  const view = renderApp(api);
  act(() => {
    view.store.getState().setConnection(OPEN);
    view.store.getState().applyDashboard(data);
  });
  return { api, ...view };
}

describe('dashboard', () => {
  it('has the title, the KPI strip with formatted figures, and no NaN or undefined anywhere', () => {
    liveApp();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('AXION BOT CONTROL CENTER');
    expect(screen.getByTestId('kpi-pnl').textContent).toContain('+$1,247.00');
    expect(screen.getByTestId('kpi-pnl').textContent).toContain('+2.44%');
    expect(screen.getByTestId('kpi-winrate').textContent).toContain('58%');
    expect(screen.getByTestId('kpi-trades').textContent).toContain('7W');
    expect(screen.getByTestId('kpi-equity').textContent).toContain('$52,341');
    expect(screen.getByTestId('kpi-exposure').textContent).toContain('32%');
    expect(screen.getByTestId('card-drawdown').textContent).toContain('−1.8%');
    expect(screen.getByTestId('uptime').textContent).toContain('4h 23m 5s');
    expect(document.body.textContent).not.toMatch(/NaN|undefined|null/);
  });

  it('stays free of NaN when the bot sends broken numbers', () => {
    liveApp(
      makeDashboard(
        {},
        { dailyPnl: NaN, dailyPnlPct: NaN, winRate: NaN, accountEquity: Infinity, currentExposurePct: NaN },
      ),
    );
    expect(document.body.textContent).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('shows the six tabs, each with its own content', async () => {
    liveApp();
    expect(TABS.map((t) => screen.getByTestId(`tab-${t.id}`).textContent)).toEqual([
      'Command Center',
      'Positions',
      'Signals',
      'Cloud Charts',
      'Performance',
      'Configuration',
    ]);
    const roots: Record<string, string> = {
      positions: 'tab-content-positions',
      signals: 'tab-content-signals',
      'cloud-charts': 'cloud-charts',
      performance: 'tab-content-performance',
      configuration: 'tab-content-configuration',
      'command-center': 'command-center',
    };
    for (const [tab, root] of Object.entries(roots)) {
      fireEvent.click(screen.getByTestId(`tab-${tab}`));
      expect(screen.getByTestId(`tab-${tab}`).getAttribute('aria-selected')).toBe('true');
      expect(await screen.findByTestId(root)).toBeTruthy();
    }
    expect(document.body.textContent).not.toContain('NOT BUILT YET');
  });

  it('shows empty states for positions, signals and the P&L curve on a fresh session', () => {
    liveApp();
    expect(screen.getByText('No open positions')).toBeTruthy();
    expect(screen.getByText('No signals yet')).toBeTruthy();
    expect(screen.getByText('No P&L curve yet')).toBeTruthy();
    expect(screen.queryByTestId('pnl-chart-stub')).toBeNull();
  });

  it('draws the P&L chart, positions, signals and the event feed when there is data', () => {
    liveApp(
      makeDashboard(
        {
          intradayPnl: [
            { time: 1, pnl: 0 },
            { time: 2, pnl: 12 },
          ],
          recentSignals: [SIGNAL],
          recentEvents: [makeEvent(1, { severity: 'warning', eventType: 'risk_denied', message: 'max exposure' })],
        },
        { openPositions: [NVDA], openScalps: [SPY_CALL] },
      ),
    );
    expect(screen.getByTestId('pnl-chart-stub').textContent).toBe('2 points');
    const rows = within(screen.getByTestId('positions-table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('NVDA');
    expect(rows[1]!.textContent).toContain('+$234.00');
    // Held time runs on the market clock the entry was stamped with.
    expect(rows[1]!.textContent).toContain('10m 0s');
    expect(rows[2]!.textContent).toContain('CALL');
    expect(rows[2]!.textContent).toContain('0DTE');
    // Stop before target, as the column header says, for a scalp too (on premium).
    expect(rows[2]!.textContent).toContain(`−${SPY_CALL.stopPct}% / +${SPY_CALL.targetPct}%`);
    expect(screen.getByTestId('signals-list').textContent).toContain('EXECUTED (half)');
    const event = screen.getByTestId('event-row');
    expect(event.className).toContain('event--warning');
    expect(event.textContent).toContain('risk_denied');
    expect(event.textContent).toContain('max exposure');
    expect(screen.getByTestId('kpi-open').textContent).toContain('2');
  });

  it('highlights the current instrument mode and switches it through setInstrumentMode', async () => {
    const { api } = liveApp(makeDashboard({}, { instrumentMode: 'options' }));
    expect(screen.getByTestId('mode-options').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('mode-both').getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(screen.getByTestId('mode-leveraged_etf')));
    expect(api.setInstrumentMode).toHaveBeenCalledExactlyOnceWith({ mode: 'leveraged_etf' });
  });

  it('starts the bot from a stopped state', async () => {
    const { api } = liveApp(makeDashboard({}, { status: 'stopped' }));
    await act(async () => fireEvent.click(screen.getByTestId('btn-start')));
    expect(api.start).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('status-pill').textContent).toBe('PAPER');
  });
});

describe('connection errors', () => {
  it('says the link is unusable when the first connection never opened', () => {
    const { api } = fakeApi();
    const { store } = renderApp(api);
    act(() =>
      store
        .getState()
        .setConnection({ phase: 'unreachable', everOpened: false, failures: 1, retryAt: Date.now() + 1000 }),
    );
    const banner = screen.getByTestId('connection-error');
    expect(banner.textContent).toContain(UNREACHABLE_MESSAGE);
    expect(screen.getByTestId('reconnecting')).toBeTruthy();
  });

  it('says the connection was lost, with a reconnecting indicator, after it had been open', () => {
    const { api } = fakeApi();
    const { store } = renderApp(api);
    act(() => {
      store.getState().setConnection(OPEN);
      store.getState().applyDashboard(makeDashboard({}, makeState()));
      store
        .getState()
        .setConnection({ phase: 'reconnecting', everOpened: true, failures: 1, retryAt: Date.now() + 4000 });
    });
    const banner = screen.getByTestId('connection-error');
    expect(banner.textContent).toContain('Connection to the bot lost');
    expect(banner.textContent).not.toContain('token is not valid');
    expect(screen.getByTestId('reconnecting').textContent).toMatch(/Reconnecting in [34] s/);
    // Commands that need the link are greyed out; KILL stays available.
    expect((screen.getByTestId('btn-pause') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('btn-kill') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the missing-token error at once', () => {
    const { api } = fakeApi();
    const { store } = renderApp(api);
    act(() => store.getState().setConnection({ phase: 'no-token', everOpened: false, failures: 0, retryAt: null }));
    expect(screen.getByTestId('connection-error').textContent).toContain('no access token');
    expect(screen.getByText('Not connected to the bot')).toBeTruthy();
    expect(screen.queryByText(/Waiting for/)).toBeNull();
  });

  it('shows no error while the link is fine', () => {
    liveApp();
    expect(screen.queryByTestId('connection-error')).toBeNull();
  });
});
