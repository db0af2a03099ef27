import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf, COMMAND_NAMES } from '../../src-shared/ipc-contract';
import { TAB_IDS } from '../../src-shared/tabs';
import { simController, SIM_OPEN } from '../helpers/sim-controller';
import { closeControllers, eventsOf, realController, stateOf, tempDataDir } from './controller-fixture';
import { fake, resetFake, type MenuItemTemplate } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

/** Imports the composition root afresh (it runs on import, as Electron runs it). */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
  fake().app.fireReady();
}

// Generous: the first start of a file opens SQLite and runs migrations on a busy machine.
const started = () => vi.waitFor(() => expect(fake().shortcuts.size).toBe(1), { timeout: 5_000 });

/** Calls a command the way the renderer's top frame would. */
async function fromRenderer(name: string, payload: unknown = {}) {
  const window = fake().windows[0]!;
  const handler = fake().ipcMain.handlers.get(channelOf(name as never))!;
  return handler({ sender: window.webContents, senderFrame: { url: window.loadedUrl, parent: null } }, payload);
}

/**
 * Leaves positions open in `dir` the way a crashed run does: the next controller on the
 * folder restores them (stopped, no session running).
 */
async function seedOpenPositions(dir: string): Promise<number> {
  const run = simController(dir, SIM_OPEN);
  await run.controller.execute('start', { executionMode: 'paper' });
  let open = 0;
  for (let minute = 0; minute < 360 && open === 0; minute++) {
    run.clock.advance(60_000);
    run.feed.pump();
    const state = run.controller.getState();
    open = state.openPositions.length + state.openScalps.length;
  }
  await Promise.resolve();
  // Stopped, not crashed: a crashed session would go on (paused) and its market would move
  // the positions while the test looks at them.
  await run.controller.shutdown();
  return open;
}

const goMenu = (): MenuItemTemplate[] => fake().applicationMenu!.template.find((m) => m.label === 'Go')!.submenu!;

const quitFromTray = () => fake().trays[0]!.item('Quit').click!();

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
    expect(window?.loadedUrl).toBe('app://axion/index.html');
    expect(fake().privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
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
    expect(fake().messageBoxes).toEqual([]); // nothing open: nothing to ask
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

  it('the Go menu shows the window on each tab with Ctrl/Cmd+1…6, through the navigate push', async () => {
    await launch();
    await started();
    const window = fake().windows[0]!;
    window.userClose();

    expect(goMenu().map((i) => [i.label, i.accelerator])).toEqual([
      ['Command Center', 'CommandOrControl+1'],
      ['Positions', 'CommandOrControl+2'],
      ['Signals', 'CommandOrControl+3'],
      ['Cloud Charts', 'CommandOrControl+4'],
      ['Performance', 'CommandOrControl+5'],
      ['Configuration', 'CommandOrControl+6'],
    ]);
    for (const item of goMenu()) item.click!();

    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
    const navigations = window.webContents.sent.filter((m) => m.channel === channelOf('navigate'));
    expect(navigations.map((m) => m.payload)).toEqual(TAB_IDS.map((tab) => ({ tab })));
  });

  it('restores the window where it was left, and saves where it is at quit', async () => {
    const saved = { bounds: { x: 200, y: 100, width: 1300, height: 820 }, maximized: false };
    writeFileSync(join(fake().app.userData, 'window-state.json'), JSON.stringify(saved));

    await launch();
    await started();
    const window = fake().windows[0]!;
    expect(window.options).toMatchObject(saved.bounds);

    window.userMoveTo({ x: 300, width: 1250 });
    quitFromTray();
    await vi.waitFor(() => expect(fake().app.quitted).toBe(true));

    expect(JSON.parse(readFileSync(join(fake().app.userData, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 300, y: 100, width: 1250, height: 820 },
      maximized: false,
    });
  });

  it('with closeToTray off, closing the window quits the app cleanly', async () => {
    writeFileSync(join(fake().app.userData, 'desktop-preferences.json'), JSON.stringify({ closeToTray: false }));
    await launch();
    await started();

    fake().windows[0]!.userClose();

    await vi.waitFor(() => expect(fake().app.quitted).toBe(true));
    expect(fake().trays[0]!.destroyed).toBe(true);
  });

  describe('quitting with positions open (restored from an earlier run)', () => {
    let open: number;

    beforeEach(async () => {
      open = await seedOpenPositions(fake().app.userData);
      expect(open).toBeGreaterThan(0);
      vi.spyOn(console, 'warn').mockImplementation(() => {});
    });

    it('Cancel keeps the app, the bot and the tray running', async () => {
      await launch();
      await started();
      fake().messageBoxResponse = 2;

      quitFromTray();

      await vi.waitFor(() => expect(fake().messageBoxes).toHaveLength(1));
      expect(fake().messageBoxes[0]!.options).toMatchObject({
        message: expect.stringMatching(/positions? (is|are) open/),
        buttons: ['Kill and flatten, then quit', 'Quit and leave positions', 'Cancel'],
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake().app.quitted).toBe(false);
      expect(fake().trays[0]!.destroyed).toBe(false);
      expect(await fromRenderer('getState')).toMatchObject({ ok: true, value: { status: 'stopped' } });

      // Asking again asks again.
      fake().messageBoxResponse = 1;
      quitFromTray();
      await vi.waitFor(() => expect(fake().app.quitted).toBe(true));
      expect(fake().messageBoxes).toHaveLength(2);
    });

    it('Quit and leave positions quits with the positions still open, not killed', async () => {
      await launch();
      await started();
      fake().messageBoxResponse = 1;

      fake().app.quit(); // the app menu's Quit, Cmd+Q

      await vi.waitFor(() => expect(fake().app.quitted).toBe(true));
      const reopened = realController(fake().app.userData);
      const state = await stateOf(reopened);
      expect(state.openPositions.length + state.openScalps.length).toBe(open);
      expect(state.killSwitchActive).toBe(false);
    });

    it('Kill and flatten, then quit kills with flatten-all before the app exits', async () => {
      await launch();
      await started();
      fake().messageBoxResponse = 0;

      quitFromTray();

      await vi.waitFor(() => expect(fake().app.quitted).toBe(true));
      const reopened = realController(fake().app.userData);
      const [kill] = await eventsOf(reopened, { eventType: 'kill' });
      expect(kill?.metadata).toMatchObject({ flattenAll: true });
      expect((await stateOf(reopened)).status).toBe('killed');
    });
  });
});
