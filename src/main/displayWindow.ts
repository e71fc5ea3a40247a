/**
 * The hall display as a second window of the Electron app (`--display`): one PC at the counter or the kiosk with
 * a TV as its second screen. Full screen on that screen when there is one, otherwise a normal 1920×1080 window.
 * It plays the announcement clips by itself (no user gesture will ever come), restarts after a renderer crash,
 * and may show the display page only; what it may call is decided by src/main/ipc.ts from which window it is.
 */
import type * as Electron from 'electron';
import { APP_ORIGIN, hardenDisplayContents, secureWebPreferences } from './security';
import { autoRestart, blockShortcuts } from './kiosk';

export const DISPLAY_URL = `${APP_ORIGIN}/index.html?view=display`;

export interface DisplayWindowOptions {
  preload: string;
  production: boolean;
  /** The second screen's area; undefined = no second screen (a window on the first). */
  bounds?: Electron.Rectangle;
}

export function displayWindowOptions(o: DisplayWindowOptions): Electron.BrowserWindowConstructorOptions {
  const common: Electron.BrowserWindowConstructorOptions = {
    title: 'Motcua — màn hình phòng chờ',
    backgroundColor: '#0b1f3a',
    show: false,
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(o.preload, !o.production), autoplayPolicy: 'no-user-gesture-required', plugins: false },
  };
  return o.bounds ? { ...common, ...o.bounds, fullscreen: true, frame: false } : { ...common, width: 1920, height: 1080, minWidth: 1024, minHeight: 600 };
}

type ElectronForDisplay = Pick<typeof Electron, 'BrowserWindow'>;

export function createDisplayWindow(e: ElectronForDisplay, o: DisplayWindowOptions): Electron.BrowserWindow {
  const win = new e.BrowserWindow(displayWindowOptions(o));
  win.removeMenu();
  blockShortcuts(win.webContents);
  if (o.production) win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  hardenDisplayContents(win.webContents, DISPLAY_URL);
  const load = (): void => void win.loadURL(DISPLAY_URL);
  autoRestart(win, load);
  win.once('ready-to-show', () => win.show());
  load();
  return win;
}

type ScreenLike = Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;

/** The area of a screen other than the primary one (the TV), or undefined with one screen. */
export function secondScreen(screen: ScreenLike | undefined): Electron.Rectangle | undefined {
  if (!screen) return undefined;
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().find((d) => d.id !== primary)?.bounds;
}
