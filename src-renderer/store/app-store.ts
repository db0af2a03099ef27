import { createStore } from 'zustand/vanilla';
import type { BotApi } from '../../src-shared/ipc-contract';
import { createCommandSlice } from './command-slice';
import { createDashboardSlice } from './dashboard-slice';
import { createEventsSlice } from './events-slice';
import { createPushHub } from './push-hub';
import { createPushSlice } from './push-slice';
import { createRequestSlice } from './requests-slice';
import type { AppState, AppStore } from './types';
import { createUiSlice } from './ui-slice';

/** The dashboard's one store: a slice per concern; commands go to `api`. */
export function createAppStore(api: BotApi): AppStore {
  const hub = createPushHub();
  return createStore<AppState>()((set, get) => ({
    connection: { phase: 'connecting', everOpened: false, failures: 0, retryAt: null },
    setConnection: (connection) => set({ connection }),
    ...createDashboardSlice(set, get),
    ...createEventsSlice(hub, set, get),
    ...createUiSlice(set, get),
    ...createCommandSlice(api, set, get),
    ...createPushSlice(hub, set, get),
    ...createRequestSlice(api, get),
  }));
}
