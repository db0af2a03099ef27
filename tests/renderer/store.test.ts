import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../src-shared/command-result';
import { createAppStore } from '../../src-renderer/store/app-store';
import { bindTransport } from '../../src-renderer/store/bind-transport';
import { mergeEventsNewestFirst } from '../../src-renderer/store/events-slice';
import { CONNECTING, fakeApi, fakeTransport, makeConfig, makeDashboard, makeEvent, OPEN } from './helpers/fixtures';

const flush = () => new Promise((r) => setTimeout(r, 0));

function boundStore(data = makeDashboard()) {
  const { api, push } = fakeApi(data);
  const { transport, setConnection } = fakeTransport(api, CONNECTING);
  const store = createAppStore(api);
  bindTransport(store, transport);
  return { api, push, store, setConnection };
}

describe('store fed by the transport', () => {
  it('fetches the dashboard and config when the link opens', async () => {
    const { api, store, setConnection } = boundStore(makeDashboard({}, { accountEquity: 60_000 }));
    expect(store.getState().dashboard).toBeNull();
    setConnection(OPEN);
    await flush();
    expect(api.getDashboardData).toHaveBeenCalledTimes(1);
    expect(store.getState().dashboard?.state.accountEquity).toBe(60_000);
    expect(store.getState().connection.phase).toBe('open');
  });

  it('re-fetches the dashboard after a reconnect', async () => {
    const { api, setConnection } = boundStore();
    setConnection(OPEN);
    await flush();
    setConnection({ phase: 'reconnecting', everOpened: true, failures: 1, retryAt: 1 });
    setConnection(OPEN);
    await flush();
    expect(api.getDashboardData).toHaveBeenCalledTimes(2);
  });

  it('applies every dashboard push as the full snapshot', () => {
    const { push, store } = boundStore();
    push('dashboard', makeDashboard({ intradayPnl: [{ time: 1, pnl: 5 }] }, { status: 'paused', dailyPnl: -12 }));
    expect(store.getState().dashboard?.state.status).toBe('paused');
    expect(store.getState().dashboard?.intradayPnl).toEqual([{ time: 1, pnl: 5 }]);
    push('dashboard', makeDashboard({}, { status: 'killed' }));
    expect(store.getState().dashboard?.state.status).toBe('killed');
  });

  it('keeps a newer push over an older getDashboardData reply', async () => {
    const { api, push, store, setConnection } = boundStore();
    let answer: (v: unknown) => void = () => undefined;
    api.getDashboardData.mockReturnValueOnce(new Promise((r) => (answer = r)) as never);
    setConnection(OPEN);
    push('dashboard', makeDashboard({}, { status: 'live' }));
    answer(ok(makeDashboard({}, { status: 'stopped' })));
    await flush();
    expect(store.getState().dashboard?.state.status).toBe('live');
  });

  it('puts event pushes in the feed newest first, without duplicates', () => {
    const { push, store } = boundStore();
    push('event', makeEvent(1));
    push('event', makeEvent(3));
    push('event', makeEvent(2));
    push('event', makeEvent(3, { message: 'again' }));
    expect(store.getState().events.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(store.getState().events[0]?.message).toBe('again');
  });

  it('caps the feed at 100 events by default and at maxEventsDisplayed once the config is known', async () => {
    const { push, store, setConnection, api } = boundStore();
    for (let id = 1; id <= 130; id++) push('event', makeEvent(id));
    expect(store.getState().events).toHaveLength(100);
    expect(store.getState().events[0]?.id).toBe(130);
    expect(store.getState().events.at(-1)?.id).toBe(31);
    api.getConfig.mockResolvedValueOnce(ok(makeConfig({ maxEventsDisplayed: 10 })));
    setConnection(OPEN);
    await flush();
    expect(store.getState().events.map((e) => e.id)).toEqual([130, 129, 128, 127, 126, 125, 124, 123, 122, 121]);
  });

  it('merges the snapshot’s recent events with pushed ones', () => {
    const { push, store } = boundStore();
    push('event', makeEvent(5));
    push('dashboard', makeDashboard({ recentEvents: [makeEvent(4), makeEvent(5)] }));
    expect(store.getState().events.map((e) => e.id)).toEqual([5, 4]);
  });

  it('toasts error events only: warnings and critical ones reach the screen as router alerts', () => {
    const { push, store } = boundStore();
    push('event', makeEvent(1, { severity: 'info' }));
    push('event', makeEvent(2, { severity: 'critical', eventType: 'kill', message: 'Kill switch activated' }));
    push('event', makeEvent(3, { severity: 'warning', eventType: 'risk_denied', message: 'max exposure' }));
    push('event', makeEvent(4, { severity: 'error', eventType: 'error', message: 'broker replied 500' }));
    expect(store.getState().toasts).toHaveLength(1);
    expect(store.getState().toasts[0]).toMatchObject({ tone: 'error', message: 'broker replied 500' });
  });

  it('leaves status changes to the status pill instead of toasting them', () => {
    const { push, store } = boundStore();
    push('event', makeEvent(1, { severity: 'critical', eventType: 'status_change', message: 'Status paper → killed' }));
    expect(store.getState().toasts).toHaveLength(0);
    expect(store.getState().events).toHaveLength(1);
  });

  it('turns a refused command into an error toast with the server’s message', async () => {
    const { api, store } = boundStore();
    api.start.mockResolvedValueOnce(fail('invalid_transition', 'the bot is already running (paper)'));
    expect(await store.getState().start()).toBe(false);
    expect(store.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      title: 'Start refused',
      message: 'the bot is already running (paper)',
    });
    expect(store.getState().pendingCommand).toBeNull();
  });

  it('applies the state an accepted command returns', async () => {
    const { store, push } = boundStore();
    push('dashboard', makeDashboard({}, { status: 'stopped' }));
    expect(await store.getState().start()).toBe(true);
    expect(store.getState().dashboard?.state.status).toBe('paper');
  });

  it('switches tabs', () => {
    const { store } = boundStore();
    expect(store.getState().activeTab).toBe('command-center');
    store.getState().setActiveTab('performance');
    expect(store.getState().activeTab).toBe('performance');
  });
});

describe('mergeEventsNewestFirst', () => {
  it('orders by time, then id, and cuts to the cap', () => {
    const a = makeEvent(1, { createdAt: 100 });
    const b = makeEvent(2, { createdAt: 100 });
    const c = makeEvent(3, { createdAt: 50 });
    expect(mergeEventsNewestFirst([c], [a, b], 2).map((e) => e.id)).toEqual([2, 1]);
    expect(mergeEventsNewestFirst([a], [], 0)).toEqual([]);
  });
});

describe('store: toasts', () => {
  it('keeps only the newest three toasts on screen and shows the same news once', () => {
    const { api } = fakeApi();
    const store = createAppStore(api);
    for (const n of [1, 2, 3, 4, 5]) store.getState().pushToast({ tone: 'info', title: `T${n}`, message: 'm' });
    store.getState().pushToast({ tone: 'info', title: 'T5', message: 'm' });
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['T3', 'T4', 'T5']);
  });
});
