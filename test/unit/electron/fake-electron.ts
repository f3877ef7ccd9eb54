/**
 * A recording stand-in for the 'electron' module, used through
 * `vi.mock('electron', () => import('./fake-electron.js'))`. It implements only what the desktop
 * shell touches and records what was asked of it so tests can assert on behaviour.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: never[]) => unknown;

export const calls = {
  openExternal: [] as string[],
  errorBoxes: [] as { title: string; content: string }[],
  exitCodes: [] as number[],
  quit: 0,
  /** The template of the last Menu.setApplicationMenu. */
  applicationMenu: null as FakeMenuItem[] | null,
  /** Message boxes shown, and the button index the next ones answer with. */
  messageBoxes: [] as { message: string; detail?: string; buttons: string[] }[],
  messageBoxAnswer: 0,
  /** Answers for the next message boxes, in order (then messageBoxAnswer). */
  messageBoxAnswers: [] as number[],
  /** Open dialogs shown (with the window they were attached to), what the next one answers, and files shown in the file manager. */
  openDialogs: [] as { window: BrowserWindow | null; options: Record<string, unknown> }[],
  openDialogAnswer: { canceled: true, filePaths: [] } as { canceled: boolean; filePaths: string[] },
  shownInFolder: [] as string[],
  openedPaths: [] as string[],
  /** What shell.openPath answers: '' (opened) or the system's reason. */
  openPathAnswer: '',
};

class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  readonly mainFrame = new FakeWebFrame('');
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Fires a cancellable Electron-style event and says whether a listener prevented it. */
  fireCancellable(name: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    const event = { ...details, preventDefault: () => (prevented = true) };
    this.emit(name, event, details.url);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.instances.find((w) => !w.destroyed && w.focused) ?? null;
  }
  readonly webContents = new FakeWebContents();
  loaded: { kind: 'file'; path: string; options?: { hash?: string } } | { kind: 'url'; url: string } | null = null;
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  position: [number, number] = [0, 0];
  constructor(public readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.instances.push(this);
  }
  async loadFile(path: string, options?: { hash?: string }): Promise<void> {
    this.loaded = { kind: 'file', path, options };
    this.webContents.url = `file://${path}${options?.hash ? `#${options.hash}` : ''}`;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', url };
    this.webContents.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  getSize(): [number, number] {
    return [Number(this.options.width ?? 800), Number(this.options.height ?? 600)];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  invoked: [] as { channel: string; input: unknown }[],
  listeners: new Map<string, Set<Handler>>(),
  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push({ channel, input });
    return { ok: true, value: null };
  },
  on(channel: string, listener: Handler) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  },
  removeListener(channel: string, listener: Handler) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export interface FakeMenuItem {
  id?: string;
  role?: string;
  submenu?: FakeMenuItem[];
  label?: string;
  type?: string;
  checked?: boolean;
  accelerator?: string;
  click?: (item: { checked: boolean }) => void;
}
export const Menu = {
  buildFromTemplate(template: FakeMenuItem[]) {
    return { items: template };
  },
  setApplicationMenu(menu: { items: FakeMenuItem[] } | null): void {
    calls.applicationMenu = menu?.items ?? null;
  },
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  menu: { items: FakeMenuItem[] } | null = null;
  tooltip = '';
  destroyed = false;
  constructor(public readonly image: unknown) {
    super();
    Tray.instances.push(this);
  }
  setContextMenu(menu: { items: FakeMenuItem[] }): void {
    this.menu = menu;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const nativeImage = {
  createFromPath(path: string) {
    return { path, template: false, setTemplateImage(flag: boolean) { this.template = flag; }, isEmpty: () => false };
  },
};

export const globalShortcut = {
  /** Accelerators another app "owns": register returns false for them. */
  taken: new Set<string>(),
  /** Accelerators Electron cannot parse: register throws. */
  invalid: new Set<string>(),
  registered: new Map<string, () => void>(),
  register(accelerator: string, callback: () => void): boolean {
    if (this.invalid.has(accelerator)) throw new Error(`conversion failure for ${accelerator}`);
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  unregisterAll(): void {
    this.registered.clear();
  },
};

export class Notification extends EventEmitter {
  static supported = true;
  static instances: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  constructor(public readonly options: { title: string; body: string; actions?: { type: string; text: string }[] }) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

/** Reversible "encryption" that is visibly not plaintext, so tests can tell the file holds ciphertext. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a));
  },
  decryptString(data: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    if (data[0] === 0) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8');
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    calls.openExternal.push(url);
  },
  showItemInFolder(fullPath: string): void {
    calls.shownInFolder.push(fullPath);
  },
  async openPath(fullPath: string): Promise<string> {
    calls.openedPaths.push(fullPath);
    return calls.openPathAnswer;
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    calls.errorBoxes.push({ title, content });
  },
  /** Electron takes (window, options) or (options); both are accepted. */
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    const options = (args.length > 1 ? args[1] : args[0]) as { message: string; detail?: string; buttons: string[] };
    calls.messageBoxes.push({ message: options.message, detail: options.detail, buttons: options.buttons });
    return { response: calls.messageBoxAnswers.shift() ?? calls.messageBoxAnswer };
  },
  /** Electron takes (window, options) or (options). */
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    const [window, options] = (args.length > 1 ? args : [null, args[0]]) as [BrowserWindow | null, Record<string, unknown>];
    calls.openDialogs.push({ window, options });
    return calls.openDialogAnswer;
  },
};

export const app = new (class extends EventEmitter {
  singleInstanceLock = true;
  isPackaged = false;
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  getVersion(): string {
    return '1.2.3';
  }
  async whenReady(): Promise<void> {}
  quit(): void {
    calls.quit++;
  }
  exit(code: number): void {
    calls.exitCodes.push(code);
  }
  setName(): void {}
  setAppUserModelId(): void {}
})();

export const screen = {
  getCursorScreenPoint: () => ({ x: 10, y: 10 }),
  getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

/** Builds a frame object as IpcMainInvokeEvent.senderFrame would carry. */
export function fakeFrame(url: string, options: { child?: boolean } = {}): FakeWebFrame {
  return new FakeWebFrame(url, options.child ? new FakeWebFrame('file:///top.html') : null);
}

export function resetFakeElectron(): void {
  calls.openExternal.length = 0;
  calls.errorBoxes.length = 0;
  calls.exitCodes.length = 0;
  calls.quit = 0;
  calls.applicationMenu = null;
  calls.messageBoxes.length = 0;
  calls.messageBoxAnswer = 0;
  calls.messageBoxAnswers.length = 0;
  calls.openDialogs.length = 0;
  calls.openDialogAnswer = { canceled: true, filePaths: [] };
  calls.shownInFolder.length = 0;
  calls.openedPaths.length = 0;
  calls.openPathAnswer = '';
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcRenderer.invoked = [];
  ipcRenderer.listeners.clear();
  contextBridge.exposed.clear();
  Tray.instances = [];
  globalShortcut.taken.clear();
  globalShortcut.invalid.clear();
  globalShortcut.registered.clear();
  Notification.supported = true;
  Notification.instances = [];
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  app.singleInstanceLock = true;
  app.removeAllListeners();
  session.defaultSession = new FakeSession();
}
