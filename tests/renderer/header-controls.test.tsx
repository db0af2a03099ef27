import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BOT_STATUSES, type BotStatus } from '../../src-shared/bot-state';
import { fail } from '../../src-shared/command-result';
import { controlsFor } from '../../src-renderer/components/controls';
import { pnlBar } from '../../src-renderer/components/pnl-bar';
import { feedView } from '../../src-renderer/components/status-pill';
import { fakeApi, makeDashboard } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

function renderWithStatus(status: BotStatus, extra: Parameters<typeof makeDashboard>[1] = {}) {
  const { api } = fakeApi();
  const view = renderApp(api);
  act(() => {
    view.store.getState().setConnection({ phase: 'open', everOpened: true, failures: 0, retryAt: null });
    view.store.getState().applyDashboard(makeDashboard({}, { status, ...extra }));
  });
  return { api, ...view };
}

describe('status pill', () => {
  const expected: Record<BotStatus, string> = {
    live: 'LIVE',
    paper: 'PAPER',
    paused: 'PAUSED',
    killed: 'KILLED',
    stopped: 'STOPPED',
  };

  it.each(BOT_STATUSES)('shows %s with its own text and colour class', (status) => {
    renderWithStatus(status);
    const pill = screen.getByTestId('status-pill');
    expect(pill.textContent).toBe(expected[status]);
    expect(pill.className).toContain(`pill--${status}`);
    for (const other of BOT_STATUSES.filter((s) => s !== status))
      expect(pill.className).not.toContain(`pill--${other}`);
  });

  it('shows the SIMULATED badge only for simulated market data', () => {
    renderWithStatus('paper', { simulated: true });
    expect(screen.getByTestId('simulated-badge').textContent).toBe('SIMULATED');
  });

  it('hides the SIMULATED badge for a real feed', () => {
    renderWithStatus('paper', { simulated: false });
    expect(screen.queryByTestId('simulated-badge')).toBeNull();
  });

  it('names the data-feed status next to its dot, and the New York clock with the phase', () => {
    renderWithStatus('paper', { dataFeedStatus: 'delayed' });
    expect(screen.getByTestId('feed-status').textContent).toContain('delayed');
    expect(screen.getByTestId('feed-status').className).toContain('feed--delayed');
    expect(screen.getByTestId('market-clock').textContent).toContain('10:42:13 ET · OPEN');
  });

  it('calls a stopped bot’s disconnected feed idle, and the feed unknown while the link to the bot is down', () => {
    expect(feedView('disconnected', 'stopped', true)).toMatchObject({ tone: 'idle', text: 'idle' });
    expect(feedView('disconnected', 'paper', true)).toMatchObject({ tone: 'disconnected', text: 'disconnected' });
    expect(feedView('connected', 'killed', true)).toMatchObject({ tone: 'connected' });
    expect(feedView('connected', 'paper', false)).toMatchObject({ tone: 'unknown', text: 'unknown' });
    const { store } = renderWithStatus('paper', { dataFeedStatus: 'connected' });
    expect(screen.getByTestId('feed-status').textContent).toBe('Feed connected');
    act(() => store.getState().setConnection({ phase: 'reconnecting', everOpened: true, failures: 1, retryAt: null }));
    expect(screen.getByTestId('feed-status').className).toContain('feed--unknown');
    expect(screen.getByTestId('feed-status').textContent).toBe('Feed unknown');
  });
});

describe('header controls', () => {
  it('labels the toggle Pause while running and Resume while paused', () => {
    expect(controlsFor('paper', true).pauseLabel).toBe('Pause');
    expect(controlsFor('live', true).pauseLabel).toBe('Pause');
    expect(controlsFor('paused', true).pauseLabel).toBe('Resume');
  });

  it('enables Start only when stopped, the toggle only while running or paused, KILL unless killed', () => {
    expect(controlsFor('stopped', true)).toMatchObject({ startEnabled: true, pauseEnabled: false, killEnabled: true });
    expect(controlsFor('paper', true)).toMatchObject({ startEnabled: false, pauseEnabled: true, killEnabled: true });
    expect(controlsFor('killed', true)).toMatchObject({ startEnabled: false, pauseEnabled: false, killEnabled: false });
    expect(controlsFor('stopped', false)).toMatchObject({ startEnabled: false, killEnabled: true });
  });

  it('sends pause from a running bot and resume from a paused one', async () => {
    const running = renderWithStatus('paper');
    const button = screen.getByTestId('btn-pause');
    expect(button.textContent).toContain('Pause');
    await act(async () => fireEvent.click(button));
    expect(running.api.pause).toHaveBeenCalledTimes(1);
    expect(running.api.resume).not.toHaveBeenCalled();
    // The reply (status paused) flips the label.
    expect(screen.getByTestId('btn-pause').textContent).toContain('Resume');
    await act(async () => fireEvent.click(screen.getByTestId('btn-pause')));
    expect(running.api.resume).toHaveBeenCalledTimes(1);
  });

  it('greys out the toggle when stopped and Start once running', () => {
    renderWithStatus('stopped');
    expect((screen.getByTestId('btn-pause') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('btn-start') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the kill reason and a reset that needs a reason of 3+ characters', async () => {
    const { api } = renderWithStatus('killed', { statusReason: 'kill switch from the tray' });
    expect((screen.getByTestId('btn-kill') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('kill-reason').textContent).toContain('kill switch from the tray');
    fireEvent.click(screen.getByTestId('btn-reset-kill'));
    const dialog = screen.getByTestId('reset-kill-dialog');
    const submit = within(dialog).getByTestId('reset-kill-submit') as HTMLButtonElement;
    fireEvent.change(within(dialog).getByTestId('reset-kill-reason'), { target: { value: 'ok' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('reset-kill-reason'), { target: { value: '  broker fixed  ' } });
    expect(submit.disabled).toBe(false);
    await act(async () => fireEvent.click(submit));
    expect(api.resetKill).toHaveBeenCalledExactlyOnceWith({ reason: 'broker fixed' });
    expect(screen.queryByTestId('reset-kill-dialog')).toBeNull();
  });

  it('keeps the reset dialog open when the bot refuses the reset (the refusal is a toast)', async () => {
    const { api } = renderWithStatus('killed', { statusReason: 'daily loss limit' });
    api.resetKill.mockResolvedValueOnce(fail('refused', 'still past the daily loss limit'));
    fireEvent.click(screen.getByTestId('btn-reset-kill'));
    fireEvent.change(screen.getByTestId('reset-kill-reason'), { target: { value: 'reviewed' } });
    await act(async () => fireEvent.click(screen.getByTestId('reset-kill-submit')));
    expect(screen.getByTestId('reset-kill-dialog')).toBeTruthy();
    expect(await screen.findByText('still past the daily loss limit')).toBeTruthy();
  });
});

describe("today's P&L bar", () => {
  it('fills with the share of the daily loss limit used on a losing day, amber from 80 %', () => {
    expect(pnlBar({ dailyPnl: -500, dailyLossLimitUsedPct: 33.3 })).toMatchObject({
      tone: 'loss',
      width: 33.3,
    });
    expect(pnlBar({ dailyPnl: -1300, dailyLossLimitUsedPct: 86 })).toMatchObject({
      tone: 'warning',
      width: 86,
    });
    expect(pnlBar({ dailyPnl: -1600, dailyLossLimitUsedPct: 107 })).toMatchObject({
      tone: 'breach',
      width: 100,
    });
  });

  it('is empty on a winning day, as its label says: none of the limit is used', () => {
    expect(pnlBar({ dailyPnl: 700, dailyLossLimitUsedPct: 0 })).toEqual({
      tone: 'profit',
      width: 0,
      label: '0% of daily loss limit used',
    });
    expect(pnlBar({ dailyPnl: NaN, dailyLossLimitUsedPct: NaN })).toMatchObject({
      tone: 'loss',
      width: 0,
    });
  });
});
