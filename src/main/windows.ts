/** The one app window: full-screen kiosk for citizens, a normal 1366×768 window at the clerk's counter. */
import type * as Electron from 'electron';
import { APP_ORIGIN, hardenWebContents, secureWebPreferences } from './security';
import { autoRestart, blockShortcuts } from './kiosk';

export interface WindowOptions {
  kiosk: boolean;
  preload: string;
  production: boolean;
  /** Query for the renderer, e.g. "mode=counter". */
  query?: string;
}

export function windowOptions(o: WindowOptions): Electron.BrowserWindowConstructorOptions {
  const common: Electron.BrowserWindowConstructorOptions = {
    title: 'Motcua',
    backgroundColor: '#f5f6f8',
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(o.preload, !o.production),
  };
  return o.kiosk
    ? { ...common, kiosk: true, fullscreen: true, frame: false, resizable: false, movable: false, minimizable: false, closable: false, alwaysOnTop: true }
    : { ...common, width: 1366, height: 768, minWidth: 1024, minHeight: 700 };
}

function appUrl(query?: string): string {
  return `${APP_ORIGIN}/index.html${query ? `?${query}` : ''}`;
}

type ElectronForWindows = Pick<typeof Electron, 'BrowserWindow' | 'Menu'>;

export function createMainWindow(e: ElectronForWindows, o: WindowOptions): Electron.BrowserWindow {
  const win = new e.BrowserWindow(windowOptions(o));
  if (o.kiosk) {
    e.Menu.setApplicationMenu(null);
    win.removeMenu();
    blockShortcuts(win.webContents);
  }
  if (o.production) win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  hardenWebContents(win.webContents);
  const load = (): void => void win.loadURL(appUrl(o.query));
  autoRestart(win, load);
  win.once('ready-to-show', () => win.show());
  load();
  return win;
}
