import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControllerHandle } from '../../src-main/controller/command-surface';
import { COMMAND_NAMES, PUSH_NAMES, channelOf, type CommandName } from '../../src-shared/ipc-contract';
import { registerIpcBridge } from '../../electron/ipc-bridge';
import { rendererLocation } from '../../electron/url-policy';
import { closeControllers, eventsOf, realController, stateOf } from './controller-fixture';
import { FakeBrowserWindow, FakeIpcMain, FakeWebContents, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const renderer = rendererLocation('/opt/axion/out/renderer');

/** A request for every command that would change something if it got through. */
const REQUESTS: Record<CommandName, unknown> = {
  start: { executionMode: 'paper' },
  stop: {},
  pause: {},
  resume: {},
  kill: { closeDayTrades: true },
  resetKill: { reason: 'testing the bridge' },
  setInstrumentMode: { mode: 'leveraged_etf' },
  updateConfig: { patch: { risk: { maxOpenPositions: 3 } } },
  getState: {},
  getDashboardData: {},
  getConfig: {},
  queryEvents: { limit: 10 },
  getChartData: { ticker: 'SPY', timeframe: '5m' },
  getSignals: {},
  getPerformance: {},
  closePosition: { positionId: 'P-1' },
  adjustStop: { positionId: 'P-1', stopPrice: 100 },
  addToPosition: { positionId: 'P-1', quantity: 1 },
  requestLiveMode: {},
  confirmLiveMode: { challenge: 'GO LIVE 1234' },
  setPaperMode: {},
  setBrokerCredentials: { account: 'paper', keyId: 'PKTEST1234', secretKey: 'secret-secret' },
  clearBrokerCredentials: { account: 'paper' },
  acknowledgeReconciliation: { reason: 'checked by hand' },
};

let controller: ControllerHandle;
let ipcMain: FakeIpcMain;
let window: FakeBrowserWindow;
let dispose: () => void;

beforeEach(() => {
  resetFake();
  controller = realController();
  ipcMain = new FakeIpcMain();
  window = new FakeBrowserWindow({});
  dispose = registerIpcBridge({ ipcMain, controller, window, rendererUrl: renderer.url });
});

afterEach(async () => {
  dispose();
  await closeControllers();
});

/** What Electron hands a handler when our window's top frame calls. */
const fromOurWindow = () => ({
  sender: window.webContents,
  senderFrame: { url: `${renderer.url}#/dashboard`, parent: null },
});

async function invoke(name: CommandName, payload: unknown, event: unknown = fromOurWindow()) {
  const handler = ipcMain.handlers.get(channelOf(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return (await handler(event, payload)) as { ok: boolean; value?: unknown; error?: { code: string } };
}

describe('registerIpcBridge', () => {
  it('registers exactly one handler per command, each on its axion: channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(channelOf).sort());
    expect(ipcMain.handlers.size).toBe(COMMAND_NAMES.length);
  });

  it('removes every handler and stops forwarding pushes when disposed', async () => {
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    await controller.execute('start', { executionMode: 'paper' });
    expect(window.webContents.sent).toEqual([]);
    dispose = () => {};
  });

  const strangers: Array<[string, () => unknown]> = [
    ['another webContents', () => ({ sender: new FakeWebContents(), senderFrame: fromOurWindow().senderFrame })],
    ['a sender without a frame', () => ({ sender: window.webContents, senderFrame: null })],
    [
      'a remote page',
      () => ({ sender: window.webContents, senderFrame: { url: 'https://evil.example/index.html', parent: null } }),
    ],
    [
      'the same page over file://',
      () => ({
        sender: window.webContents,
        senderFrame: { url: 'file:///opt/axion/out/renderer/index.html', parent: null },
      }),
    ],
    [
      'another app:// host',
      () => ({ sender: window.webContents, senderFrame: { url: 'app://evil/index.html', parent: null } }),
    ],
    [
      'another local file',
      () => ({ sender: window.webContents, senderFrame: { url: 'file:///tmp/evil.html', parent: null } }),
    ],
    ['a sub-frame of our page', () => ({ ...fromOurWindow(), senderFrame: { url: renderer.url, parent: {} } })],
    [
      'a frame that was disposed',
      () => ({
        sender: window.webContents,
        get senderFrame(): never {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      }),
    ],
  ];

  it.each(strangers)('refuses every command from %s with unauthorized and changes nothing', async (_label, event) => {
    const before = { state: await stateOf(controller), events: (await eventsOf(controller)).length };

    for (const name of COMMAND_NAMES) {
      const result = await invoke(name, REQUESTS[name], event());
      expect(result, name).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }

    const after = await stateOf(controller);
    expect(after.status).toBe('stopped');
    expect(after.killSwitchActive).toBe(false);
    expect(after.instrumentMode).toBe(before.state.instrumentMode);
    expect((await eventsOf(controller)).length).toBe(before.events);
  });

  it('refuses calls once the window is destroyed', async () => {
    window.destroyed = true;
    expect(await invoke('kill', REQUESTS.kill)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await stateOf(controller)).status).toBe('stopped');
  });

  it('answers a bad payload with invalid_payload and changes nothing', async () => {
    const eventsBefore = (await eventsOf(controller)).length;

    const bad: Array<[CommandName, unknown]> = [
      ['start', { executionMode: 'yolo' }],
      ['start', { executionMode: 'paper', extra: 1 }],
      ['kill', { closeDayTrades: 'yes' }],
      ['resetKill', {}],
      ['setInstrumentMode', { mode: 'crypto' }],
      ['updateConfig', { patch: 'risk.maxOpenPositions=3' }],
      ['queryEvents', { limit: 1_000_000 }],
    ];
    for (const [name, payload] of bad) {
      expect(await invoke(name, payload), name).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }

    expect((await stateOf(controller)).status).toBe('stopped');
    expect((await eventsOf(controller)).length).toBe(eventsBefore);
  });

  it('moves the real controller to killed on start then kill, and stores the kill', async () => {
    expect(await invoke('start', {})).toMatchObject({ ok: true, value: { status: 'paper' } });

    const killed = await invoke('kill', { closeDayTrades: true });

    expect(killed).toMatchObject({ ok: true, value: { status: 'killed', killSwitchActive: true } });
    const stored = await invoke('queryEvents', { eventType: 'kill' });
    expect(stored.ok).toBe(true);
    expect(stored.value).toEqual([
      expect.objectContaining({
        eventType: 'kill',
        severity: 'critical',
        message: expect.stringContaining('KILL SWITCH'),
      }),
    ]);
  });

  it('forwards controller pushes to the window on their axion: channels', async () => {
    const emitted: string[] = [];
    const unsubscribe = controller.subscribe((m) => emitted.push(channelOf(m.push)));
    await invoke('start', {});
    unsubscribe();

    expect(window.webContents.sent.map((m) => m.channel)).toEqual(emitted);
    expect(new Set(emitted)).toEqual(new Set([channelOf('dashboard'), channelOf('event')]));
    expect(emitted.every((c) => PUSH_NAMES.map(channelOf).includes(c))).toBe(true);
    const events = window.webContents.sent.filter((m) => m.channel === channelOf('event')).map((m) => m.payload);
    expect(events).toContainEqual(
      expect.objectContaining({ eventType: 'session', message: expect.stringContaining('started') }),
    );
    const dashboard = window.webContents.sent.find((m) => m.channel === channelOf('dashboard'));
    expect(dashboard?.payload).toMatchObject({ state: { status: 'paper' } });
  });

  it('sends nothing to a destroyed window and keeps the controller running', async () => {
    window.webContents.destroyed = true;

    const result = await controller.execute('start', { executionMode: 'paper' });

    expect(result.ok).toBe(true);
    expect(window.webContents.sent).toEqual([]);
  });
});
