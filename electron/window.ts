import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { serveRenderer } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { isAllowedRequest, isRendererPage, type RendererLocation } from './url-policy';
import type { WindowPlacement, WindowSize } from './window-state';
import { errorMessage } from '../src-shared/error-message';

export { CONTENT_SECURITY_POLICY };

/** The default and minimum size of the window. */
export const WINDOW_SIZE: WindowSize = { width: 1440, height: 900, minWidth: 1100, minHeight: 700 };

export function mainWindowOptions(
  preloadPath: string,
  placement: WindowPlacement['bounds'] = WINDOW_SIZE,
): BrowserWindowConstructorOptions {
  return {
    ...placement,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    backgroundColor: '#0b0f14',
    title: 'Axion Bot Control Center',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    },
  };
}

/** No navigation away from our page, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, renderer: RendererLocation): void {
  contents.on('will-navigate', (event) => {
    if (!isRendererPage(event.url, renderer.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * No permissions, nothing but our app:// origin (served from the renderer folder only), and a
 * CSP on every response.
 */
export function hardenSession(session: Session, renderer: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  serveRenderer(session.protocol, renderer.dir);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    }),
  );
}

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererLocation;
  /** Where the window opens (restored from the last run); the default size, centred, otherwise. */
  placement?: WindowPlacement;
  /** True while the app is quitting: the window then closes for real. */
  isQuitting(): boolean;
  /** True: closing the window hides it to the tray and the bot keeps running. */
  closeToTray: boolean;
  /** Closing the window when it does not go to the tray: the app's quit (which may ask first). */
  requestQuit(): void;
}

/**
 * The one window, loading the renderer from app://axion (never a dev server: the shell has
 * no code path that loads another URL).
 */
export function createMainWindow({
  preloadPath,
  renderer,
  placement,
  isQuitting,
  closeToTray,
  requestQuit,
}: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, placement?.bounds));
  hardenSession(window.webContents.session, renderer);
  hardenWebContents(window.webContents, renderer);
  window.once('ready-to-show', () => {
    if (placement?.maximized) window.maximize();
    window.show();
  });
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    if (closeToTray) window.hide();
    else requestQuit();
  });
  window.loadURL(renderer.url).catch((error: unknown) => {
    console.error(`Axion: the dashboard page failed to load: ${errorMessage(error)}`);
  });
  return window;
}
