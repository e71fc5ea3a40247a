import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMainArgs, runMain, type ElectronLike } from '../../src/main/main';
import { IPC_CHANNEL } from '../../src/api/contract';
import { fakeElectron, FakeBrowserWindow } from './fakeElectron';

describe('Electron main', () => {
  it('a second instance quits at once', async () => {
    const { e, app } = fakeElectron({ lock: false });
    expect(await runMain(e as unknown as ElectronLike, { kiosk: true, demo: true, dataDir: '/nonexistent', production: true })).toBeNull();
    expect(app.quitCalled).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('wires scheme, CSP, window and IPC to the real composition root (demo card, real store)', async () => {
    const { e, protocol, ipcHandlers } = fakeElectron();
    const renderer = mkdtempSync(path.join(os.tmpdir(), 'motcua-r-'));
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-d-'));
    const app = await runMain(e as unknown as ElectronLike, { kiosk: true, demo: true, dataDir, production: true }, { renderer, preload: '/p.js' });
    try {
      expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
      const res = await protocol.handlers.get('app')!(new Request('app://motcua/index.html'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      // Dot segments are resolved by the URL parser (then SPA fallback); encoded ones must not escape the root.
      expect(await (await protocol.handlers.get('app')!(new Request('app://motcua/../../etc/passwd'))).text()).toBe('<!doctype html>');
      expect((await protocol.handlers.get('app')!(new Request('app://motcua/..%2f..%2fetc%2fpasswd'))).status).toBe(404);
      expect(FakeBrowserWindow.created[0]!.options).toMatchObject({ kiosk: true });
      const info = await ipcHandlers.get(IPC_CHANNEL.invoke)!({ senderFrame: { url: 'app://motcua/index.html' } }, { method: 'app.info', input: {} });
      expect(info).toMatchObject({ ok: true, result: { host: 'electron', demo: true, mode: 'kiosk' } });
    } finally {
      await app?.close();
    }
  });

  it('parseMainArgs', () => {
    expect(parseMainArgs(['--counter', '--demo', '--data', '/tmp/x'], {})).toMatchObject({ kiosk: false, demo: true, dataDir: '/tmp/x', production: true });
    expect(parseMainArgs([], { NODE_ENV: 'development', MOTCUA_DATA: '/d' })).toMatchObject({ kiosk: true, dataDir: '/d', production: false });
  });
});
