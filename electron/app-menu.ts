import type { MenuItemConstructorOptions } from 'electron';
import { TAB_IDS, type TabId } from '../src-shared/tabs';

/** The tab bar's names (src-renderer/components/tab-bar.tsx), in its order. */
export const TAB_LABELS: Readonly<Record<TabId, string>> = {
  'command-center': 'Command Center',
  positions: 'Positions',
  signals: 'Signals',
  'cloud-charts': 'Cloud Charts',
  performance: 'Performance',
  configuration: 'Configuration',
};

/** Go menu: one item per tab, Ctrl+1…6 (Cmd on a Mac), even while a text field has focus. */
export function tabMenuItems(goTo: (tab: TabId) => void): MenuItemConstructorOptions[] {
  return TAB_IDS.map((tab, index) => ({
    label: TAB_LABELS[tab],
    accelerator: `CommandOrControl+${index + 1}`,
    click: () => goTo(tab),
  }));
}

/**
 * The application menu: Quit (role 'quit' → app.quit → the quit guard in main.ts), editing
 * shortcuts for the config forms, the tabs, and reload/DevTools only in development builds.
 */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  withDevTools: boolean,
  goTo: (tab: TabId) => void,
): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    ...(withDevTools ? [{ role: 'viewMenu' } as const] : []),
    { label: 'Go', submenu: tabMenuItems(goTo) },
    { role: 'windowMenu' },
  ];
}
