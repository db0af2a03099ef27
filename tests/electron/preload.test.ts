import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerIpcBridge } from '../../electron/ipc-bridge';
import { rendererLocation } from '../../electron/url-policy';
import { COMMAND_NAMES, PUSH_NAMES, channelOf, type BotApi, type PushName } from '../../src-shared/ipc-contract';
import { closeControllers, realController } from './controller-fixture';
import { FakeBrowserWindow, FakeIpcMain, fake, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let api: BotApi;

beforeAll(async () => {
  resetFake();
  await import('../../electron/preload');
  api = fake().exposed.get('axion') as BotApi;
});

afterEach(async () => {
  fake().ipcRenderer.invoked.length = 0;
  fake().ipcRenderer.respond = () => Promise.resolve(undefined);
  await closeControllers();
});

describe('preload', () => {
  it('exposes one object, window.axion, of functions only: one per command plus onPush', () => {
    expect([...fake().exposed.keys()]).toEqual(['axion']);
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, 'onPush'].sort());
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
    expect(Object.values(api)).not.toContain(fake().ipcRenderer);
  });

  it('invokes each command on its own channel with the request as the only argument', async () => {
    for (const name of COMMAND_NAMES) {
      const call = api[name] as (request: unknown) => Promise<unknown>;
      await call({ probe: name });
    }

    expect(fake().ipcRenderer.invoked).toEqual(
      COMMAND_NAMES.map((name) => ({ channel: channelOf(name), args: [{ probe: name }] })),
    );
  });

  it('refuses push names outside the contract', () => {
    const onPush = api.onPush as (name: string, listener: () => void) => () => void;

    expect(() => onPush('ipc', () => {})).toThrow(/unknown push/i);
    expect(() => onPush('__proto__', () => {})).toThrow(/unknown push/i);
    expect(fake().ipcRenderer.listeners.size).toBe(0);
  });

  it.each(PUSH_NAMES)('hands %s pushes to the listener without the IPC event, until unsubscribed', (name: PushName) => {
    const received: unknown[][] = [];
    const unsubscribe = api.onPush(name, (...args: unknown[]) => received.push(args));

    fake().ipcRenderer.emit(channelOf(name), { sender: fake().ipcRenderer }, { n: 1 });
    unsubscribe();
    fake().ipcRenderer.emit(channelOf(name), { sender: fake().ipcRenderer }, { n: 2 });

    expect(received).toEqual([[{ n: 1 }]]);
  });

  it('reaches the real controller through the bridge, as the renderer would', async () => {
    const controller = realController();
    const window = new FakeBrowserWindow({});
    const ipcMain = new FakeIpcMain();
    const renderer = rendererLocation('/opt/axion/out/renderer');
    const dispose = registerIpcBridge({ ipcMain, controller, window, rendererUrl: renderer.url });
    const frame = { url: renderer.url, parent: null };
    fake().ipcRenderer.respond = (channel, payload) =>
      ipcMain.handlers.get(channel)!({ sender: window.webContents, senderFrame: frame }, payload);

    const started = await api.start();
    const killed = await api.kill();
    dispose();

    expect(started).toMatchObject({ ok: true, value: { status: 'paper' } });
    expect(killed).toMatchObject({ ok: true, value: { status: 'killed' } });
  });

  const built = resolve(__dirname, '../../out/preload/preload.cjs');
  it.skipIf(!existsSync(built))('builds to a sandbox-safe bundle that requires nothing but electron', () => {
    const requires = [...readFileSync(built, 'utf8').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});
