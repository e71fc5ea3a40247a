/**
 * Silent printing for the browser host through CUPS (`lp`): the PDF goes to the configured printer without a
 * dialog. Available only when `lp` exists; otherwise the kiosk falls back to preview + the browser print dialog.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { PrintSink } from '../api/ports';

export class LpPrintSink implements PrintSink {
  readonly available: boolean;
  constructor(private readonly lpPath = '/usr/bin/lp') {
    this.available = existsSync(lpPath);
  }
  print(pdf: Uint8Array, printer: string | null, jobName: string): Promise<void> {
    const args = [...(printer ? ['-d', printer] : []), '-t', jobName, '-o', 'media=A4', '-'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.lpPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`lp exited ${code}: ${err.trim().slice(0, 200)}`))));
      child.stdin.end(Buffer.from(pdf));
    });
  }
}
