import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rendererLocation } from '../../electron/url-policy';
import { CONTENT_SECURITY_POLICY, createMainWindow, type MainWindowOptions } from '../../electron/window';
import { FakeEvent, fake, resetFake, type FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const renderer = rendererLocation('/opt/axion/out/renderer');
const preloadPath = '/opt/axion/out/preload/preload.cjs';

let quitting: boolean;
let window: FakeBrowserWindow;
let quitRequests: number;

function open(options: Partial<MainWindowOptions> = {}): FakeBrowserWindow {
  createMainWindow({
    preloadPath,
    renderer,
    isQuitting: () => quitting,
    closeToTray: true,
    requestQuit: () => quitRequests++,
    ...options,
  });
  return fake().windows.at(-1)!;
}

beforeEach(() => {
  resetFake();
  quitting = false;
  quitRequests = 0;
  window = open();
});

describe('createMainWindow', () => {
  it('opens a 1440×900 dark window (min 1100×700), hidden until ready-to-show', () => {
    expect(window.options).toMatchObject({
      width: 1440,
      height: 900,
      minWidth: 1100,
      minHeight: 700,
      backgroundColor: '#0b0f14',
      title: 'Axion Bot Control Center',
      show: false,
    });
    expect(window.visible).toBe(false);

    window.emit('ready-to-show');

    expect(window.visible).toBe(true);
  });

  it('isolates the renderer: context isolation, sandbox, no Node, web security, our preload', () => {
    expect(window.options.webPreferences).toEqual({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });

  it('loads the renderer from app://axion/index.html, never from disk or a dev server', () => {
    expect(window.loadedUrl).toBe('app://axion/index.html');
    expect(window.loadedFile).toBeNull();
  });

  it("serves app:// from the window's own session", () => {
    expect([...window.webContents.session.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('opens where it is placed, and maximized when it was', () => {
    const placed = open({ placement: { bounds: { x: 40, y: 30, width: 1200, height: 800 }, maximized: true } });

    expect(placed.options).toMatchObject({ x: 40, y: 30, width: 1200, height: 800, minWidth: 1100, minHeight: 700 });
    placed.emit('ready-to-show');
    expect(placed.isMaximized()).toBe(true);
    expect(placed.visible).toBe(true);
  });

  it('denies window.open, whatever the URL', () => {
    const open = window.webContents.windowOpenHandler!;

    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: renderer.url })).toEqual({ action: 'deny' });
  });

  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'file:///opt/axion/out/renderer/index.html',
    'app://axion/other.html',
    'app://evil/index.html',
    'javascript:alert(1)',
  ])('blocks navigation to %s', (url) => {
    const event = new FakeEvent(url);
    window.webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('lets the page reload itself', () => {
    const event = new FakeEvent(`${renderer.url}#/events`);
    window.webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('refuses to attach webviews', () => {
    const event = new FakeEvent();
    window.webContents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const session = window.webContents.session;
    const answers: boolean[] = [];

    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal']) {
      session.permissionRequestHandler!(window.webContents, permission, (granted) => answers.push(granted));
    }

    expect(answers).toEqual([false, false, false, false]);
    expect(session.permissionCheckHandler!(window.webContents, 'notifications')).toBe(false);
  });

  const cancelled = (url: string): boolean | undefined => {
    let response: { cancel?: boolean } = {};
    window.webContents.session.beforeRequest!({ url }, (r) => (response = r));
    return response.cancel;
  };

  it.each([
    `${renderer.url}`,
    'app://axion/assets/index-abc.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,AA==',
  ])('lets %s load', (url) => expect(cancelled(url)).toBe(false));

  it.each([
    'https://cdn.example/lib.js',
    'http://127.0.0.1:8080/',
    'ws://127.0.0.1:9000/',
    'file:///etc/passwd',
    'file:///opt/axion/out/renderer/index.html',
    'file://remote-host/share/index.html',
    'app://other-host/index.html',
  ])('blocks %s', (url) => expect(cancelled(url)).toBe(true));

  it('adds the content security policy to every response', () => {
    let headers: Record<string, string[]> | undefined;
    window.webContents.session.headersReceived!(
      { url: renderer.url, responseHeaders: { 'X-Other': ['1'] } },
      (r) => (headers = r.responseHeaders),
    );

    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('hides to the tray when closed, and closes for real while quitting', () => {
    window.emit('ready-to-show');

    expect(window.userClose().defaultPrevented).toBe(true);
    expect(window.visible).toBe(false);
    expect(window.isDestroyed()).toBe(false);

    quitting = true;
    expect(window.userClose().defaultPrevented).toBe(false);
    expect(window.isDestroyed()).toBe(true);
    expect(quitRequests).toBe(0);
  });

  it('with close-to-tray off, closing the window asks the app to quit (which may ask first)', () => {
    const quitter = open({ closeToTray: false });
    quitter.emit('ready-to-show');

    const close = quitter.userClose();

    expect(close.defaultPrevented).toBe(true); // the quit sequence closes it once decided
    expect(quitRequests).toBe(1);
  });
});
