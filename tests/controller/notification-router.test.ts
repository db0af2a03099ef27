import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/alerts';
import type { BotEvent } from '../../src-shared/events';
import type { DesktopNotification, DesktopNotifier } from '../../src-main/engine/ports';
import {
  ALERT_CHANNELS,
  COALESCE_MS,
  NotificationRouter,
  classify,
} from '../../src-main/controller/notification-router';

let nextId = 1;
const event = (e: Partial<BotEvent>): BotEvent => ({
  id: nextId++,
  sessionId: 'S1',
  eventType: 'alert',
  severity: 'info',
  message: 'm',
  metadata: null,
  createdAt: 1_000,
  ...e,
});

/** A notifier that records what it was asked to show, and can be told to fail. */
class RecordingNotifier implements DesktopNotifier {
  readonly name = 'recording';
  readonly shown: DesktopNotification[] = [];
  failWith: string | null = null;
  async notify(n: DesktopNotification) {
    this.shown.push(n);
    return this.failWith ? { ok: false as const, error: this.failWith } : { ok: true as const };
  }
}

function router() {
  const published: Alert[] = [];
  const failures: string[] = [];
  const notifier = new RecordingNotifier();
  const time = { now: 0 };
  const r = new NotificationRouter({
    publish: (a) => published.push(a),
    notifier,
    wallClock: () => time.now,
    pushFailed: (e) => failures.push(e),
  });
  return { r, published, failures, notifier, time };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('notification router (PRD table, DESIGN §6)', () => {
  it('maps each PRD event to its rule and priority', () => {
    expect(classify(event({ eventType: 'kill', severity: 'critical' }))).toMatchObject({
      rule: 'kill_switch',
      priority: 'critical',
    });
    expect(classify(event({ eventType: 'kill', severity: 'warning' }))).toBeNull();
    expect(
      classify(
        event({ eventType: 'fill', metadata: { purpose: 'entry', status: 'filled', fill: { symbol: 'NVDA' } } }),
      ),
    ).toMatchObject({ rule: 'trade_executed', priority: 'info', ticker: 'NVDA' });
    expect(classify(event({ eventType: 'fill', metadata: { purpose: 'exit', status: 'filled' } }))).toBeNull();
    expect(
      classify(
        event({ eventType: 'order', metadata: { status: 'intent', order: { purpose: 'stop', symbol: 'TSLA' } } }),
      ),
    ).toMatchObject({ rule: 'stop_loss', priority: 'warning', ticker: 'TSLA' });
    expect(classify(event({ severity: 'warning', metadata: { rule: 'daily_loss_warning' } }))).toMatchObject({
      rule: 'daily_loss_warning',
      priority: 'warning',
    });
    expect(classify(event({ eventType: 'error', severity: 'critical' }))).toMatchObject({ rule: 'broker_disconnect' });
    expect(classify(event({ metadata: { rule: 'high_conviction_signal', ticker: 'META' } }))).toMatchObject({
      rule: 'high_conviction_signal',
      priority: 'info',
    });
    expect(classify(event({ metadata: { rule: 'new_daily_high' } }))).toMatchObject({ rule: 'new_daily_high' });
    expect(classify(event({ severity: 'warning', metadata: { rule: 'consecutive_losses' } }))).toMatchObject({
      rule: 'consecutive_losses',
    });
    expect(
      classify(event({ severity: 'critical', metadata: { kind: 'reduction_rejected', symbol: 'SPY' } })),
    ).toMatchObject({
      rule: 'order_rejected',
      priority: 'critical',
    });
    expect(classify(event({ eventType: 'signal' }))).toBeNull();
  });

  it('uses the PRD channels: push for stops, kills, loss warnings, disconnects and streaks; sound for the kill', () => {
    expect(ALERT_CHANNELS.trade_executed).toEqual({ dashboard: true, log: true, push: false, sound: false });
    expect(ALERT_CHANNELS.stop_loss.push).toBe(true);
    expect(ALERT_CHANNELS.kill_switch).toEqual({ dashboard: true, log: true, push: true, sound: true });
    expect(ALERT_CHANNELS.daily_loss_warning.push).toBe(true);
    expect(ALERT_CHANNELS.broker_disconnect.push).toBe(true);
    expect(ALERT_CHANNELS.high_conviction_signal.push).toBe(false);
    expect(ALERT_CHANNELS.new_daily_high.push).toBe(false);
    expect(ALERT_CHANNELS.consecutive_losses.push).toBe(true);
  });

  it('pushes an OS notification only for push-channel alerts', async () => {
    const h = router();
    h.r.route(event({ metadata: { rule: 'new_daily_high' } }));
    h.r.route(event({ eventType: 'kill', severity: 'critical', message: 'KILL SWITCH ACTIVATED' }));
    await flush();
    expect(h.published.map((a) => a.rule)).toEqual(['new_daily_high', 'kill_switch']);
    expect(h.notifier.shown).toEqual([
      {
        title: 'Axion · Kill switch activated',
        message: 'KILL SWITCH ACTIVATED',
        priority: 'critical',
        tab: 'command-center',
      },
    ]);
  });

  it('names the tab a click on each notification opens', async () => {
    const h = router();
    h.r.route(
      event({ eventType: 'order', metadata: { status: 'intent', order: { purpose: 'stop', symbol: 'NVDA' } } }),
    );
    h.r.route(event({ eventType: 'alert', severity: 'critical', metadata: { rule: 'reconciliation' } }));
    await flush();
    expect(h.notifier.shown.map((n) => [n.title, n.tab])).toEqual([
      ['Axion · Stop loss triggered', 'positions'],
      ['Axion · Broker and bot disagree', 'configuration'],
    ]);
  });

  it('coalesces one rule and ticker to one alert per 30 s, but always shows critical ones', () => {
    const h = router();
    const stop = () =>
      event({ eventType: 'order', metadata: { status: 'intent', order: { purpose: 'stop', symbol: 'TSLA' } } });
    h.r.route(stop());
    h.time.now = COALESCE_MS - 1;
    h.r.route(stop());
    h.r.route(
      event({ eventType: 'order', metadata: { status: 'intent', order: { purpose: 'stop', symbol: 'AAPL' } } }),
    );
    h.time.now = COALESCE_MS;
    h.r.route(stop());
    h.r.route(event({ eventType: 'kill', severity: 'critical' }));
    h.r.route(event({ eventType: 'kill', severity: 'critical' }));
    expect(h.published.map((a) => `${a.rule}:${a.ticker}`)).toEqual([
      'stop_loss:TSLA',
      'stop_loss:AAPL',
      'stop_loss:TSLA',
      'kill_switch:null',
      'kill_switch:null',
    ]);
  });

  it('reports a failing OS notifier once per distinct error and keeps routing', async () => {
    const h = router();
    h.notifier.failWith = 'notify-send must be installed on the system.';
    h.r.route(event({ eventType: 'kill', severity: 'critical' }));
    h.r.route(event({ eventType: 'kill', severity: 'critical' }));
    await flush();
    expect(h.failures).toEqual(['notify-send must be installed on the system.']);
    expect(h.published).toHaveLength(2);
  });
});
