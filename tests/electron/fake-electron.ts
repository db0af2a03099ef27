// Recording fakes of the Electron APIs the shell uses. Electron cannot run here, so tests
// replace the 'electron' module at the boundary with these:
//   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
// and then read what the shell asked of Electron from `fake()`.

type Listener = (...args: never[]) => unknown;

/** Node-style events that tests can fire by hand. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

/** An event whose default can be prevented, as Electron passes to 'will-navigate' and co. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type BeforeRequest = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type HeadersReceived = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** A session's `protocol`: records the scheme handlers the shell installs. */
export class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  handle(scheme: string, handler: ProtocolHandler): void {
    // Electron throws on a second handler for one scheme; so does the fake.
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been handled: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  /** What the window would get for `url` (a GET, as Chromium issues it). */
  fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return Promise.resolve(handler(new Request(url, init)));
  }
}

export class FakeSession {
  readonly protocol = new FakeProtocol();
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: BeforeRequest | null = null;
  headersReceived: HeadersReceived | null = null;

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener;
    },
    onHeadersReceived: (listener: HeadersReceived) => {
      this.headersReceived = listener;
    },
  };
}

export class FakeWebContents extends FakeEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  destroyed = false;
  maximized = false;
  minimized = false;
  bounds: Rectangle;

  constructor(readonly options: Record<string, unknown>) {
    super();
    const n = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback;
    this.bounds = { x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) };
    fake().windows.push(this);
  }
  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  /** The bounds of the window when neither maximized nor minimized (the fake keeps them as is). */
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  /** What the user dragging or resizing the window does. */
  userMoveTo(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit(bounds.width !== undefined || bounds.height !== undefined ? 'resize' : 'move');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What a click on the window's close button does: 'close', then closing unless prevented. */
  userClose(): FakeEvent {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = this.webContents.destroyed = true;
    return event;
  }
}

type InvokeHandler = (event: unknown, payload: unknown) => Promise<unknown>;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: (event: never, payload: unknown) => Promise<unknown>): void {
    // Electron refuses a second handler on one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    // Tests call handlers with any event, well-formed or not, to probe the sender check.
    this.handlers.set(channel, handler as InvokeHandler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeIpcRenderer extends FakeEmitter {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  /** What `invoke` answers; tests may route it to a bridge. */
  respond: (channel: string, ...args: unknown[]) => Promise<unknown> = () => Promise.resolve(undefined);

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.respond(channel, ...args);
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
}

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  accelerator?: string;
  submenu?: MenuItemTemplate[];
  click?: () => void;
}

export interface MessageBoxCall {
  /** The window the box was attached to, or null for a free-standing box. */
  window: unknown;
  options: {
    type?: string;
    title?: string;
    message: string;
    detail?: string;
    buttons?: string[];
    defaultId?: number;
    cancelId?: number;
    noLink?: boolean;
  };
}

export class FakeTray extends FakeEmitter {
  tooltip = '';
  menu: { template: MenuItemTemplate[] } | null = null;
  images: unknown[] = [];
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.images.push(image);
    fake().trays.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: MenuItemTemplate[] }): void {
    this.menu = menu;
  }
  setImage(image: unknown): void {
    this.images.push(image);
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The current context menu item with this label. */
  item(label: string): MenuItemTemplate {
    const item = this.menu?.template.find((i) => i.label === label);
    if (!item) throw new Error(`no tray menu item '${label}'`);
    return item;
  }
}

export class FakeApp extends FakeEmitter {
  userData = '';
  gotLock = true;
  isPackaged = false;
  quitRequests = 0;
  exited: number | null = null;
  /** True once a quit went through (no 'before-quit' listener held it). */
  quitted = false;
  private readonly ready: Promise<void>;
  private markReady: () => void = () => {};

  constructor() {
    super();
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  fireReady(): void {
    this.markReady();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected app.getPath('${name}')`);
    return this.userData;
  }
  quit(): void {
    this.quitRequests++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(code: number): void {
    this.exited = code;
  }
}

function createFake() {
  return {
    app: new FakeApp(),
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    exposed: new Map<string, unknown>(),
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
    menus: [] as MenuItemTemplate[][],
    applicationMenu: null as { template: MenuItemTemplate[] } | null,
    shortcuts: new Map<string, () => void>(),
    /** What `globalShortcut.register` answers (false: another app holds the accelerator). */
    shortcutAvailable: true,
    bitmaps: [] as Array<{ buffer: Buffer; options: { width: number; height: number; scaleFactor?: number } }>,
    errorBoxes: [] as Array<{ title: string; content: string }>,
    messageBoxes: [] as MessageBoxCall[],
    /** The button index the next message boxes answer with (the user's click). */
    messageBoxResponse: 0,
    privilegedSchemes: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
    /** Work areas of the connected displays, the primary first. */
    displays: [{ x: 0, y: 0, width: 1920, height: 1050 }] as Rectangle[],
  };
}

type Fake = ReturnType<typeof createFake>;

// Kept on globalThis so that a copy of this module loaded after vi.resetModules() (the mock
// factory imports it again) still records into the same place as the test's own import.
const slot = globalThis as typeof globalThis & { axionElectronFake?: Fake };

/** Everything the shell did to Electron since the last `resetFake()`. */
export const fake = (): Fake => (slot.axionElectronFake ??= createFake());

export function resetFake(): Fake {
  slot.axionElectronFake = createFake();
  return slot.axionElectronFake;
}

/** The stand-in for the 'electron' module; it reads `fake` at call time, so resets apply. */
export const electronModule = {
  get app() {
    return fake().app;
  },
  get ipcMain() {
    return fake().ipcMain;
  },
  get ipcRenderer() {
    return fake().ipcRenderer;
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake().exposed.set(key, api),
  },
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu: {
    buildFromTemplate: (template: MenuItemTemplate[]) => {
      fake().menus.push(template);
      return { template };
    },
    setApplicationMenu: (menu: { template: MenuItemTemplate[] } | null) => {
      fake().applicationMenu = menu;
    },
  },
  nativeImage: {
    createFromBitmap: (buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }) => {
      fake().bitmaps.push({ buffer, options });
      return { buffer, options };
    },
  },
  globalShortcut: {
    register: (accelerator: string, callback: () => void) => {
      if (!fake().shortcutAvailable) return false;
      fake().shortcuts.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator: string) => fake().shortcuts.delete(accelerator),
  },
  dialog: {
    showErrorBox: (title: string, content: string) => fake().errorBoxes.push({ title, content }),
    showMessageBox: (...args: [unknown, MessageBoxCall['options']] | [MessageBoxCall['options']]) => {
      const [window, options] = args.length === 2 ? args : [null, args[0]];
      fake().messageBoxes.push({ window, options });
      return Promise.resolve({ response: fake().messageBoxResponse, checkboxChecked: false });
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) =>
      fake().privilegedSchemes.push(...schemes),
  },
  /** An OS keychain that really transforms the bytes, so nothing is stored as typed. */
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (encrypted: Buffer) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
  },
  screen: {
    getAllDisplays: () => fake().displays.map((workArea, id) => ({ id, workArea, bounds: workArea })),
    getPrimaryDisplay: () => ({ id: 0, workArea: fake().displays[0]!, bounds: fake().displays[0]! }),
  },
};
