/**
 * Kiosk-mode behaviour: no reload/devtools/close/print-dialog shortcuts for passers-by, and a renderer that comes
 * back by itself when its process dies (a kiosk has nobody to press F5).
 */
import type * as Electron from 'electron';

export interface KeyInput {
  type: string;
  key: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

const FUNCTION_KEYS = new Set(['F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch']);
const CTRL_KEYS = new Set(['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'f', 'g', 'h', 'j', 'l', 'u', 'i', '+', '-', '=', '0', 'tab']);

/** True for shortcuts a citizen must not use on the kiosk (reload, devtools, close, zoom, print dialog, navigation). */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (FUNCTION_KEYS.has(input.key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  if ((input.control || input.meta) && CTRL_KEYS.has(key)) return true;
  if (input.key === 'Escape' && input.shift) return true;
  return false;
}

export function blockShortcuts(contents: Pick<Electron.WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

/** Reload the page after a renderer crash/kill; give up after `maxRestarts` in `windowMs` to avoid a crash loop. */
export function autoRestart(win: Pick<Electron.BrowserWindow, 'webContents' | 'isDestroyed'>, reload: () => void, o: { maxRestarts?: number; windowMs?: number; delayMs?: number; now?: () => number } = {}): void {
  const stamps: number[] = [];
  const now = o.now ?? Date.now;
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason === 'clean-exit') return;
    const t = now();
    while (stamps.length && t - stamps[0]! > (o.windowMs ?? 60_000)) stamps.shift();
    if (stamps.length >= (o.maxRestarts ?? 5)) return;
    stamps.push(t);
    setTimeout(() => {
      if (!win.isDestroyed()) reload();
    }, o.delayMs ?? 500);
  });
}
