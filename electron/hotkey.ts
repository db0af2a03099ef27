import { globalShortcut } from 'electron';
import type { CommandSurface } from '../src-main/controller/command-surface';
import { killFromMain } from './main-commands';

export const DEFAULT_KILL_HOTKEY = 'CommandOrControl+Shift+K';

export interface KillHotkey {
  readonly accelerator: string;
  /** False when the OS refused it (another app holds it) or the accelerator is invalid. */
  readonly registered: boolean;
  dispose(): void;
}

/** A system-wide shortcut that kills in the main process, even with the window hidden or hung. */
export function registerKillHotkey(controller: CommandSurface, accelerator = DEFAULT_KILL_HOTKEY): KillHotkey {
  let registered = false;
  try {
    registered = globalShortcut.register(accelerator, () => void killFromMain(controller, 'kill hotkey'));
  } catch {
    // An accelerator Electron cannot parse throws; treat it like a refused one.
  }
  if (!registered) {
    console.warn(`Axion: the kill hotkey ${accelerator} could not be registered; use the tray's KILL SWITCH instead.`);
  }
  return {
    accelerator,
    registered,
    dispose: () => {
      if (registered) globalShortcut.unregister(accelerator);
    },
  };
}
