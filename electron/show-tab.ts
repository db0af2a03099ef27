import { channelOf, type Pushes } from '../src-shared/ipc-contract';
import type { TabId } from '../src-shared/tabs';

/** The part of a BrowserWindow that bringing it forward on a tab needs. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  readonly webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean };
}

/** Brings the window back from the tray, the taskbar or behind other windows. */
export function showWindow(window: FocusableWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Shows the window on `tab`: the renderer switches tabs on the `navigate` push. */
export function showTab(window: FocusableWindow, tab: TabId): void {
  showWindow(window);
  if (window.isDestroyed() || window.webContents.isDestroyed()) return;
  const payload: Pushes['navigate'] = { tab };
  window.webContents.send(channelOf('navigate'), payload);
}
