import type { DashboardSlice, GetState, SetState } from './types';
import { DEFAULT_MAX_EVENTS, mergeEventsNewestFirst } from './events-slice';

export const createDashboardSlice = (set: SetState, get: GetState): DashboardSlice => ({
  dashboard: null,
  config: null,
  dashboardVersion: 0,
  applyDashboard: (data) => {
    set((s) => ({ dashboard: data, dashboardVersion: s.dashboardVersion + 1 }));
    get().mergeEvents(data.recentEvents);
  },
  applyState: (state) =>
    set((s) => ({
      dashboard: s.dashboard
        ? { ...s.dashboard, state }
        : {
            state,
            intradayPnl: [],
            recentSignals: [],
            recentEvents: [],
            recentTrades: [],
            todayMetrics: null,
            universe: [],
          },
    })),
  applyConfig: (config) => {
    const maxEvents = config.dashboard?.maxEventsDisplayed ?? DEFAULT_MAX_EVENTS;
    set((s) => ({ config, maxEvents, events: mergeEventsNewestFirst(s.events, [], maxEvents) }));
  },
});
