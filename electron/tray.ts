import { Menu, Tray, type MenuItemConstructorOptions } from 'electron';
import type { BotState, BotStatus } from '../src-shared/bot-state';
import type { CommandResult } from '../src-shared/command-result';
import type { CommandSurface } from '../src-main/controller/command-surface';
import { killFromMain, runFromMain } from './main-commands';
import { toneOf, trayIcon } from './tray-icon';

/** What the tray shows: the status and today's P&L. */
export interface TrayView {
  status: BotStatus;
  dailyPnl: number;
}

export interface TrayMenuActions {
  pause(): void;
  resume(): void;
  kill(): void;
  /** Kill, and flatten swing positions too. */
  killFlattenAll(): void;
  showWindow(): void;
  quit(): void;
}

const dollars = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** '+$1,234.50' / '-$5.00': always signed, whole cents. */
export function formatPnl(pnl: number): string {
  const cents = Math.round(pnl * 100);
  return `${cents < 0 ? '-' : '+'}$${dollars.format(Math.abs(cents) / 100)}`;
}

export const statusLine = (view: TrayView): string =>
  `Axion — ${view.status.toUpperCase()} · P&L ${formatPnl(view.dailyPnl)}`;

export function trayMenuTemplate(view: TrayView, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  return [
    { label: statusLine(view), enabled: false },
    { type: 'separator' },
    { label: 'Pause', enabled: view.status === 'paper' || view.status === 'live', click: () => actions.pause() },
    { label: 'Resume', enabled: view.status === 'paused', click: () => actions.resume() },
    // Never greyed out: kill is idempotent and must always be one click away.
    { label: 'KILL SWITCH', click: () => actions.kill() },
    { label: 'Kill and flatten all (swing too)', click: () => actions.killFlattenAll() },
    { type: 'separator' },
    { label: 'Show window', click: () => actions.showWindow() },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export interface AxionTray {
  /**
   * Clicks the current menu item with this label, as the user would; false when there is no
   * such enabled item. Electron offers no way to click a tray menu from outside, so the
   * end-to-end test drives the tray through this.
   */
  click(label: string): boolean;
  destroy(): void;
}

const viewOf = (state: BotState): TrayView => ({ status: state.status, dailyPnl: state.dailyPnl });

/**
 * The tray: a status line from the latest dashboard push, and Pause, Resume and KILL SWITCH
 * run in the main process, so they work with the window closed or the renderer hung. The
 * menu is rebuilt only when the status or the P&L in cents changes, not on every push.
 */
export function createAxionTray(
  controller: CommandSurface,
  window: Pick<TrayMenuActions, 'showWindow' | 'quit'>,
): AxionTray {
  let tone = toneOf('stopped');
  const tray = new Tray(trayIcon(tone));
  let shown = '';
  let template: MenuItemConstructorOptions[] = [];

  const show = (view: TrayView) => {
    const key = `${view.status}|${Math.round(view.dailyPnl * 100)}`;
    if (key === shown) return;
    shown = key;
    if (toneOf(view.status) !== tone) {
      tone = toneOf(view.status);
      tray.setImage(trayIcon(tone));
    }
    tray.setToolTip(statusLine(view));
    template = trayMenuTemplate(view, actions);
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  // A command's own reply updates the menu at once; the next push may be up to 250 ms away.
  const showReply = (result: CommandResult<BotState>) => {
    if (result.ok) show(viewOf(result.value));
  };
  const actions: TrayMenuActions = {
    pause: () => void runFromMain(controller, 'pause', {}, 'tray').then(showReply),
    resume: () => void runFromMain(controller, 'resume', {}, 'tray').then(showReply),
    kill: () => void killFromMain(controller, 'tray').then(showReply),
    killFlattenAll: () => void killFromMain(controller, 'tray', true).then(showReply),
    showWindow: window.showWindow,
    quit: window.quit,
  };

  show({ status: 'stopped', dailyPnl: 0 });
  const unsubscribe = controller.subscribe((message) => {
    if (message.push === 'dashboard') show(viewOf(message.payload.state));
  });
  void runFromMain(controller, 'getState', {}, 'tray').then(showReply);

  return {
    click: (label) => {
      const item = template.find((i) => i.label === label && i.enabled !== false);
      // Electron passes (menuItem, window, event); our handlers read none of them.
      (item?.click as (() => void) | undefined)?.();
      return item?.click !== undefined;
    },
    destroy: () => {
      unsubscribe();
      tray.destroy();
    },
  };
}
