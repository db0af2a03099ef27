/** The PRD's notification rules (DESIGN §6). */
export const ALERT_RULES = [
  'trade_executed',
  'stop_loss',
  'kill_switch',
  'daily_loss_warning',
  'broker_disconnect',
  'high_conviction_signal',
  'new_daily_high',
  'consecutive_losses',
  // Beyond the PRD's table: the broker refused an exit or the book diverged from it.
  'order_rejected',
  // The broker's positions or orders differ from the bot's book at start (or are unknown).
  'reconciliation',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export type AlertPriority = 'info' | 'warning' | 'critical';

/** Where an alert goes: the dashboard (toast + feed), the log, an OS notification, a sound. */
export interface AlertChannels {
  dashboard: boolean;
  log: boolean;
  push: boolean;
  sound: boolean;
}

/** One alert as the notification router emits it to the front ends. */
export interface Alert {
  id: string;
  rule: AlertRule;
  priority: AlertPriority;
  title: string;
  message: string;
  channels: AlertChannels;
  /** Epoch ms (market clock). */
  time: number;
  ticker: string | null;
}
