/**
 * Public entry of the main-process side: the controller (the one command surface) and the
 * public types. Shells and embedders import from here, never from engine internals.
 */
export { BotController } from './controller/bot-controller';
export type { ControllerDeps, KillRecord } from './controller/bot-controller';
export { createController, InvalidConfigError } from './controller/create-controller';
export { dispatchCommand } from './controller/dispatch';
export { PerformanceMetrics } from './controller/performance-metrics';
export { buildPerformanceReport } from './controller/performance-report';
export type { CommandSurface, ControllerHandle, ControllerOptions, PushMessage } from './controller/command-surface';
export type { BotState, BotStatus, ExecutionMode, InstrumentMode, DataFeedStatus } from '../src-shared/bot-state';
export type { DashboardData, PnlPoint } from '../src-shared/dashboard-data';
export type { Position, ScalpPosition, Greeks } from '../src-shared/positions';
export type { TradeSignal } from '../src-shared/signals';
export type { TradeRecord } from '../src-shared/trades';
export type { DailyMetrics, WeeklyMetrics, PerformanceReport } from '../src-shared/performance';
export type { BotEvent } from '../src-shared/events';
export type { BotConfig, DashboardConfig } from '../src-shared/config-schema';
