/**
 * Shared pdfkit plumbing: the embedded Vietnamese-capable fonts (the standard PDF fonts lack the precomposed
 * Vietnamese letters), deterministic document metadata, and collecting the output bytes.
 * - FONT (the 80 mm slip): DejaVu Sans from node_modules, legible on thermal paper.
 * - SERIF (the A4 forms): official forms are set in Times New Roman; Liberation Serif (Debian fonts-liberation2,
 *   SIL OFL) has the same metrics and covers Vietnamese. Where it is not installed, DejaVu Serif from
 *   node_modules keeps printing possible (wider, so a long form may take more space).
 * Node only (main process / server): the fonts are resolved at run time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

export const FONT = { regular: 'DejaVu', bold: 'DejaVu-Bold', italic: 'DejaVu-Oblique' } as const;
export const SERIF = { regular: 'Serif', bold: 'Serif-Bold', italic: 'Serif-Italic', boldItalic: 'Serif-BoldItalic' } as const;

const require = createRequire(import.meta.url);
const FONT_FILES: Record<keyof typeof FONT, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
};
const LIBERATION_DIR = '/usr/share/fonts/truetype/liberation2';
const LIBERATION: Record<keyof typeof SERIF, string> = {
  regular: 'LiberationSerif-Regular.ttf', bold: 'LiberationSerif-Bold.ttf', italic: 'LiberationSerif-Italic.ttf', boldItalic: 'LiberationSerif-BoldItalic.ttf',
};
const DEJAVU_SERIF: Record<keyof typeof SERIF, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSerif.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf', boldItalic: 'dejavu-fonts-ttf/ttf/DejaVuSerif-BoldItalic.ttf',
};

/** Which serif the forms use on this machine ('Liberation Serif' when fonts-liberation2 is installed). */
export function serifFamily(): 'Liberation Serif' | 'DejaVu Serif' {
  return existsSync(`${LIBERATION_DIR}/${LIBERATION.regular}`) ? 'Liberation Serif' : 'DejaVu Serif';
}

function serifFile(k: keyof typeof SERIF): string {
  return serifFamily() === 'Liberation Serif' ? `${LIBERATION_DIR}/${LIBERATION[k]}` : require.resolve(DEJAVU_SERIF[k]);
}

export const MM = 72 / 25.4;

export interface PdfOptions {
  size: [number, number] | 'A4';
  margins: { top: number; bottom: number; left: number; right: number };
  title: string;
  /** Fixed creation date so the same input gives the same bytes (pdfkit derives the file ID from it). */
  createdAt: Date;
  /** Keep pages in memory so text (page footers) can be added after the content. */
  bufferPages?: boolean;
}

export function newPdf(o: PdfOptions): Pdf {
  const doc = new PDFDocument({
    size: o.size,
    margins: o.margins,
    autoFirstPage: true,
    bufferPages: o.bufferPages ?? false,
    info: { Title: o.title, Creator: 'Motcua', Producer: 'Motcua', CreationDate: o.createdAt, ModDate: o.createdAt },
    lang: 'vi-VN',
  });
  for (const k of Object.keys(FONT) as (keyof typeof FONT)[]) doc.registerFont(FONT[k], require.resolve(FONT_FILES[k]));
  for (const k of Object.keys(SERIF) as (keyof typeof SERIF)[]) doc.registerFont(SERIF[k], serifFile(k));
  doc.font(FONT.regular);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: Pdf): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      resolve(out);
    });
    doc.end();
  });
}

/** "08 giờ 37 phút, ngày 20 tháng 11 năm 2019" in Asia/Ho_Chi_Minh, the receipt convention [S16]. */
export function vnDateTime(at: Date): string {
  const l = new Date(at.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCHours())} giờ ${p(l.getUTCMinutes())} phút, ngày ${p(l.getUTCDate())} tháng ${p(l.getUTCMonth() + 1)} năm ${l.getUTCFullYear()}`;
}
