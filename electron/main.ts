import { join } from 'node:path';
import { app, dialog, Menu, safeStorage, screen, type BrowserWindow } from 'electron';
import type { ControllerHandle } from '../src-main/controller/command-surface';
import { createController } from '../src-main/controller/create-controller';
import { KeychainCredentialStore } from '../src-main/controller/keychain-credential-store';
import type { TabId } from '../src-shared/tabs';
import { registerAppScheme } from './app-protocol';
import { appMenuTemplate } from './app-menu';
import { loadDesktopPreferences } from './desktop-preferences';
import { registerKillHotkey, type KillHotkey } from './hotkey';
import { registerIpcBridge } from './ipc-bridge';
import { runFromMain } from './main-commands';
import { confirmQuit, killAndFlatten } from './quit-sequence';
import { showTab, showWindow } from './show-tab';
import { createAxionTray, type AxionTray } from './tray';
import { rendererLocation } from './url-policy';
import { createMainWindow, WINDOW_SIZE } from './window';
import { placeWindow } from './window-state';
import { loadWindowState, trackWindowState } from './window-state-file';
import { errorMessage } from '../src-shared/error-message';

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
  flushWindowState(): void;
}

let shell: Shell | null = null;
let quitting = false;
let stopped: Promise<void> | null = null;
let deciding: Promise<void> | null = null;
let readyToExit = false;

/** Work areas of the displays, the primary first (where a lost window goes). */
function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

async function startShell(): Promise<void> {
  const userData = app.getPath('userData');
  // A clicked notification opens its tab; the window exists only after the controller.
  let focusTab: (tab: TabId) => void = () => {};
  const controller = createController({
    dataDir: userData,
    credentials: new KeychainCredentialStore(userData, safeStorage),
    onNotificationClick: (tab) => focusTab(tab),
  });
  const window = createMainWindow({
    preloadPath,
    renderer,
    placement: placeWindow(loadWindowState(userData), workAreas(), WINDOW_SIZE),
    isQuitting: () => quitting,
    closeToTray: loadDesktopPreferences(userData).closeToTray,
    requestQuit: () => app.quit(),
  });
  focusTab = (tab) => showTab(window, tab);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(process.platform, !app.isPackaged, (tab) => showTab(window, tab))),
  );
  // Set before the first await, so a quit arriving meanwhile still shuts the controller down.
  const running: Shell = (shell = {
    controller,
    window,
    disposeBridge: registerIpcBridge({ controller, window, rendererUrl: renderer.url }),
    tray: createAxionTray(controller, { showWindow: () => showWindow(window), quit: () => app.quit() }),
    hotkey: null,
    flushWindowState: trackWindowState(window, userData),
  });
  // The Playwright test reaches the tray through this; Electron gives no other way in.
  if (process.env.AXION_E2E === '1') Object.assign(globalThis, { axionTray: running.tray });
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
    running.flushWindowState();
    running.hotkey?.dispose();
    running.tray.destroy();
    running.disposeBridge();
    await running.controller.shutdown();
  })().catch((error: unknown) => {
    console.error(`Axion: shutdown failed: ${errorMessage(error)}`);
  });
  return stopped;
}

/** Asks first when positions are open; then shuts the controller down and lets the quit through. */
async function quitWhenDecided(): Promise<void> {
  const running = shell;
  if (running) {
    const choice = await confirmQuit(running.controller, running.window);
    if (choice === 'cancel') return;
    if (choice === 'kill-then-quit') await killAndFlatten(running.controller);
  }
  quitting = true;
  await stopShell();
  readyToExit = true;
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // Another Axion owns the database and the tray; it shows its window (second-instance).
  app.quit();
} else {
  // Before ready, as Electron requires: the renderer is served from app://axion.
  registerAppScheme();
  // With the window closed the bot and the tray keep running until Quit.
  app.on('window-all-closed', () => {});
  // Every quit path (tray, app menu, OS) passes here: hold it until decided and shut down.
  app.on('before-quit', (event) => {
    if (readyToExit) return;
    event.preventDefault();
    deciding ??= quitWhenDecided()
      .catch((error: unknown) => {
        console.error(`Axion: quit failed: ${errorMessage(error)}`);
      })
      .finally(() => {
        deciding = null;
      });
  });
  app
    .whenReady()
    .then(startShell)
    .catch((error: unknown) => {
      dialog.showErrorBox('Axion cannot start', errorMessage(error));
      app.exit(1);
    });
}
