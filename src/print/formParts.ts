/**
 * The parts of a printed A4 form, each drawn at the current position: the header (form code, motto, title), the
 * "Kính gửi" line, a "label: value" row, an official table (CT01 item 11), the two-column marriage table, the
 * cam đoan, the signature blocks and the demo watermark. Set in the forms' serif (pdf.ts SERIF).
 */
import { upperVi } from '../vn/text';
import type { FilledField, FormDefinition, FormField } from '../forms/types';
import { SERIF, type Pdf } from './pdf';

export const DOTS = '…………………………………………………………';
export const SHORT_DOTS = '……………………………';
export const DATE_DOTS = '…………, ngày …… tháng …… năm ……';
/** Printed after an address the 2025 mapping could not convert, so it is never taken as final. */
export const UNCONVERTED_MARK = '(địa chỉ cũ, chưa chuyển đổi)';
export const WATERMARK = 'MẪU – KHÔNG CÓ GIÁ TRỊ';

export interface Spacing {
  /** Body font size (pt). */
  size: number;
  /** Space after a row, in lines. */
  gap: number;
}

const box = (doc: Pdf) => ({ left: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right });

/** Room left on the page before the bottom margin. */
export function roomLeft(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

export function ensureSpace(doc: Pdf, height: number): void {
  if (roomLeft(doc) < height) doc.addPage();
}

/** "Mẫu CT01 / Ban hành kèm theo …" at the top right, the motto with its rule, then the title. */
export function header(doc: Pdf, def: FormDefinition): void {
  const { left, width } = box(doc);
  const code = def.code ? `Mẫu ${def.code}` : null;
  if (code) doc.font(SERIF.bold).fontSize(11).text(code, left, doc.y, { width, align: 'right' });
  doc.font(SERIF.italic).fontSize(9).text(`Ban hành kèm theo ${def.legalBasis}`, left, doc.y, { width, align: 'right' });
  doc.moveDown(0.6);
  doc.font(SERIF.bold).fontSize(13).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left, doc.y, { width, align: 'center' });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  doc.fontSize(13).text(motto, left, doc.y, { width, align: 'center' });
  // The rule under the motto is as wide as the motto and sits below the deepest descender (p, ạ) of the line.
  const w = doc.widthOfString(motto);
  const mid = left + width / 2;
  const y = doc.y + 3;
  doc.moveTo(mid - w / 2, y).lineTo(mid + w / 2, y).lineWidth(0.6).stroke();
  doc.y = y + 4;
  doc.moveDown(1);
  doc.font(SERIF.bold).fontSize(14).text(def.title, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);
}

/** "Kính gửi(1): Công an phường …" centred, label regular and value bold on one line. */
export function recipientLine(doc: Pdf, label: string, value: string): void {
  const { left, width } = box(doc);
  doc.fontSize(13);
  const lw = doc.font(SERIF.regular).widthOfString(label);
  const vw = doc.font(SERIF.bold).widthOfString(value);
  if (lw + vw > width) {
    doc.font(SERIF.regular).text(label, left, doc.y, { width, continued: true }).font(SERIF.bold).text(value);
  } else {
    const x = left + (width - lw - vw) / 2;
    const y = doc.y;
    doc.font(SERIF.regular).text(label, x, y, { lineBreak: false });
    doc.font(SERIF.bold).text(value, x + lw, y, { lineBreak: false });
    doc.x = left;
    doc.y = y + doc.currentLineHeight(true);
  }
  doc.moveDown(0.6);
}

/** The printed value: dotted line when empty; names in capitals; an unconverted address marked as such. */
export function display(fd: FormField | undefined, f: FilledField): string {
  if (!f.value) return DOTS;
  if (fd?.personName) return upperVi(f.value);
  const isAddress = fd?.bind && 'attr' in fd.bind && fd.bind.attr === 'residence';
  if (isAddress && f.provenance === 'chip' && f.attention && f.rawValue && f.value === f.rawValue) return `${f.value} ${UNCONVERTED_MARK}`;
  return f.value;
}

export function row(doc: Pdf, label: string, value: string, sp: Spacing): void {
  const { left, width } = box(doc);
  doc.fontSize(sp.size);
  doc.font(SERIF.regular).text(`${label}: `, left, doc.y, { width, continued: true });
  doc.font(value === DOTS ? SERIF.regular : SERIF.bold).text(value);
  doc.moveDown(sp.gap);
}

export function paragraph(doc: Pdf, text: string, sp: Spacing, font: string = SERIF.regular): void {
  const { left, width } = box(doc);
  doc.font(font).fontSize(sp.size).text(text, left, doc.y, { width, align: 'justify' });
  doc.moveDown(sp.gap);
}

/** A bordered table; the first row is the heading. */
export function table(doc: Pdf, rows: string[][], widths: number[], size: number): void {
  const { left } = box(doc);
  rows.forEach((cells, r) => {
    doc.fontSize(size);
    const fontOf = (c: string, i: number) => (r === 0 ? SERIF.bold : i === 0 || c === SHORT_DOTS || c === '' ? SERIF.regular : SERIF.bold);
    const h = Math.max(...cells.map((c, i) => doc.font(fontOf(c, i)).heightOfString(c || ' ', { width: (widths[i] ?? 0) - 8 }))) + 8;
    ensureSpace(doc, h);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 0;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke();
      doc.font(fontOf(c, i)).text(c, x + 4, y + 4, { width: w - 8, align: r === 0 ? 'center' : 'left' });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  });
}

/** An official table field (CT01 item 11): the rows typed one per line, cells split by ";", numbered in TT. */
export function tableField(doc: Pdf, fd: FormField, value: string, sp: Spacing): void {
  const { width } = box(doc);
  const columns = fd.table ?? [];
  doc.font(SERIF.regular).fontSize(sp.size).text(`${fd.label}:`);
  doc.moveDown(0.2);
  const typed = value.split('\n').map((l) => l.trim()).filter(Boolean);
  const body = typed.map((line, i) => {
    const cells = line.split(';').map((c) => c.trim());
    const row = cells.length === columns.length ? cells : [String(i + 1), ...cells];
    return columns.map((_, j) => row[j] ?? '');
  });
  // Empty rows to write in by hand when nothing was typed (the paper form has blank lines).
  while (body.length < 3) body.push(columns.map(() => ''));
  const tt = 28;
  const rest = (width - tt) / Math.max(columns.length - 1, 1);
  table(doc, [columns, ...body], columns.map((_, j) => (j === 0 ? tt : rest)), sp.size - 1.5);
  doc.moveDown(sp.gap + 0.3);
}

/** Two columns (Bên nữ | Bên nam) with the row labels on the left, as in the marriage declaration [S8]. */
export function pairedTable(doc: Pdf, def: FormDefinition, byKey: Map<string, FilledField>, groups: [string, string], sp: Spacing): void {
  const { width } = box(doc);
  const [ga, gb] = groups;
  const a = def.fields.filter((f) => f.group === ga && !f.portalOnly);
  const b = def.fields.filter((f) => f.group === gb && !f.portalOnly);
  const lines: string[][] = [['Thông tin', ga, gb]];
  a.forEach((fa, i) => {
    const fb = b[i];
    const cell = (fd: FormField | undefined) => {
      const v = fd ? byKey.get(fd.key) : undefined;
      return fd && v?.value ? display(fd, v) : SHORT_DOTS;
    };
    lines.push([fa.label, cell(fa), cell(fb)]);
  });
  table(doc, lines, [width * 0.28, width * 0.36, width * 0.36], sp.size - 1);
  doc.moveDown(0.8);
}

/** Height the signature section needs (date lines, captions, the space to sign). */
export function signaturesHeight(def: FormDefinition): number {
  const blocks = def.signatures ?? [];
  const rows = Math.ceil(blocks.length / 2);
  return 20 + rows * (blocks.some((b) => b.dated) ? 118 : 100);
}

/**
 * The signature blocks, two per row (one signer: the right half). A dated block has its own "…, ngày … tháng …
 * năm …" line (CT01); the last block — the declarant's — carries the filled place and date, the others stay blank.
 */
export function signatures(doc: Pdf, def: FormDefinition, placeDate: string | null, dateLine = true): void {
  const { left, width } = box(doc);
  const blocks = def.signatures ?? [{ title: 'Người kê khai', caption: '(Ký, ghi rõ họ tên)' }];
  const perRow = Math.min(blocks.length, 2);
  const w = width / 2;
  const x0 = perRow === 1 ? left + width / 2 : left;
  const dated = blocks.some((b) => b.dated);
  if (!dated && dateLine) {
    doc.font(SERIF.italic).fontSize(12).text(placeDate ?? DATE_DOTS, left, doc.y, { width, align: 'right' });
    doc.moveDown(0.5);
  }
  for (let i = 0; i < blocks.length; i += perRow) {
    ensureSpace(doc, dated ? 118 : 100);
    const y = doc.y;
    let bottom = y;
    blocks.slice(i, i + perRow).forEach((b, j) => {
      const x = x0 + j * w;
      let top = y;
      if (b.dated) {
        const isLast = i + j === blocks.length - 1;
        doc.font(SERIF.italic).fontSize(10.5).text(isLast && placeDate ? placeDate : DATE_DOTS, x + 2, top, { width: w - 4, align: 'center' });
        top = doc.y + 2;
      }
      doc.font(SERIF.bold).fontSize(11).text(b.title, x + 4, top, { width: w - 8, align: 'center' });
      doc.font(SERIF.italic).fontSize(10).text(b.caption, x + 4, doc.y, { width: w - 8, align: 'center' });
      bottom = Math.max(bottom, doc.y + 64);
    });
    doc.x = left;
    doc.y = bottom;
  }
}

/** A light diagonal "MẪU – KHÔNG CÓ GIÁ TRỊ" across the page body: demo prints can never pass for real ones. */
export function watermark(doc: Pdf): void {
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  doc.save();
  doc.rotate(-50, { origin: [cx, cy] });
  doc.font(SERIF.bold).fontSize(58).fillColor('#c00000').fillOpacity(0.16);
  const w = doc.widthOfString(WATERMARK);
  doc.text(WATERMARK, cx - w / 2, cy - 30, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).fillColor('black');
}
