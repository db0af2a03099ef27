import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { ok } from '../../src-shared/command-result';
import type { BotEvent } from '../../src-shared/events';
import type { BotApi } from '../../src-shared/ipc-contract';
import { TYPING_PAUSE_MS } from '../../src-renderer/features/event-log/event-log';
import { matchesFilter, NO_FILTER, toQuery } from '../../src-renderer/features/event-log/event-filter';
import { fakeApi, makeConfig, makeDashboard, makeEvent, OPEN } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

/** Events id `from` down to `to`, newest first, as the store answers. */
const page = (from: number, to: number, overrides: Partial<BotEvent> = {}) =>
  Array.from({ length: from - to + 1 }, (_, i) => makeEvent(from - i, overrides));

async function openLog(pageSize = 3) {
  const { api: fake } = fakeApi();
  // The fake's queryEvents is typed by its default answer (an empty list); widen it to the contract.
  const api = { ...fake, queryEvents: fake.queryEvents as unknown as Mock<BotApi['queryEvents']> };
  const view = renderApp(api);
  act(() => {
    const s = view.store.getState();
    s.setConnection(OPEN);
    s.applyDashboard(makeDashboard());
    s.applyConfig(makeConfig({ maxEventsDisplayed: pageSize }));
  });
  api.queryEvents.mockResolvedValue(ok(page(10, 8)));
  await act(async () => fireEvent.click(screen.getByTestId('btn-event-log')));
  return { api, ...view };
}

const rowIds = () =>
  screen.queryAllByTestId('event-log-row').map((r) =>
    Number(
      within(r)
        .getByText(/^event \d+$/)
        .textContent!.slice(6),
    ),
  );
const lastQuery = (api: { queryEvents: Mock<BotApi['queryEvents']> }) => api.queryEvents.mock.calls.at(-1)?.[0];

describe('event log drawer', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('opens from any tab and shows the newest page, sized by maxEventsDisplayed', async () => {
    const { api, store } = await openLog(3);
    expect(lastQuery(api)).toEqual({ limit: 3 });
    expect(rowIds()).toEqual([10, 9, 8]);
    act(() => store.getState().setActiveTab('signals'));
    expect(screen.getByTestId('event-log')).toBeTruthy();
  });

  it('filters by type and severity at once, and by session and text after a typing pause', async () => {
    const { api } = await openLog();
    await act(async () =>
      fireEvent.change(screen.getByTestId('event-log-type'), { target: { value: 'config_change' } }),
    );
    expect(lastQuery(api)).toEqual({ limit: 3, eventType: 'config_change' });
    await act(async () => fireEvent.change(screen.getByTestId('event-log-severity'), { target: { value: 'warning' } }));
    expect(lastQuery(api)).toEqual({ limit: 3, eventType: 'config_change', severity: 'warning' });

    const calls = api.queryEvents.mock.calls.length;
    fireEvent.change(screen.getByTestId('event-log-text'), { target: { value: 'max' } });
    fireEvent.change(screen.getByTestId('event-log-session'), { target: { value: 'sess-9' } });
    expect(api.queryEvents.mock.calls.length).toBe(calls);
    await act(async () => vi.advanceTimersByTime(TYPING_PAUSE_MS));
    expect(api.queryEvents.mock.calls.length).toBe(calls + 1);
    expect(lastQuery(api)).toEqual({
      limit: 3,
      eventType: 'config_change',
      severity: 'warning',
      sessionId: 'sess-9',
      text: 'max',
    });

    await act(async () => fireEvent.click(screen.getByTestId('event-log-clear')));
    expect(lastQuery(api)).toEqual({ limit: 3 });
  });

  it('pages to older events with beforeId = the oldest shown, until a short page', async () => {
    const { api } = await openLog(3);
    api.queryEvents.mockResolvedValueOnce(ok(page(7, 5)));
    await act(async () => fireEvent.click(screen.getByTestId('event-log-older')));
    expect(lastQuery(api)).toEqual({ limit: 3, beforeId: 8 });
    expect(rowIds()).toEqual([10, 9, 8, 7, 6, 5]);

    api.queryEvents.mockResolvedValueOnce(ok(page(4, 4)));
    await act(async () => fireEvent.click(screen.getByTestId('event-log-older')));
    expect(lastQuery(api)).toEqual({ limit: 3, beforeId: 5 });
    expect(rowIds()).toEqual([10, 9, 8, 7, 6, 5, 4]);
    expect(screen.queryByTestId('event-log-older')).toBeNull();
    expect(screen.getByTestId('event-log').textContent).toContain('Start of the log');
  });

  it('prepends pushed events that match the filters, and only those', async () => {
    const { api, store } = await openLog();
    api.queryEvents.mockResolvedValueOnce(ok(page(10, 9, { eventType: 'config_change' })));
    await act(async () =>
      fireEvent.change(screen.getByTestId('event-log-type'), { target: { value: 'config_change' } }),
    );
    // What bindTransport does with each 'event' push.
    act(() => {
      store.getState().applyEvent(makeEvent(11, { eventType: 'order' }));
      store.getState().applyEvent(makeEvent(12, { eventType: 'config_change' }));
    });
    expect(rowIds()).toEqual([12, 10, 9]);
  });

  it('keeps live events within the loaded length: the oldest give way and stay reachable with Load older', async () => {
    const { api, store } = await openLog(3);
    api.queryEvents.mockResolvedValueOnce(ok(page(3, 2)));
    await act(async () => fireEvent.change(screen.getByTestId('event-log-severity'), { target: { value: 'info' } }));
    expect(screen.getByTestId('event-log').textContent).toContain('Start of the log');
    act(() => {
      for (const id of [4, 5, 6]) store.getState().applyEvent(makeEvent(id));
    });
    expect(rowIds()).toEqual([6, 5, 4]);
    api.queryEvents.mockResolvedValueOnce(ok(page(3, 2)));
    await act(async () => fireEvent.click(screen.getByTestId('event-log-older')));
    expect(lastQuery(api)).toEqual({ limit: 3, severity: 'info', beforeId: 4 });
    expect(rowIds()).toEqual([6, 5, 4, 3, 2]);
  });

  it('says why when the log cannot be read, and retries on request', async () => {
    const { api } = await openLog();
    api.queryEvents.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'database is locked' } });
    await act(async () => fireEvent.change(screen.getByTestId('event-log-severity'), { target: { value: 'error' } }));
    expect(screen.getByTestId('event-log-error').textContent).toContain('database is locked');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Retry' })));
    expect(rowIds()).toEqual([10, 9, 8]);
  });

  it('closes with its × button and with Escape', async () => {
    const { store } = await openLog();
    fireEvent.click(screen.getByRole('button', { name: 'Close the event log' }));
    expect(screen.queryByTestId('event-log')).toBeNull();
    act(() => store.getState().setEventLogOpen(true));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('event-log')).toBeNull();
  });
});

describe('event filters', () => {
  it('match pushed events as the store does: every filter narrows, text ignores ASCII case', () => {
    const e = makeEvent(1, {
      eventType: 'risk_denied',
      severity: 'warning',
      sessionId: 's1',
      message: 'Max Exposure hit',
    });
    expect(matchesFilter(e, NO_FILTER)).toBe(true);
    expect(matchesFilter(e, { ...NO_FILTER, text: 'max exposure' })).toBe(true);
    expect(matchesFilter(e, { ...NO_FILTER, eventType: 'risk_denied', severity: 'warning', sessionId: 's1' })).toBe(
      true,
    );
    expect(matchesFilter(e, { ...NO_FILTER, severity: 'info' })).toBe(false);
    expect(matchesFilter(e, { ...NO_FILTER, sessionId: 's2' })).toBe(false);
    expect(matchesFilter(e, { ...NO_FILTER, text: 'stop' })).toBe(false);
  });

  it('leave empty filters out of the query', () => {
    expect(toQuery({ ...NO_FILTER, text: '  ', sessionId: ' s1 ' }, 50, 7)).toEqual({
      limit: 50,
      sessionId: 's1',
      beforeId: 7,
    });
  });
});
