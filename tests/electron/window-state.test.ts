import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_PREFERENCES_FILE, loadDesktopPreferences } from '../../electron/desktop-preferences';
import { parseWindowState, placeWindow, type Bounds } from '../../electron/window-state';
import {
  loadWindowState,
  saveWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
} from '../../electron/window-state-file';
import { WINDOW_SIZE } from '../../electron/window';
import { closeControllers, tempDataDir } from './controller-fixture';
import { FakeBrowserWindow, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const laptop: Bounds = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight: Bounds = { x: 1440, y: -200, width: 2560, height: 1400 };

afterEach(async () => {
  vi.useRealTimers();
  await closeControllers();
});

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop], WINDOW_SIZE)).toEqual({
      bounds: { width: 1440, height: 900 },
      maximized: false,
    });
  });

  it('restores bounds that are wholly on a display as they were', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1500, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop, monitorRight], WINDOW_SIZE)).toEqual(saved);
  });

  it('keeps the maximized flag', () => {
    const saved = { bounds: { x: 10, y: 10, width: 1200, height: 800 }, maximized: true };
    expect(placeWindow(saved, [laptop], WINDOW_SIZE).maximized).toBe(true);
  });

  it('pulls a window hanging off the edge back onto the display it mostly covers', () => {
    const saved = { bounds: { x: 3500, y: 900, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(saved, [laptop, monitorRight], WINDOW_SIZE).bounds).toEqual({
      x: 4000 - 1200,
      y: 1200 - 800,
      width: 1200,
      height: 800,
    });
  });

  it('shrinks a window larger than its display to the work area', () => {
    const saved = { bounds: { x: -50, y: -50, width: 3000, height: 2000 }, maximized: false };
    expect(placeWindow(saved, [laptop], WINDOW_SIZE).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('centres on the primary display when the saved display is gone (monitor unplugged)', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1500, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop], WINDOW_SIZE)).toEqual({
      bounds: { width: 1440, height: 875 },
      maximized: false,
    });
  });

  it('never opens below the minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(placeWindow(saved, [laptop], WINDOW_SIZE).bounds).toMatchObject({ width: 1100, height: 700 });
  });
});

describe('parseWindowState', () => {
  it.each([
    null,
    42,
    {},
    { bounds: { x: 0, y: 0, width: 0, height: 10 } },
    { bounds: { x: 'a', y: 0, width: 10, height: 10 } },
    { bounds: { x: Number.NaN, y: 0, width: 10, height: 10 } },
  ])('ignores %j', (json) => expect(parseWindowState(json)).toBeNull());

  it('reads bounds, maximized defaulting to false', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 } })).toEqual({
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: false,
    });
  });
});

describe('window state file', () => {
  it('round-trips through window-state.json in userData', () => {
    const dir = tempDataDir();
    const state = { bounds: { x: 5, y: 6, width: 1200, height: 800 }, maximized: true };

    saveWindowState(dir, state);

    expect(loadWindowState(dir)).toEqual(state);
    expect(existsSync(join(dir, `${WINDOW_STATE_FILE}.tmp`))).toBe(false);
  });

  it('reads a missing or corrupt file as no state', () => {
    const dir = tempDataDir();
    expect(loadWindowState(dir)).toBeNull();
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{ not json');
    expect(loadWindowState(dir)).toBeNull();
  });

  it('saves once the window has been still for the debounce, not on every move', () => {
    vi.useFakeTimers();
    resetFake();
    const dir = tempDataDir();
    const window = new FakeBrowserWindow({ x: 0, y: 0, width: 1200, height: 800 });
    trackWindowState(window, dir, 500);

    window.userMoveTo({ x: 10 });
    vi.advanceTimersByTime(300);
    window.userMoveTo({ x: 20 });
    window.userMoveTo({ width: 1300 });
    vi.advanceTimersByTime(499);
    expect(loadWindowState(dir)).toBeNull();

    vi.advanceTimersByTime(1);
    expect(loadWindowState(dir)).toEqual({ bounds: { x: 20, y: 0, width: 1300, height: 800 }, maximized: false });
  });

  it('saves at once when the window closes, and the flush writes a pending change', () => {
    vi.useFakeTimers();
    resetFake();
    const dir = tempDataDir();
    const window = new FakeBrowserWindow({ x: 0, y: 0, width: 1200, height: 800 });
    const flush = trackWindowState(window, dir, 500);

    window.maximize();
    window.emit('maximize');
    window.emit('close');
    expect(loadWindowState(dir)?.maximized).toBe(true);

    window.userMoveTo({ y: 40 });
    flush();
    expect(loadWindowState(dir)?.bounds.y).toBe(40);

    window.userMoveTo({ y: 80 });
    vi.runAllTimers();
    expect(loadWindowState(dir)?.bounds.y).toBe(40); // no longer tracking
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toHaveProperty('bounds');
  });
});

describe('desktop preferences', () => {
  it('closes to the tray by default', () => {
    expect(loadDesktopPreferences(tempDataDir())).toEqual({ closeToTray: true });
  });

  it('reads closeToTray from desktop-preferences.json in userData', () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, DESKTOP_PREFERENCES_FILE), JSON.stringify({ closeToTray: false }));
    expect(loadDesktopPreferences(dir)).toEqual({ closeToTray: false });
  });

  it('falls back to the defaults on an invalid file, and says so', () => {
    const dir = tempDataDir();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    writeFileSync(join(dir, DESKTOP_PREFERENCES_FILE), JSON.stringify({ closeToTray: 'no' }));

    expect(loadDesktopPreferences(dir)).toEqual({ closeToTray: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(DESKTOP_PREFERENCES_FILE));
    warn.mockRestore();
  });
});
