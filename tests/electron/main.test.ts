import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf, COMMAND_NAMES } from '../../src-shared/ipc-contract';
import { closeControllers, eventsOf, realController, tempDataDir } from './controller-fixture';
import { fake, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

/** Imports the composition root afresh (it runs on import, as Electron runs it). */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
  fake().app.fireReady();
}

const started = () => vi.waitFor(() => expect(fake().shortcuts.size).toBe(1));

/** Calls a command the way the renderer's top frame would. */
async function fromRenderer(name: string, payload: unknown = {}) {
  const window = fake().windows[0]!;
  const handler = fake().ipcMain.handlers.get(channelOf(name as never))!;
  return handler(
    { sender: window.webContents, senderFrame: { url: `file://${window.loadedFile}`, parent: null } },
    payload,
  );
}

beforeEach(() => {
  resetFake();
  fake().app.userData = tempDataDir();
});

afterEach(async () => {
  // A test that failed half-way must not leave the controller (and its database) open.
  if (!fake().app.quitted && fake().app.listeners.has('before-quit')) {
    fake().app.quit();
    await vi.waitFor(() => expect(fake().app.quitted).toBe(true));
  }
  vi.restoreAllMocks();
  await closeControllers();
});

describe('electron main', () => {
  it('quits at once when another instance holds the single-instance lock', async () => {
    fake().app.gotLock = false;

    await launch();

    expect(fake().app.quitted).toBe(true);
    expect(fake().windows).toHaveLength(0);
    expect(existsSync(join(fake().app.userData, 'axion.db'))).toBe(false);
  });

  it('on ready opens the store in userData and wires the window, the IPC bridge, the tray and the hotkey', async () => {
    await launch();
    await started();

    expect(existsSync(join(fake().app.userData, 'axion.db'))).toBe(true);
    const [window] = fake().windows;
    expect(window?.loadedFile).toMatch(/renderer[\\/]index\.html$/);
    expect((window?.options.webPreferences as { preload: string }).preload).toMatch(/preload[\\/]preload\.cjs$/);
    expect([...fake().ipcMain.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(channelOf).sort());
    expect(fake().trays).toHaveLength(1);
    expect([...fake().shortcuts.keys()]).toEqual(['CommandOrControl+Shift+K']);
    expect(fake().applicationMenu).not.toBeNull();
  });

  it('the global hotkey kills the bot with the window hidden', async () => {
    await launch();
    await started();
    await fromRenderer('start');
    fake().windows[0]!.userClose();

    fake().shortcuts.get('CommandOrControl+Shift+K')!();

    await vi.waitFor(async () =>
      expect(await fromRenderer('getState')).toMatchObject({ ok: true, value: { status: 'killed' } }),
    );
  });

  it('closing the window hides it and the bot keeps running', async () => {
    await launch();
    await started();
    await fromRenderer('start');

    const close = fake().windows[0]!.userClose();

    expect(close.defaultPrevented).toBe(true);
    expect(fake().app.quitted).toBe(false);
    expect(await fromRenderer('getState')).toMatchObject({ ok: true, value: { status: 'paper' } });
  });

  it('Quit from the tray shuts the controller down before the app exits', async () => {
    await launch();
    await started();
    await fromRenderer('start');

    fake().trays[0]!.item('Quit').click!();

    expect(fake().app.quitted).toBe(false); // held until the controller has shut down
    await vi.waitFor(() => expect(fake().app.quitted).toBe(true));
    expect(fake().ipcMain.handlers.size).toBe(0);
    expect(fake().trays[0]!.destroyed).toBe(true);
    expect(fake().shortcuts.size).toBe(0);
    expect(fake().windows[0]!.userClose().defaultPrevented).toBe(false);
    // The session was closed cleanly: a restart finds nothing left open.
    const reopened = realController(fake().app.userData);
    const messages = (await eventsOf(reopened)).map((e) => e.message);
    expect(messages).toContainEqual(expect.stringMatching(/Session .* closed \(stopped\)/));
    expect(messages).not.toContainEqual(expect.stringContaining('was not closed'));
  });

  it('shows an error box and exits 1 when the controller cannot open its data folder', async () => {
    const blocker = join(tempDataDir(), 'not-a-folder');
    writeFileSync(blocker, '');
    fake().app.userData = join(blocker, 'data');

    await launch();

    await vi.waitFor(() => expect(fake().app.exited).toBe(1));
    expect(fake().errorBoxes).toEqual([expect.objectContaining({ title: 'Axion cannot start' })]);
  });
});
