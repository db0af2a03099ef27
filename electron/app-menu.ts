import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: Quit (role 'quit' → app.quit → the shutdown in main.ts), editing
 * shortcuts for the config forms, and reload/DevTools only in development builds.
 */
export function appMenuTemplate(platform: NodeJS.Platform, withDevTools: boolean): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    ...(withDevTools ? [{ role: 'viewMenu' } as const] : []),
    { role: 'windowMenu' },
  ];
}
