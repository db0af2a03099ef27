import { createStore } from 'zustand/vanilla';
import type { BotApi } from '../../src-shared/ipc-contract';
import { createCommandSlice } from './command-slice';
import { createDashboardSlice } from './dashboard-slice';
import { createEventsSlice } from './events-slice';
import type { AppState, AppStore } from './types';
import { createUiSlice } from './ui-slice';

/** The dashboard's one store: a slice per concern; commands go to `api`. */
export function createAppStore(api: BotApi): AppStore {
  return createStore<AppState>()((set, get) => ({
    connection: { phase: 'connecting', everOpened: false, failures: 0, retryAt: null },
    setConnection: (connection) => set({ connection }),
    ...createDashboardSlice(set, get),
    ...createEventsSlice(set, get),
    ...createUiSlice(set),
    ...createCommandSlice(api, set, get),
  }));
}
