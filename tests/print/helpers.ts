/** Runs the poppler tools on rendered PDFs (installed on the build machine) and decodes QR codes from PNG pages. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function writeTemp(pdf: Uint8Array, name = 'doc.pdf'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-print-'));
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return { dir, file };
}

/** `pdftoppm -png -r <dpi>` → the PNG page files, sorted. */
export function rasterize(pdf: Uint8Array, dpi = 50): string[] {
  const { dir, file } = writeTemp(pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
  return readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort().map((f) => join(dir, f));
}

/** `pdftotext` → the document's text (layout order). */
export function pdfText(pdf: Uint8Array): string {
  const { file } = writeTemp(pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function decodeQr(pngFile: string): string | null {
  const png = PNG.sync.read(readFileSync(pngFile));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  return code?.data ?? null;
}
