import type { AlertPriority } from '../../src-shared/alerts';
import type { PushHub } from './push-hub';
import type { GetState, PushSlice, SetState, ToastTone } from './types';

/** How many recent alerts the store keeps. */
export const MAX_ALERTS = 50;

const ALERT_TONE: Record<AlertPriority, ToastTone> = { info: 'info', warning: 'warning', critical: 'error' };

export const createPushSlice = (hub: PushHub, set: SetState, get: GetState): PushSlice => ({
  latestBars: [],
  barsVersion: 0,
  alerts: [],
  applyBars: (batch) => {
    set((s) => ({ latestBars: batch, barsVersion: s.barsVersion + 1 }));
    hub.emit('bars', batch);
  },
  applyAlert: (alert) => {
    set((s) => ({ alerts: [alert, ...s.alerts.filter((a) => a.id !== alert.id)].slice(0, MAX_ALERTS) }));
    if (alert.channels.dashboard) {
      get().pushToast({ tone: ALERT_TONE[alert.priority], title: alert.title, message: alert.message });
    }
    hub.emit('alert', alert);
  },
  onPush: hub.on,
});
