import type { StoreApi } from 'zustand/vanilla';
import type { BotState, InstrumentMode } from '../../src-shared/bot-state';
import type { BotConfig } from '../../src-shared/config-schema';
import type { DashboardData } from '../../src-shared/dashboard-data';
import type { BotEvent } from '../../src-shared/events';
import type { ConnectionInfo } from '../transport/types';

export const TAB_IDS = [
  'command-center',
  'positions',
  'signals',
  'cloud-charts',
  'performance',
  'configuration',
] as const;
export type TabId = (typeof TAB_IDS)[number];

/** True while no link to the bot has ever opened and none is expected to (bad or missing token, server down). */
export const isUnreachable = (s: Pick<ConnectionSlice, 'connection'>): boolean =>
  s.connection.phase === 'no-token' || s.connection.phase === 'unreachable';

export interface ConnectionSlice {
  connection: ConnectionInfo;
  setConnection(info: ConnectionInfo): void;
}

export interface DashboardSlice {
  /** The latest snapshot; null until the first one arrives. */
  dashboard: DashboardData | null;
  /** The bot configuration, once fetched. */
  config: BotConfig | null;
  /** Bumped by every applied snapshot, so a late reply can tell it is stale. */
  dashboardVersion: number;
  /** Applies a full snapshot (the reply to getDashboardData or a 'dashboard' push). */
  applyDashboard(data: DashboardData): void;
  /** Applies the state a command returned. */
  applyState(state: BotState): void;
  applyConfig(config: BotConfig): void;
}

export interface EventsSlice {
  /** The event feed, newest first, at most `maxEvents` long. */
  events: BotEvent[];
  /** config.dashboard.maxEventsDisplayed once the config is known, else 100. */
  maxEvents: number;
  applyEvent(event: BotEvent): void;
  mergeEvents(events: readonly BotEvent[]): void;
}

export type ToastTone = 'error' | 'warning' | 'info' | 'success';
export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message: string;
}

export interface UiSlice {
  activeTab: TabId;
  toasts: Toast[];
  setActiveTab(tab: TabId): void;
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
}

/** The commands the dashboard sends; each resolves true when the bot accepted it. */
export interface CommandSlice {
  /** The command awaiting its reply, if any (buttons show it and avoid double sends). */
  pendingCommand: string | null;
  start(): Promise<boolean>;
  /** Pause when running, resume when paused. */
  togglePause(): Promise<boolean>;
  kill(closeDayTrades: boolean): Promise<boolean>;
  resetKill(reason: string): Promise<boolean>;
  setInstrumentMode(mode: InstrumentMode): Promise<boolean>;
}

export type AppState = ConnectionSlice & DashboardSlice & EventsSlice & UiSlice & CommandSlice;
export type AppStore = StoreApi<AppState>;
export type SetState = AppStore['setState'];
export type GetState = AppStore['getState'];
