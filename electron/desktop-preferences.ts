import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DESKTOP_PREFERENCES_FILE = 'desktop-preferences.json';

/** Shell-only settings (not trading config), kept in userData beside the database. */
export interface DesktopPreferences {
  /** True: closing the window hides it to the tray and the bot keeps running. False: closing quits. */
  closeToTray: boolean;
}

const schema = z.object({ closeToTray: z.boolean().default(true) });

/** Reads the preferences; a missing or invalid file gives the defaults (close to tray). */
export function loadDesktopPreferences(dir: string): DesktopPreferences {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, DESKTOP_PREFERENCES_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
    console.warn(`Axion: ${DESKTOP_PREFERENCES_FILE} is invalid; using the defaults.`);
  } catch {
    // No file: the defaults.
  }
  return schema.parse({});
}
