import { describe, expect, it } from 'vitest';
import { BotController, KILL_STATE_KEY, type KillRecord } from '../../src-main/controller/bot-controller';
import type { PushMessage } from '../../src-main/controller/command-surface';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { defaultConfig, type BotConfig } from '../../src-shared/config-schema';
import type { CommandName, CommandRequest, CommandValues } from '../../src-shared/ipc-contract';
import { commandSchemas } from '../../src-shared/ipc-contract';
import type { MarketClock } from '../../src-shared/market';
import type { Store } from '../../src-main/store';
import { makeBar, RecordingFeed } from '../helpers/recording-feed';
import { ManualTimers } from '../helpers/manual-timers';
import { tempDir, tempStore } from '../store/temp-store';

const OPEN = Date.UTC(2026, 10, 24, 14, 30);

/** A controller over a real store file, a recording feed, the paper broker and hand-driven time. */
function harness(opts: { store?: Store; config?: BotConfig } = {}) {
  const store = opts.store ?? tempStore();
  const feed = new RecordingFeed();
  const timers = new ManualTimers();
  const time = { market: OPEN, wall: 1_000_000 };
  const describeClock = (now: number): MarketClock => ({
    now,
    phase: 'open',
    sessionDate: '2026-11-24',
    nextOpen: null,
    nextClose: OPEN + 390 * 60_000,
    speed: 0,
  });
  const controller = new BotController({
    store,
    config: opts.config ?? defaultConfig(),
    clock: { now: () => time.market },
    wallClock: () => time.wall,
    feed,
    broker: new PaperBroker({ startingEquity: 50_000 }),
    describeClock,
    timers,
  });
  const pushes: PushMessage[] = [];
  controller.subscribe((m) => pushes.push(m));
  const run = async <K extends CommandName>(name: K, request?: CommandRequest<K>) =>
    controller.execute(name, commandSchemas[name].parse(request) as never) as Promise<
      Awaited<ReturnType<typeof controller.execute<K>>>
    >;
  const value = async <K extends CommandName>(name: K, request?: CommandRequest<K>): Promise<CommandValues[K]> => {
    const r = await run(name, request);
    if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
    return r.value;
  };
  return { store, feed, timers, time, controller, pushes, run, value };
}

describe('BotController', () => {
  it('starts into paper, opens a session row and connects the feed', async () => {
    const h = harness();
    const state = await h.value('start');
    expect(state.status).toBe('paper');
    expect(state.executionMode).toBe('paper');
    expect(state.sessionId).toMatch(/^S20261124-/);
    const row = h.store.sessions.get(state.sessionId!);
    expect(row).toMatchObject({ status: 'paper', startingEquity: 50_000, endedAt: null });
    expect(h.feed.connects).toEqual([defaultConfig().universe.tickers]);
    const sessionEvents = h.store.eventLog.query({ eventType: 'session' }).map((e) => e.message);
    expect(sessionEvents).toContainEqual(expect.stringMatching(/started in paper mode/));
    expect(sessionEvents).toContainEqual(expect.stringMatching(/^Scan list for 2026-11-24: 10 tickers/));
  });

  it('refuses to start live and changes nothing', async () => {
    const h = harness();
    const r = await h.run('start', { executionMode: 'live' });
    expect(r.ok).toBe(false);
    expect(h.controller.getState().status).toBe('stopped');
    expect(h.store.sessions.latest()).toBeNull();
    expect(h.feed.connects).toHaveLength(0);
  });

  it('pauses without new entries and resumes into the execution mode', async () => {
    const h = harness();
    await h.value('start');
    expect((await h.value('pause')).status).toBe('paused');
    expect(h.controller.entriesAllowed()).toBe(false);
    expect((await h.run('pause')).ok).toBe(false);
    expect((await h.value('resume')).status).toBe('paper');
    expect(h.controller.entriesAllowed()).toBe(true);
  });

  it('persists the kill before kill() returns and records it as a critical event', async () => {
    const h = harness();
    await h.value('start');
    const state = await h.value('kill');
    expect(state.status).toBe('killed');
    expect(state.killSwitchActive).toBe(true);
    expect(h.controller.entriesAllowed()).toBe(false);
    expect(h.store.appState.get<KillRecord>(KILL_STATE_KEY)?.active).toBe(true);
    const kills = h.store.eventLog.query({ eventType: 'kill' });
    expect(kills).toHaveLength(1);
    expect(kills[0]).toMatchObject({ severity: 'critical', sessionId: state.sessionId });
    expect(h.store.sessions.get(state.sessionId!)?.status).toBe('killed');
  });

  it('names a refused override by action and ticker for the trader, and records the command and id', async () => {
    const h = harness();
    await h.value('start');
    const r = await h.run('adjustStop', { positionId: 'pos-404', stopPrice: 10 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/^Moving the stop of pos-404 refused: /) },
    });
    const close = await h.run('closePosition', { positionId: 'pos-404' });
    expect(close).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Closing pos-404 refused: /) } });
    const events = h.store.eventLog.query({ eventType: 'command' }).filter((e) => e.metadata?.refused === true);
    expect(events.map((e) => e.metadata?.positionId)).toEqual(['pos-404', 'pos-404']);
    expect(events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^adjustStop pos-404 refused: /),
        expect.stringMatching(/^closePosition pos-404 refused: /),
      ]),
    );
  });

  it('treats a second kill as a no-op that is still recorded', async () => {
    const h = harness();
    await h.value('start');
    await h.value('kill');
    await h.value('kill');
    expect(h.store.eventLog.query({ eventType: 'kill' })).toHaveLength(1);
    expect(h.store.eventLog.query({ eventType: 'command' })[0]?.message).toMatch(/already active/);
  });

  it('comes back killed after a restart, refuses to start, and resets only with a reason', async () => {
    const dir = tempDir();
    const first = harness({ store: tempStore(dir) });
    await first.value('start');
    await first.value('kill');
    await first.controller.shutdown();

    const second = harness({ store: tempStore(dir) });
    expect(second.controller.getState().status).toBe('killed');
    expect((await second.run('start')).ok).toBe(false);
    expect((await second.run('resetKill', { reason: 'checked the broker' })).ok).toBe(true);
    expect(second.controller.getState().status).toBe('stopped');
    expect(second.store.appState.get<KillRecord>(KILL_STATE_KEY)?.active).toBe(false);
    expect((await second.value('start')).status).toBe('paper');
  });

  it('after a crash goes on with the session left open, paused, managing exits, and says why', async () => {
    const dir = tempDir();
    const first = harness({ store: tempStore(dir) });
    const { sessionId } = await first.value('start');
    // No shutdown: the process "died" here.
    const second = harness({ store: tempStore(dir) });
    await Promise.resolve();
    const state = second.controller.getState();
    expect(state).toMatchObject({ status: 'paused', sessionId, executionMode: 'paper' });
    expect(state.statusReason).toMatch(/ended unexpectedly/);
    expect(second.store.sessions.get(sessionId!)).toMatchObject({ endedAt: null, status: 'paused' });
    expect(second.store.eventLog.query({ eventType: 'session', text: 'restored after' })).toHaveLength(1);
    // The feed is back, so open positions keep being managed; entries wait for Resume.
    expect(second.feed.connects).toHaveLength(1);
    expect((await second.value('resume')).status).toBe('paper');
  });

  it('stops into stopped, closing the session with its ending equity', async () => {
    const h = harness();
    const { sessionId } = await h.value('start');
    h.time.market += 60_000;
    expect((await h.value('stop')).status).toBe('stopped');
    expect(h.store.sessions.get(sessionId!)).toMatchObject({
      status: 'stopped',
      endedAt: OPEN + 60_000,
      endingEquity: 50_000,
    });
    expect(h.feed.disconnects).toBe(1);
  });

  it('marks the feed connected on bars and records a disconnect as a critical error', async () => {
    const h = harness();
    await h.value('start');
    h.feed.bar(makeBar({ time: OPEN }));
    expect(h.controller.getState().dataFeedStatus).toBe('connected');
    expect(h.controller.getDashboardData().intradayPnl).toEqual([{ time: OPEN, pnl: 0 }]);
    h.feed.status('disconnected', 'socket closed');
    const state = h.controller.getState();
    expect(state.dataFeedStatus).toBe('disconnected');
    expect(state.errors[0]).toMatch(/socket closed/);
    expect(h.store.eventLog.query({ eventType: 'error' })[0]?.severity).toBe('critical');
  });

  it('raises a fatal feed error as a critical alert that says the feed will not reconnect', async () => {
    const h = harness();
    await h.value('start');
    const alerts: unknown[] = [];
    h.controller.subscribe((m) => m.push === 'alert' && alerts.push(m.payload));
    h.feed.error('subscription refused (409 insufficient subscription)', true);
    const event = h.store.eventLog.query({ eventType: 'error' })[0];
    expect(event).toMatchObject({ severity: 'critical' });
    expect(event?.message).toMatch(/409 insufficient subscription.*will not reconnect/);
    expect(alerts).toContainEqual(expect.objectContaining({ rule: 'broker_disconnect', priority: 'critical' }));
    h.feed.error('server error 500', false);
    expect(h.store.eventLog.query({ eventType: 'error' })[0]?.severity).toBe('warning');
  });

  it('reports the feed as delayed when no bar arrived within the stale-data window', async () => {
    const h = harness();
    await h.value('start');
    h.feed.bar(makeBar({ time: OPEN }));
    h.time.market = OPEN + 60_000 + 120_000;
    h.time.wall += 120_000;
    expect(h.controller.getState().dataFeedStatus).toBe('connected');
    h.time.market += 1000;
    h.time.wall += 1000;
    expect(h.controller.getState().dataFeedStatus).toBe('delayed');
  });

  it('does not call a sped-up simulated feed stale between its bursts of bars', async () => {
    const h = harness();
    await h.value('start');
    h.feed.bar(makeBar({ time: OPEN }));
    h.time.market = OPEN + 60_000 + 10 * 60_000; // ten simulated minutes…
    h.time.wall += 100; // …in a tenth of a real second
    expect(h.controller.getState().dataFeedStatus).toBe('connected');
    h.time.wall += 2000;
    expect(h.controller.getState().dataFeedStatus).toBe('delayed');
  });

  it('rejects an invalid config patch with field paths and applies nothing', async () => {
    const h = harness();
    const r = await h.run('updateConfig', {
      patch: { risk: { maxOpenPositions: 0 }, clouds: { fast: { short: 20, long: 10 } } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_config');
    expect(r.error.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['risk.maxOpenPositions', 'clouds.fast']),
    );
    expect(h.controller.getConfig().risk.maxOpenPositions).toBe(8);
  });

  it('applies a valid config patch mid-session at the next bar and records the diff', async () => {
    const h = harness();
    await h.value('start');
    h.feed.bar(makeBar({ time: OPEN }));
    const r = await h.value('updateConfig', { patch: { risk: { maxOpenPositions: 5 } } });
    expect(r.diff).toEqual([{ path: 'risk.maxOpenPositions', from: 8, to: 5 }]);
    expect(h.controller.getConfig().risk.maxOpenPositions).toBe(8);
    h.feed.bar(makeBar({ time: OPEN + 60_000 }));
    expect(h.controller.getConfig().risk.maxOpenPositions).toBe(5);
    expect(h.store.eventLog.query({ eventType: 'config_change' })[0]?.metadata).toEqual({ diff: r.diff });
  });

  it('changes the instrument mode for new signals and records it', async () => {
    const h = harness();
    const state = await h.value('setInstrumentMode', { mode: 'options' });
    expect(state.instrumentMode).toBe('options');
    expect(h.store.eventLog.query({ eventType: 'mode_change' })[0]?.metadata).toEqual({ from: 'both', to: 'options' });
  });

  it('pushes each stored event and a leading-edge dashboard snapshot', async () => {
    const h = harness();
    await h.value('start');
    const events = h.pushes.filter((p) => p.push === 'event');
    expect(events.length).toBeGreaterThan(0);
    const stored = h.store.eventLog.query({ limit: events.length });
    expect(events.map((e) => e.payload)).toEqual([...stored].reverse());
    const dashboards = h.pushes.filter((p) => p.push === 'dashboard');
    expect(dashboards).toHaveLength(1);
    // More changes inside the window merge into one push at its end.
    h.feed.bar(makeBar({ time: OPEN }));
    h.feed.bar(makeBar({ time: OPEN + 60_000 }));
    expect(h.pushes.filter((p) => p.push === 'dashboard')).toHaveLength(1);
    h.timers.advance(250);
    expect(h.pushes.filter((p) => p.push === 'dashboard')).toHaveLength(2);
  });

  it('writes a burst of bars in one transaction, committed when the burst ends', async () => {
    const store = tempStore();
    const calls: string[] = [];
    const tx = store.transaction;
    store.transaction = {
      begin: () => (calls.push('begin'), tx.begin()),
      commit: () => (calls.push('commit'), tx.commit()),
    };
    const h = harness({ store });
    await h.value('start');
    calls.length = 0;
    for (let i = 0; i < 3; i++) h.feed.bar(makeBar({ time: OPEN + i * 60_000 }));
    expect(store.database.sqlite.inTransaction).toBe(true);
    expect(calls).toEqual(['begin']);
    await Promise.resolve();
    expect(calls).toEqual(['begin', 'commit']);
    expect(store.database.sqlite.inTransaction).toBe(false);
  });

  it('keeps running when a push listener throws, and notes the error', async () => {
    const h = harness();
    h.controller.subscribe(() => {
      throw new Error('renderer gone');
    });
    expect((await h.value('start')).status).toBe('paper');
    expect(h.controller.getState().errors.some((e) => e.includes('renderer gone'))).toBe(true);
  });
});
