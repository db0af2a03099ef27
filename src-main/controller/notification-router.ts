import type { Alert, AlertChannels, AlertPriority, AlertRule } from '../../src-shared/alerts';
import type { BotEvent } from '../../src-shared/events';
import type { TabId } from '../../src-shared/tabs';
import type { DesktopNotifier } from '../engine/ports';

/** DESIGN §6: the PRD's notification table — which channels each rule uses. */
export const ALERT_CHANNELS: Record<AlertRule, AlertChannels> = {
  trade_executed: { dashboard: true, log: true, push: false, sound: false },
  stop_loss: { dashboard: true, log: true, push: true, sound: false },
  kill_switch: { dashboard: true, log: true, push: true, sound: true },
  daily_loss_warning: { dashboard: true, log: true, push: true, sound: false },
  broker_disconnect: { dashboard: true, log: true, push: true, sound: true },
  high_conviction_signal: { dashboard: true, log: true, push: false, sound: false },
  new_daily_high: { dashboard: true, log: true, push: false, sound: false },
  consecutive_losses: { dashboard: true, log: true, push: true, sound: false },
  order_rejected: { dashboard: true, log: true, push: true, sound: true },
  reconciliation: { dashboard: true, log: true, push: true, sound: true },
};

/** The tab a clicked notification opens: where the trader acts on that alert. */
export const ALERT_TABS: Record<AlertRule, TabId> = {
  kill_switch: 'command-center',
  broker_disconnect: 'command-center',
  daily_loss_warning: 'command-center',
  reconciliation: 'configuration',
  stop_loss: 'positions',
  order_rejected: 'positions',
  trade_executed: 'positions',
  high_conviction_signal: 'signals',
  consecutive_losses: 'performance',
  new_daily_high: 'performance',
};

/** Not more than one alert per rule and ticker in this window (critical ones always go out). */
export const COALESCE_MS = 30_000;

const TITLES: Record<AlertRule, string> = {
  trade_executed: 'Trade executed',
  stop_loss: 'Stop loss triggered',
  kill_switch: 'Kill switch activated',
  daily_loss_warning: 'Daily loss limit',
  broker_disconnect: 'Connection lost',
  high_conviction_signal: 'High-conviction signal',
  new_daily_high: 'New daily P&L high',
  consecutive_losses: 'Consecutive losses',
  order_rejected: 'Order rejected by the broker',
  reconciliation: 'Broker and bot disagree',
};

interface Classified {
  rule: AlertRule;
  priority: AlertPriority;
  ticker: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Which rule of the table a stored event triggers, if any. */
export function classify(event: BotEvent): Classified | null {
  const m = event.metadata ?? {};
  const order = (m.order ?? {}) as { purpose?: unknown; symbol?: unknown };
  switch (event.eventType) {
    case 'kill':
      return event.severity === 'critical' ? { rule: 'kill_switch', priority: 'critical', ticker: null } : null;
    case 'fill':
      return m.purpose === 'entry' && m.status === 'filled'
        ? {
            rule: 'trade_executed',
            priority: 'info',
            ticker: str((m.fill as { symbol?: unknown } | undefined)?.symbol),
          }
        : null;
    case 'order':
      return m.status === 'intent' && order.purpose === 'stop'
        ? { rule: 'stop_loss', priority: 'warning', ticker: str(order.symbol) }
        : null;
    case 'error':
      return event.severity === 'critical' ? { rule: 'broker_disconnect', priority: 'critical', ticker: null } : null;
    case 'alert': {
      if (m.kind === 'reduction_rejected' || m.kind === 'book_divergence') {
        return { rule: 'order_rejected', priority: 'critical', ticker: str(m.symbol) };
      }
      const rule = m.rule as AlertRule | undefined;
      if (!rule || !(rule in ALERT_CHANNELS)) return null;
      const priority: AlertPriority =
        event.severity === 'critical' ? 'critical' : event.severity === 'warning' ? 'warning' : 'info';
      return { rule, priority, ticker: str(m.ticker) };
    }
    default:
      return null;
  }
}

export interface NotificationRouterOptions {
  /** Sends an alert to the front ends (toast, feed, sound). */
  publish: (alert: Alert) => void;
  /** The Push channel; null where OS notifications are off. */
  notifier: DesktopNotifier | null;
  /** Real time, for coalescing (what a person perceives). */
  wallClock: () => number;
  /** A push that failed (reported once per distinct error). */
  pushFailed: (error: string) => void;
}

/**
 * The notification router of DESIGN §6: every stored event is matched against the PRD's
 * rules; a match becomes an Alert on its channels — Dashboard (toast), Log (the event is
 * already stored), Push (OS notification via the notifier port), Sound (the renderer plays it).
 * Duplicates per rule and ticker are coalesced for 30 s; critical alerts always go out.
 */
export class NotificationRouter {
  private readonly lastShown = new Map<string, number>();
  private readonly reportedErrors = new Set<string>();
  private seq = 0;

  constructor(private readonly opts: NotificationRouterOptions) {}

  route(event: BotEvent): Alert | null {
    const c = classify(event);
    if (!c) return null;
    const now = this.opts.wallClock();
    const key = `${c.rule}|${c.ticker ?? ''}`;
    const last = this.lastShown.get(key);
    if (c.priority !== 'critical' && last !== undefined && now - last < COALESCE_MS) return null;
    this.lastShown.set(key, now);
    const alert: Alert = {
      id: `A${++this.seq}-${event.id}`,
      rule: c.rule,
      priority: c.priority,
      title: TITLES[c.rule],
      message: event.message,
      channels: ALERT_CHANNELS[c.rule],
      time: event.createdAt,
      ticker: c.ticker,
    };
    this.opts.publish(alert);
    if (alert.channels.push && this.opts.notifier) void this.push(alert);
    return alert;
  }

  private async push(alert: Alert): Promise<void> {
    const r = await this.opts.notifier!.notify({
      title: `Axion · ${alert.title}`,
      message: alert.message,
      priority: alert.priority,
      tab: ALERT_TABS[alert.rule],
    });
    if (!r.ok && !this.reportedErrors.has(r.error)) {
      this.reportedErrors.add(r.error);
      this.opts.pushFailed(r.error);
    }
  }
}
