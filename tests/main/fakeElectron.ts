/** A fake `electron` module: records what the main process does, lets tests fire events. */
type Handler = (...args: unknown[]) => unknown;

export class FakeEmitter {
  handlers = new Map<string, Handler[]>();
  on(name: string, h: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), h]);
    return this;
  }
  once(name: string, h: Handler): this {
    return this.on(name, h);
  }
  emit(name: string, ...args: unknown[]): unknown[] {
    return (this.handlers.get(name) ?? []).map((h) => h(...args));
  }
}

export class FakeWebContents extends FakeEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; data: unknown }[] = [];
  destroyed = false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  send(channel: string, data: unknown): void {
    this.sent.push({ channel, data });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  closeDevTools(): void {}
  print(opts: unknown, cb: (ok: boolean, reason: string) => void): void {
    FakeBrowserWindow.printed.push(opts);
    cb(true, '');
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  static printed: unknown[] = [];
  webContents = new FakeWebContents();
  loaded: string[] = [];
  menuRemoved = false;
  destroyedFlag = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  destroy(): void {
    this.destroyedFlag = true;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

export function fakeElectron(opts: { lock?: boolean } = {}) {
  FakeBrowserWindow.created = [];
  FakeBrowserWindow.printed = [];
  const app = Object.assign(new FakeEmitter(), {
    quitCalled: false,
    requestSingleInstanceLock: () => opts.lock ?? true,
    quit() {
      this.quitCalled = true;
    },
    whenReady: async () => undefined,
  });
  const ipcHandlers = new Map<string, Handler>();
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (req: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(s: unknown[]) {
      this.privileged.push(...s);
    },
    handle(scheme: string, h: (req: Request) => Promise<Response>) {
      this.handlers.set(scheme, h);
    },
  };
  const sessionState = { permission: null as Handler | null, check: null as Handler | null, headers: null as Handler | null };
  const defaultSession = {
    setPermissionRequestHandler: (h: Handler) => (sessionState.permission = h),
    setPermissionCheckHandler: (h: Handler) => (sessionState.check = h),
    webRequest: { onHeadersReceived: (h: Handler) => (sessionState.headers = h) },
  };
  const e = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { appMenu: undefined as unknown, setApplicationMenu(m: unknown) { this.appMenu = m; } },
    ipcMain: { handle: (ch: string, h: Handler) => ipcHandlers.set(ch, h), removeHandler: (ch: string) => ipcHandlers.delete(ch) },
    protocol,
    session: { defaultSession },
    safeStorage: { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'gnome_libsecret', encryptString: (s: string) => Buffer.from(s).reverse(), decryptString: (b: Buffer) => Buffer.from(b).reverse().toString() },
  };
  return { e, ipcHandlers, sessionState, protocol, app };
}
