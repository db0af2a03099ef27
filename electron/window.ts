import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { isAllowedRequest, isRendererPage, type RendererLocation } from './url-policy';

/**
 * Sent as a response header in defence in depth. The renderer's index.html carries the same
 * policy as a meta tag (plus the WebSocket source the headless mode needs), because file://
 * responses may carry no headers at all; where both apply, the stricter wins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
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

/** No permissions, nothing but the renderer's own files, and a CSP on every response. */
export function hardenSession(session: Session, renderer: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, renderer.dir) }),
  );
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    }),
  );
}

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererLocation;
  /** While false, closing the window hides it to the tray and the bot keeps running. */
  isQuitting(): boolean;
}

export function createMainWindow({ preloadPath, renderer, isQuitting }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  hardenSession(window.webContents.session, renderer);
  hardenWebContents(window.webContents, renderer);
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.loadFile(renderer.indexFile).catch((error: unknown) => {
    console.error(
      `Axion: the dashboard page failed to load: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return window;
}
