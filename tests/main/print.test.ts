import { describe, it, expect } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ElectronPrintSink } from '../../src/main/print';
import { fakeElectron, FakeBrowserWindow } from './fakeElectron';

describe('ElectronPrintSink', () => {
  it('prints silently through lp to the configured printer when CUPS exists', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-lp-'));
    const lp = path.join(dir, 'lp');
    writeFileSync(lp, `#!/bin/sh\necho "$@" > ${dir}/args\ncat > ${dir}/job.pdf\n`);
    chmodSync(lp, 0o755);
    const { e } = fakeElectron();
    await new ElectronPrintSink(e as never, lp).print(new TextEncoder().encode('%PDF-1.7 x'), 'Kiosk-Printer', 'HS-1-declaration');
    expect(readFileSync(path.join(dir, 'job.pdf'), 'utf8')).toBe('%PDF-1.7 x');
    expect(readFileSync(path.join(dir, 'args'), 'utf8')).toContain('-d Kiosk-Printer');
  });

  it('falls back to a hidden window and webContents.print({silent})', async () => {
    const { e } = fakeElectron();
    await new ElectronPrintSink(e as never, '/nonexistent/lp').print(new Uint8Array([1, 2]), 'P1', 'job');
    expect(FakeBrowserWindow.printed[0]).toMatchObject({ silent: true, deviceName: 'P1' });
    const win = FakeBrowserWindow.created[0]!;
    expect(win.options).toMatchObject({ show: false });
    expect(win.isDestroyed()).toBe(true);
  });
});

describe('the print window navigates nowhere', () => {
  it('refuses navigation, redirects, subframe navigation, new windows and webviews away from its PDF', async () => {
    const { e } = fakeElectron();
    FakeBrowserWindow.created.length = 0;
    await new ElectronPrintSink(e as never, '/nonexistent/lp').print(new Uint8Array([1, 2]), null, 'job');
    const win = FakeBrowserWindow.created[0]!;
    const pdf = win.loaded[0]!;
    expect(pdf).toMatch(/^file:\/\/.*job\.pdf$/);
    const prevented = (name: string, ...args: unknown[]): boolean => {
      let stopped = false;
      const event = { preventDefault: () => (stopped = true), ...(typeof args[0] === 'object' ? (args[0] as object) : {}) };
      win.webContents.emit(name, event, ...args.filter((a) => typeof a === 'string'));
      return stopped;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(true);
    expect(prevented('will-frame-navigate', { url: 'file:///etc/passwd', isMainFrame: true })).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(win.webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    // Its own PDF and Chromium's PDF viewer frames are allowed.
    expect(prevented('will-frame-navigate', { url: pdf, isMainFrame: true })).toBe(false);
    expect(prevented('will-frame-navigate', { url: 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', isMainFrame: false })).toBe(false);
  });
});
