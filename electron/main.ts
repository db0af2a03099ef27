import { join } from 'node:path';
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import type { ControllerHandle } from '../src-main/controller/command-surface';
import { createController } from '../src-main/controller/create-controller';
import { appMenuTemplate } from './app-menu';
import { registerKillHotkey, type KillHotkey } from './hotkey';
import { registerIpcBridge } from './ipc-bridge';
import { runFromMain } from './main-commands';
import { createAxionTray, type AxionTray } from './tray';
import { rendererLocation } from './url-policy';
import { createMainWindow } from './window';

// Composition root of the desktop shell: it wires the controller to the window, the IPC
// bridge, the tray and the kill hotkey, and owns the quit sequence. No trading logic here.

const renderer = rendererLocation(join(__dirname, '../renderer'));
const preloadPath = join(__dirname, '../preload/preload.cjs');

interface Shell {
  controller: ControllerHandle;
  window: BrowserWindow;
  disposeBridge(): void;
  tray: AxionTray;
  hotkey: KillHotkey | null;
}

let shell: Shell | null = null;
let quitting = false;
let stopped: Promise<void> | null = null;
let readyToExit = false;

function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function startShell(): Promise<void> {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, !app.isPackaged)));
  const controller = createController({ dataDir: app.getPath('userData') });
  const window = createMainWindow({ preloadPath, renderer, isQuitting: () => quitting });
  // Set before the first await, so a quit arriving meanwhile still shuts the controller down.
  const running: Shell = (shell = {
    controller,
    window,
    disposeBridge: registerIpcBridge({ controller, window, rendererUrl: renderer.url }),
    tray: createAxionTray(controller, { showWindow: () => showWindow(window), quit: () => app.quit() }),
    hotkey: null,
  });
  app.on('second-instance', () => showWindow(window));
  app.on('activate', () => showWindow(window));
  const config = await runFromMain(controller, 'getConfig', {}, 'start-up');
  if (shell === running) {
    running.hotkey = registerKillHotkey(controller, config.ok ? config.value.killSwitch.hotkey : undefined);
  }
}

/** Stops taking commands, then closes the session and the store. Runs once. */
function stopShell(): Promise<void> {
  stopped ??= (async () => {
    const running = shell;
    shell = null;
    if (!running) return;
    running.hotkey?.dispose();
    running.tray.destroy();
    running.disposeBridge();
    await running.controller.shutdown();
  })().catch((error: unknown) => {
    console.error(`Axion: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return stopped;
}

if (!app.requestSingleInstanceLock()) {
  // Another Axion owns the database and the tray; it shows its window (second-instance).
  app.quit();
} else {
  // Closing the window hides it to the tray: the bot keeps running until Quit.
  app.on('window-all-closed', () => {});
  // Every quit path (tray, app menu, OS) passes here: hold it until the controller is shut down.
  app.on('before-quit', (event) => {
    quitting = true;
    if (readyToExit) return;
    event.preventDefault();
    void stopShell().then(() => {
      readyToExit = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(startShell)
    .catch((error: unknown) => {
      dialog.showErrorBox('Axion cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
