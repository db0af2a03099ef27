import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWindowState, type Bounds, type WindowState } from './window-state';
import { errorMessage } from '../src-shared/error-message';

export const WINDOW_STATE_FILE = 'window-state.json';

/** The saved state in `dir`, or null when there is none or it is unreadable. */
export function loadWindowState(dir: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** Writes the state whole or not at all (a crash mid-write must not leave half a file). */
export function saveWindowState(dir: string, state: WindowState): void {
  const file = join(dir, WINDOW_STATE_FILE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The part of a BrowserWindow the tracker reads. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  getNormalBounds(): Bounds;
}

/**
 * Saves the window's state to `dir` after it has been still for `debounceMs` following a move
 * or resize, and at once when it closes (or hides to the tray). Returns a flush that writes a
 * pending change now and stops tracking.
 */
export function trackWindowState(window: TrackedWindow, dir: string, debounceMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let tracking = true;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!tracking || window.isDestroyed()) return;
    try {
      saveWindowState(dir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      console.warn(`Axion: the window position could not be saved: ${errorMessage(error)}`);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', save);
  return () => {
    if (timer) save();
    tracking = false;
  };
}
