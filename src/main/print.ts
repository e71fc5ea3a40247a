/**
 * Printing in the Electron host. Silent kiosk printing goes to the configured printer: through CUPS (`lp`) where it
 * exists (Linux kiosks: no PDF-plugin quirks), otherwise by loading the PDF into a hidden window and calling
 * webContents.print({ silent: true, deviceName }). Clerks get a preview in the renderer instead (PDF bytes).
 */
import type * as Electron from 'electron';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintSink } from '../api/ports';
import { LpPrintSink } from '../hostShared/lpSink';
import { hardenPrintContents } from './security';

export class ElectronPrintSink implements PrintSink {
  readonly available = true;
  private readonly lp: LpPrintSink;
  constructor(
    private readonly e: Pick<typeof Electron, 'BrowserWindow'>,
    lpPath?: string,
  ) {
    this.lp = new LpPrintSink(lpPath);
  }

  async print(pdf: Uint8Array, printer: string | null, jobName: string): Promise<void> {
    if (this.lp.available) return this.lp.print(pdf, printer, jobName);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-print-'));
    const file = path.join(dir, 'job.pdf');
    writeFileSync(file, pdf, { mode: 0o600 });
    const win = new this.e.BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true } });
    const url = pathToFileURL(file).href;
    hardenPrintContents(win.webContents, url);
    try {
      await win.loadURL(url);
      await new Promise<void>((resolve, reject) =>
        win.webContents.print({ silent: true, printBackground: true, deviceName: printer ?? undefined }, (ok, reason) => (ok ? resolve() : reject(new Error(`print failed: ${reason}`)))),
      );
    } finally {
      win.destroy();
      // The PDF holds personal data: never leave it in /tmp.
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
