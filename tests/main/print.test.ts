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
