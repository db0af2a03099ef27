import type { InstrumentMode } from '../../src-shared/bot-state';
import type { BotConfig } from '../../src-shared/config-schema';
import type { DashboardSlice, GetState, SetState } from './types';
import { DEFAULT_MAX_EVENTS, mergeEventsNewestFirst } from './events-slice';

/**
 * The state's instrument mode is the bot's current one (setInstrumentMode changes it without a
 * config reply), so the stored config follows it; the object is kept when nothing changed.
 */
const withMode = (config: BotConfig | null, mode: InstrumentMode): BotConfig | null =>
  config && config.instrumentMode !== mode ? { ...config, instrumentMode: mode } : config;

export const createDashboardSlice = (set: SetState, get: GetState): DashboardSlice => ({
  dashboard: null,
  config: null,
  dashboardVersion: 0,
  applyDashboard: (data) => {
    set((s) => ({
      dashboard: data,
      dashboardVersion: s.dashboardVersion + 1,
      config: withMode(s.config, data.state.instrumentMode),
    }));
    get().mergeEvents(data.recentEvents);
  },
  applyState: (state) =>
    set((s) => ({
      config: withMode(s.config, state.instrumentMode),
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
