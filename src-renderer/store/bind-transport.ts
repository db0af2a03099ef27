import { TAB_IDS } from '../../src-shared/tabs';
import type { BotEvent, EventType } from '../../src-shared/events';
import type { Transport } from '../transport/types';
import type { AppStore } from './types';

const TOAST_TONE = { warning: 'warning', error: 'error', critical: 'error' } as const;

export const EVENT_TITLES: Record<EventType, string> = {
  session: 'Session',
  command: 'Command',
  signal: 'Signal',
  order: 'Order',
  fill: 'Fill',
  trade: 'Trade',
  error: 'Error',
  kill: 'Kill switch',
  config_change: 'Configuration changed',
  risk_denied: 'Risk gate denied an order',
  alert: 'Alert',
  mode_change: 'Mode changed',
  status_change: 'Status changed',
};

/**
 * Events that also pop up as toasts: errors only. The PRD's Dashboard channel arrives as
 * 'alert' pushes from the notification router (coalesced there); toasting every warning event
 * would bury the screen in risk-gate denials on a busy bar.
 */
function toastFor(store: AppStore, event: BotEvent): void {
  if (event.severity !== 'error') return;
  const title = EVENT_TITLES[event.eventType] ?? event.eventType;
  store.getState().pushToast({ tone: TOAST_TONE.error, title, message: event.message });
}

/**
 * Feeds the store from the transport: the link state, a fresh snapshot and config on every
 * (re)connect, then every push ('dashboard', 'event', 'bars', 'alert'). Returns the unsubscribe function.
 */
export function bindTransport(store: AppStore, transport: Transport): () => void {
  const { api } = transport;

  const refresh = async () => {
    const version = store.getState().dashboardVersion;
    const [data, config] = await Promise.all([api.getDashboardData(), api.getConfig()]);
    const s = store.getState();
    if (config.ok) s.applyConfig(config.value);
    if (!data.ok) {
      s.pushToast({ tone: 'error', title: 'Could not load the dashboard', message: data.error.message });
    } else if (s.dashboardVersion === version) {
      s.applyDashboard(data.value);
    } else {
      s.mergeEvents(data.value.recentEvents);
    }
  };

  const unsubscribers = [
    api.onPush('dashboard', (data) => store.getState().applyDashboard(data)),
    api.onPush('event', (event) => {
      store.getState().applyEvent(event);
      toastFor(store, event);
    }),
    api.onPush('bars', (batch) => store.getState().applyBars(batch)),
    api.onPush('alert', (alert) => store.getState().applyAlert(alert)),
    api.onPush('navigate', ({ tab }) => {
      if (TAB_IDS.includes(tab)) store.getState().setActiveTab(tab);
    }),
    transport.onConnection((info) => {
      store.getState().setConnection(info);
      if (info.phase === 'open') void refresh();
    }),
  ];
  return () => unsubscribers.forEach((off) => off());
}
