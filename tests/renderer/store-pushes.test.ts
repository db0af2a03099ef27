import { describe, expect, it, vi, type Mock } from 'vitest';
import type { Alert } from '../../src-shared/alerts';
import type { BarUpdate } from '../../src-shared/chart-data';
import { ok } from '../../src-shared/command-result';
import type { BotApi } from '../../src-shared/ipc-contract';
import { createAppStore } from '../../src-renderer/store/app-store';
import { bindTransport } from '../../src-renderer/store/bind-transport';
import { fakeApi, fakeTransport, makeConfig, makeDashboard, makeEvent, OPEN } from './helpers/fixtures';

function boundStore() {
  const { api, push } = fakeApi();
  const { transport } = fakeTransport(api, OPEN);
  const store = createAppStore(api);
  bindTransport(store, transport);
  return { api, push, store };
}

const bar = (close: number): BarUpdate => ({
  bar: { ticker: 'SPY', timeframe: '1m', time: close, open: close, high: close, low: close, close, volume: 1 },
  clouds: { time: close, clouds: { fast: null, pullback: null, trend: null, macro: null } },
  closed: true,
});

const alertOf = (overrides: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  rule: 'stop_loss',
  priority: 'warning',
  title: 'Stop loss hit',
  message: 'NVDA stopped out at 128.50',
  channels: { dashboard: true, log: false, push: true, sound: false },
  time: 0,
  ticker: 'NVDA',
  ...overrides,
});

describe('store: live pushes', () => {
  it('shows the tab a navigate push names and ignores a tab it does not know', () => {
    const { push, store } = boundStore();
    push('navigate', { tab: 'performance' });
    expect(store.getState().activeTab).toBe('performance');
    push('navigate', { tab: 'nowhere' as never });
    expect(store.getState().activeTab).toBe('performance');
  });

  it('keeps the latest bars batch with a version bumped by every push, and tells bar listeners', () => {
    const { push, store } = boundStore();
    const heard: number[][] = [];
    const off = store.getState().onPush('bars', (batch) => heard.push(batch.map((u) => u.bar.close)));
    push('bars', [bar(1), bar(2)]);
    push('bars', [bar(3)]);
    expect(store.getState().barsVersion).toBe(2);
    expect(store.getState().latestBars.map((u) => u.bar.close)).toEqual([3]);
    off();
    push('bars', [bar(4)]);
    expect(heard).toEqual([[1, 2], [3]]);
    expect(store.getState().barsVersion).toBe(3);
  });

  it('toasts Dashboard-channel alerts by priority, keeps them newest first and tells alert listeners', () => {
    const { push, store } = boundStore();
    const listener = vi.fn();
    store.getState().onPush('alert', listener);
    push('alert', alertOf());
    push('alert', alertOf({ id: 'a2', priority: 'critical', title: 'Broker disconnected', message: 'lost' }));
    push(
      'alert',
      alertOf({ id: 'a3', priority: 'info', channels: { dashboard: false, log: true, push: false, sound: false } }),
    );
    expect(store.getState().toasts.map((t) => [t.tone, t.title])).toEqual([
      ['warning', 'Stop loss hit'],
      ['error', 'Broker disconnected'],
    ]);
    expect(store.getState().alerts.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('shows the same toast once while it is on screen', () => {
    const { store } = boundStore();
    const first = store.getState().pushToast({ tone: 'error', title: 'Kill switch', message: 'activated' });
    const again = store.getState().pushToast({ tone: 'error', title: 'Kill switch', message: 'activated' });
    expect(again).toBe(first);
    expect(store.getState().toasts).toHaveLength(1);
    store.getState().dismissToast(first);
    store.getState().pushToast({ tone: 'error', title: 'Kill switch', message: 'activated' });
    expect(store.getState().toasts).toHaveLength(1);
  });

  it('tells event listeners after the feed has the event; a failing listener does not stop the others', () => {
    const { push, store } = boundStore();
    const seen: number[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    store.getState().onPush('event', () => {
      throw new Error('boom');
    });
    store.getState().onPush('event', (e) => seen.push(store.getState().events.some((x) => x.id === e.id) ? e.id : -1));
    push('event', makeEvent(7));
    expect(seen).toEqual([7]);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});

describe('store: requests', () => {
  it('applies the config a saved patch returns, and not a refused one', async () => {
    const { api, store } = boundStore();
    store.getState().applyConfig(makeConfig());
    api.updateConfig.mockResolvedValueOnce(ok({ config: makeConfig({ maxSignalsDisplayed: 7 }), diff: [] }));
    expect((await store.getState().saveConfig({ dashboard: { maxSignalsDisplayed: 7 } })).ok).toBe(true);
    expect(store.getState().config?.dashboard.maxSignalsDisplayed).toBe(7);
    api.updateConfig.mockRejectedValueOnce(new Error('link down'));
    const refused = await store.getState().saveConfig({ dashboard: { maxSignalsDisplayed: 9 } });
    expect(refused).toEqual({ ok: false, error: { code: 'internal', message: 'link down' } });
    expect(store.getState().config?.dashboard.maxSignalsDisplayed).toBe(7);
  });

  it('passes read-only queries through unchanged', async () => {
    const { api, store } = boundStore();
    (api.queryEvents as unknown as Mock<BotApi['queryEvents']>).mockResolvedValueOnce(ok([makeEvent(3)]));
    const result = await store.getState().query('queryEvents', { limit: 5, beforeId: 9 });
    expect(api.queryEvents).toHaveBeenCalledWith({ limit: 5, beforeId: 9 });
    expect(result).toEqual(ok([makeEvent(3)]));
  });

  it('keeps the config’s instrument mode in step with the state’s', () => {
    const { store } = boundStore();
    store.getState().applyConfig(makeConfig());
    store.getState().applyDashboard(makeDashboard({}, { instrumentMode: 'options' }));
    expect(store.getState().config?.instrumentMode).toBe('options');
    const config = store.getState().config;
    store.getState().applyDashboard(makeDashboard({}, { instrumentMode: 'options' }));
    expect(store.getState().config).toBe(config);
  });
});
