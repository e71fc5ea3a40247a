import { describe, it, expect } from 'vitest';
import type * as Electron from 'electron';
import { createMainWindow, windowOptions } from '../../src/main/windows';
import { fakeElectron, FakeBrowserWindow } from './fakeElectron';

function make(kiosk: boolean, production = true) {
  const { e } = fakeElectron();
  createMainWindow(e as unknown as Pick<typeof Electron, 'BrowserWindow' | 'Menu'>, { kiosk, preload: '/app/preload.js', production });
  return { win: FakeBrowserWindow.created[0]!, e };
}

describe('main window', () => {
  it('carries the security flags in both modes', () => {
    for (const kiosk of [true, false]) {
      const wp = windowOptions({ kiosk, preload: '/p.js', production: true }).webPreferences!;
      expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false, preload: '/p.js' });
    }
    expect(windowOptions({ kiosk: false, preload: '/p.js', production: false }).webPreferences!.devTools).toBe(true);
  });

  it('kiosk: full screen, no menu, loads app:// only', () => {
    const { win, e } = make(true);
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(e.Menu.appMenu).toBeNull();
    expect(win.menuRemoved).toBe(true);
    expect(win.loaded).toEqual(['app://motcua/index.html']);
  });

  it('counter: a normal 1366×768 window', () => {
    const { win } = make(false);
    expect(win.options).toMatchObject({ width: 1366, height: 768 });
    expect(win.options.kiosk).toBeUndefined();
  });

  it('blocks navigation away from the app and new windows', () => {
    const { win } = make(true);
    const nav = (url: string) => {
      let prevented = false;
      win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('app://motcua/index.html?mode=counter')).toBe(false);
    expect(win.webContents.openHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
    let webview = false;
    win.webContents.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  it('subframes may show only the app, its blob: PDF previews and the PDF viewer', () => {
    const { win } = make(true);
    const frameNav = (url: string, isMainFrame = false) => {
      let prevented = false;
      win.webContents.emit('will-frame-navigate', { preventDefault: () => (prevented = true), url, isMainFrame });
      return prevented;
    };
    expect(frameNav('https://evil.example/')).toBe(true);
    expect(frameNav('file:///etc/passwd')).toBe(true);
    expect(frameNav('blob:https://evil.example/1')).toBe(true);
    expect(frameNav('https://evil.example/', true)).toBe(true);
    expect(frameNav('blob:app://motcua/4b1c')).toBe(false);
    expect(frameNav('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html')).toBe(false);
    expect(frameNav('app://motcua/index.html', true)).toBe(false);
  });

  it('kiosk blocks reload/devtools shortcuts via before-input-event', () => {
    const { win } = make(true);
    const press = (input: Record<string, unknown>) => {
      let prevented = false;
      win.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, { type: 'keyDown', ...input });
      return prevented;
    };
    expect(press({ key: 'r', control: true })).toBe(true);
    expect(press({ key: 'F12' })).toBe(true);
    expect(press({ key: 'I', control: true, shift: true })).toBe(true);
    expect(press({ key: 'F4', alt: true })).toBe(true);
    expect(press({ key: 'a' })).toBe(false);
  });

  it('restarts the renderer after render-process-gone', async () => {
    const { win } = make(true);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    await new Promise((r) => setTimeout(r, 600));
    expect(win.loaded.length).toBe(2);
  });
});
