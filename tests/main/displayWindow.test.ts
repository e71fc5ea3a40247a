/**
 * The hall display as Electron's second window (--display), with the fake electron module: its window, its
 * navigation guard, its rights over IPC (by which window calls, not by what its page says), its events, and the
 * announcement clips on app://.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Electron from 'electron';
import { createDisplayWindow, displayWindowOptions, DISPLAY_URL, secondScreen } from '../../src/main/displayWindow';
import { registerIpc } from '../../src/main/ipc';
import { parseMainArgs, runMain, type ElectronLike } from '../../src/main/main';
import { IPC_CHANNEL } from '../../src/api/contract';
import { makeCore } from '../api/fakes';
import { fakeElectron, FakeBrowserWindow, FakeWebContents } from './fakeElectron';

const APP_FRAME = { url: 'app://motcua/index.html' };

describe('Electron hall-display window', () => {
  it('is sandboxed like the app window, plays sound unattended, and goes full screen on a second screen', () => {
    const plain = displayWindowOptions({ preload: '/p.js', production: true });
    expect(plain.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, autoplayPolicy: 'no-user-gesture-required', plugins: false });
    expect(plain).toMatchObject({ width: 1920, height: 1080 });
    expect(plain.fullscreen).toBeUndefined();
    const tv = displayWindowOptions({ preload: '/p.js', production: true, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } });
    expect(tv).toMatchObject({ x: 1366, y: 0, width: 1920, height: 1080, fullscreen: true, frame: false });
    const screens = (ids: number[]) => ({ getPrimaryDisplay: () => ({ id: 1 }), getAllDisplays: () => ids.map((id) => ({ id, bounds: { x: id * 100, y: 0, width: 10, height: 10 } })) }) as never;
    expect(secondScreen(screens([1]))).toBeUndefined();
    expect(secondScreen(screens([1, 2]))).toEqual({ x: 200, y: 0, width: 10, height: 10 });
    expect(secondScreen(undefined)).toBeUndefined();
  });

  it('shows the display page only: not the kiosk or counter pages, nothing foreign; restarts after a crash', async () => {
    const { e } = fakeElectron();
    createDisplayWindow(e as unknown as Pick<typeof Electron, 'BrowserWindow'>, { preload: '/p.js', production: true });
    const win = FakeBrowserWindow.created[0]!;
    expect(win.loaded).toEqual([DISPLAY_URL]);
    expect(win.menuRemoved).toBe(true);
    const nav = (url: string) => {
      let prevented = false;
      win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('app://motcua/index.html')).toBe(true);
    expect(nav('app://motcua/index.html?mode=counter')).toBe(true);
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav(DISPLAY_URL)).toBe(false);
    expect(win.webContents.openHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    await new Promise((r) => setTimeout(r, 600));
    expect(win.loaded).toEqual([DISPLAY_URL, DISPLAY_URL]);
  });

  it('IPC: the display window may call only the display methods (whatever its URL or token), and hears only the queue events', async () => {
    const { e, ipcHandlers } = fakeElectron();
    const { core, card } = makeCore();
    const main = new FakeWebContents();
    const display = new FakeWebContents();
    registerIpc(e.ipcMain as never, core, () => main as never, () => display as never);
    const invoke = ipcHandlers.get(IPC_CHANNEL.invoke)!;
    const fromDisplay = (method: string, input: unknown = {}, token?: string) => invoke({ senderFrame: APP_FRAME, sender: display }, { method, input, ...(token ? { token } : {}) });
    const fromMain = (method: string, input: unknown = {}, token?: string) => invoke({ senderFrame: APP_FRAME, sender: main }, { method, input, ...(token ? { token } : {}) });
    const { token } = (await core.handle('auth.login', { username: 'admin', password: 'pw-admin' })) as { token: string };
    expect(await fromDisplay('app.info')).toMatchObject({ ok: true, result: { name: 'Motcua' } });
    for (const m of ['queue.display', 'queue.info']) expect(((await fromDisplay(m)) as { error?: { code: string } }).error?.code).not.toBe('FORBIDDEN');
    for (const m of ['dossier.list', 'card.read', 'card.status', 'auth.login', 'settings.get', 'queue.callNext']) expect(await fromDisplay(m, {}, token), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The app window keeps its full rights, token included.
    expect(await fromMain('dossier.list', {}, token)).toMatchObject({ ok: true });
    card.set({ state: 'no-card', reader: 'R0' });
    (core as unknown as { emit: (e: string, d: unknown) => void }).emit('queue.call', { counter: 2, label: '17', kind: 'call', clips: ['chime'] });
    const events = (wc: FakeWebContents) => wc.sent.map((s) => (s.data as { event: string }).event);
    expect(events(display)).toEqual(['queue.call']);
    expect(events(main)).toEqual(['card.status', 'queue.call']);
  });

  it('runMain --display opens the second window and serves the clips on app://', async () => {
    expect(parseMainArgs(['--display'], {}).display).toBe(true);
    expect(parseMainArgs([], {}).display).toBe(false);
    const { e, protocol } = fakeElectron();
    const renderer = mkdtempSync(path.join(os.tmpdir(), 'motcua-r-'));
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const announce = mkdtempSync(path.join(os.tmpdir(), 'motcua-a-'));
    writeFileSync(path.join(announce, 'chime.wav'), 'RIFF');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-d-'));
    const app = await runMain(e as unknown as ElectronLike, { kiosk: true, demo: true, dataDir, production: true, display: true }, { renderer, preload: '/p.js', announce });
    try {
      expect(FakeBrowserWindow.created.map((w) => w.loaded[0])).toEqual(['app://motcua/index.html', DISPLAY_URL]);
      const get = (u: string) => protocol.handlers.get('app')!(new Request(u));
      const clip = await get('app://motcua/announce/chime.wav');
      expect(clip.status).toBe(200);
      expect(clip.headers.get('content-type')).toBe('audio/wav');
      expect((await get('app://motcua/announce/missing.wav')).status).toBe(404);
      expect((await get('app://motcua/announce/..%2findex.html')).status).toBe(404);
    } finally {
      await app?.close();
    }
  });
});
