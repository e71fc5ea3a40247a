/**
 * Electron main entry: single instance, app:// scheme serving renderer/dist with the CSP header,
 * hardened session and window, IPC to the API core built by the composition root. Everything is a function of an
 * injected `electron` module so tests/main/ can drive it with a fake; the real module is only loaded when running
 * inside Electron.
 */
import type * as Electron from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, defaultDataDir, type App } from '../app/compose';
import { contentSecurityPolicy } from '../hostShared/csp';
import { loadStatic } from '../hostShared/staticFiles';
import { APP_SCHEME, hardenSession } from './security';
import { createMainWindow } from './windows';
import { createDisplayWindow, secondScreen } from './displayWindow';
import { loadAnnounceClip, ANNOUNCE_PREFIX } from '../hostShared/announceClips';
import { registerIpc } from './ipc';
import { ElectronPrintSink } from './print';
import { safeStorageKeyProvider } from './safeStorageKey';

export type ElectronLike = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'Menu' | 'ipcMain' | 'protocol' | 'session' | 'safeStorage'>;

export interface MainOptions {
  kiosk: boolean;
  demo: boolean;
  dataDir: string;
  production: boolean;
  /** Also open the hall display in a second window (on the second screen when there is one). */
  display?: boolean;
}

export function parseMainArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): MainOptions {
  const has = (f: string): boolean => argv.includes(f);
  const dataIdx = argv.indexOf('--data');
  return {
    kiosk: !has('--counter'),
    demo: has('--demo'),
    dataDir: dataIdx >= 0 && argv[dataIdx + 1] ? path.resolve(argv[dataIdx + 1]!) : defaultDataDir(env),
    production: env.NODE_ENV !== 'development',
    display: has('--display'),
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

const DEFAULT_DIRS = { renderer: path.resolve(here, '..', '..', 'renderer', 'dist'), preload: path.join(here, '..', 'preload', 'preload.js'), announce: path.resolve(here, '..', '..', 'dist', 'announce') };

export async function runMain(e: ElectronLike, o: MainOptions, dirs: { renderer: string; preload: string; announce?: string } = DEFAULT_DIRS): Promise<App | null> {
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit();
    return null;
  }
  // Must precede `ready`: app:// is a secure standard scheme so fetch/CSP 'self' work as for https.
  e.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  e.app.on('web-contents-created', (_ev, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  await e.app.whenReady();
  hardenSession(e.session.defaultSession);
  e.protocol.handle(APP_SCHEME, async (req) => {
    const pathname = new URL(req.url).pathname;
    if (pathname.startsWith(ANNOUNCE_PREFIX)) {
      const clip = dirs.announce ? await loadAnnounceClip(dirs.announce, pathname) : null;
      return clip ? new Response(new Uint8Array(clip), { headers: { 'Content-Type': 'audio/wav', 'X-Content-Type-Options': 'nosniff' } }) : new Response('not found', { status: 404 });
    }
    const f = await loadStatic(dirs.renderer, pathname);
    if (!f) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(f.body), { headers: { 'Content-Type': f.type, 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff' } });
  });

  const app = await createApp({ dataDir: o.dataDir, demo: o.demo, mode: o.kiosk ? 'kiosk' : 'counter', host: 'electron', keyProvider: safeStorageKeyProvider(e.safeStorage, o.dataDir), sink: new ElectronPrintSink(e) });
  let win = createMainWindow(e, { kiosk: o.kiosk, preload: dirs.preload, production: o.production, query: o.kiosk ? undefined : 'mode=counter' });
  const display = o.display ? createDisplayWindow(e, { preload: dirs.preload, production: o.production, bounds: secondScreen((e as Partial<Pick<typeof Electron, 'screen'>>).screen) }) : null;
  registerIpc(e.ipcMain, app.core, () => (win.isDestroyed() ? null : win.webContents), display ? () => (display.isDestroyed() ? null : display.webContents) : undefined);
  e.app.on('second-instance', () => {
    if (win.isDestroyed()) win = createMainWindow(e, { kiosk: o.kiosk, preload: dirs.preload, production: o.production });
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  e.app.on('window-all-closed', () => {
    void app.close().finally(() => e.app.quit());
  });
  return app;
}

if (process.versions.electron) {
  void import('electron').then((m) => runMain(m as unknown as ElectronLike, parseMainArgs(process.argv.slice(1))));
}
