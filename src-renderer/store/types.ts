import type { StoreApi } from 'zustand/vanilla';
import type { BotState, InstrumentMode } from '../../src-shared/bot-state';
import type { BrokerView } from '../../src-shared/broker-view';
import type { Alert } from '../../src-shared/alerts';
import type { BarUpdate } from '../../src-shared/chart-data';
import type { CommandResult } from '../../src-shared/command-result';
import type { BotConfig } from '../../src-shared/config-schema';
import type { DashboardData } from '../../src-shared/dashboard-data';
import type { BotEvent } from '../../src-shared/events';
import type { CommandRequest, CommandValues } from '../../src-shared/ipc-contract';
import type { ConnectionInfo } from '../transport/types';
import type { PushHub } from './push-hub';

export { TAB_IDS, type TabId } from '../../src-shared/tabs';
import type { TabId } from '../../src-shared/tabs';

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
  /** Adds one pushed event to the feed and tells the 'event' listeners. */
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
  /** The kill confirmation opened from the keyboard shortcut (the header button keeps its own). */
  killConfirmOpen: boolean;
  /** The event log drawer, reachable from every tab. */
  eventLogOpen: boolean;
  setActiveTab(tab: TabId): void;
  /** Shows a toast; an identical toast still on screen is not shown twice (its id is returned). */
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  openKillConfirm(): void;
  closeKillConfirm(): void;
  setEventLogOpen(open: boolean): void;
}

/** Live pushes besides the snapshot: chart bars and alerts, plus listeners for components. */
export interface PushSlice {
  /** The latest 'bars' push: every bar (any ticker, any timeframe) that closed or changed. */
  latestBars: readonly BarUpdate[];
  /** Bumped by every 'bars' push, so a selector can tell a new batch from the same one. */
  barsVersion: number;
  /** Recent alerts, newest first, at most MAX_ALERTS. */
  alerts: Alert[];
  applyBars(batch: BarUpdate[]): void;
  /** Keeps the alert, toasts it when its Dashboard channel is on, and tells the 'alert' listeners. */
  applyAlert(alert: Alert): void;
  /**
   * Listens to 'event', 'bars' or 'alert' pushes outside React rendering (charts, the event
   * log, sounds); the listener runs after the store applied the push. Returns the unsubscribe.
   */
  onPush: PushHub['on'];
}

/** Read-only commands a view may send as it likes (filters, paging, chart loads). */
export type QueryName = 'queryEvents' | 'getChartData' | 'getSignals' | 'getPerformance';

/** Requests whose answer the caller shows itself (in a form or dialog), not as a toast. */
export interface RequestSlice {
  /** Sends a config patch; on success the returned config is applied to the store. */
  saveConfig(
    patch: Record<string, unknown>,
    confirmRiskLoosening?: boolean,
  ): Promise<CommandResult<CommandValues['updateConfig']>>;
  /** Sends a broker key pair to the bot (keychain or the run); the form clears it at once. */
  setBrokerKeys(request: CommandRequest<'setBrokerCredentials'>): Promise<CommandResult<BrokerView>>;
  clearBrokerKeys(account: 'paper' | 'live'): Promise<CommandResult<BrokerView>>;
  /** Lets trading go on despite reconciliation differences (with the user's reason). */
  acknowledgeReconciliation(reason: string): Promise<CommandResult<BotState>>;
  /** Asks for the live-mode challenge phrase (or the reason why not). */
  requestLiveMode(): Promise<CommandResult<CommandValues['requestLiveMode']>>;
  /** Types the challenge back; on success the returned state is applied. */
  confirmLiveMode(challenge: string): Promise<CommandResult<BotState>>;
  query<K extends QueryName>(name: K, request: CommandRequest<K>): Promise<CommandResult<CommandValues[K]>>;
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
  /** Back to paper trading (always allowed; no confirmation needed for the safe direction). */
  setPaperMode(): Promise<boolean>;
}

export type AppState = ConnectionSlice &
  DashboardSlice &
  EventsSlice &
  UiSlice &
  CommandSlice &
  PushSlice &
  RequestSlice;
export type AppStore = StoreApi<AppState>;
export type SetState = AppStore['setState'];
export type GetState = AppStore['getState'];
