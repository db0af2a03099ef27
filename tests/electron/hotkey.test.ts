import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControllerHandle } from '../../src-main/controller/command-surface';
import { DEFAULT_KILL_HOTKEY, registerKillHotkey } from '../../electron/hotkey';
import { closeControllers, eventsOf, realController, stateOf } from './controller-fixture';
import { fake, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let controller: ControllerHandle;

beforeEach(() => {
  resetFake();
  controller = realController();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await closeControllers();
});

describe('registerKillHotkey', () => {
  it('registers CommandOrControl+Shift+K by default, and pressing it kills the real controller', async () => {
    const hotkey = registerKillHotkey(controller);

    expect(hotkey).toMatchObject({ accelerator: 'CommandOrControl+Shift+K', registered: true });
    expect([...fake().shortcuts.keys()]).toEqual([DEFAULT_KILL_HOTKEY]);

    fake().shortcuts.get(DEFAULT_KILL_HOTKEY)!();

    await vi.waitFor(async () => expect((await stateOf(controller)).status).toBe('killed'));
    expect(await eventsOf(controller, { eventType: 'kill' })).toHaveLength(1);
  });

  it('uses the configured accelerator and releases it on dispose', () => {
    const hotkey = registerKillHotkey(controller, 'Alt+F12');
    expect([...fake().shortcuts.keys()]).toEqual(['Alt+F12']);

    hotkey.dispose();

    expect(fake().shortcuts.size).toBe(0);
  });

  it('reports a shortcut the OS refuses, and says to use the tray instead', () => {
    fake().shortcutAvailable = false;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const hotkey = registerKillHotkey(controller);

    expect(hotkey.registered).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('KILL SWITCH'));
    hotkey.dispose();
  });
});
