import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name Electron uses for its user-data folder. */
export const PRODUCT_NAME = 'Axion Bot Control Center';

/**
 * The folder Electron's `app.getPath('userData')` resolves to on this platform, so the
 * headless server and the desktop app share one database unless `--data-dir` says otherwise.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}
