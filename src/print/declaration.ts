/**
 * The printed declaration (A4), laid out like the official forms: the national motto header, the title, "Kính gửi",
 * the rows "label: value" grouped as on the form (two columns Bên nữ / Bên nam for the marriage form, forms.md
 * §1.3 C), the place-and-date line, and the signature blocks with empty space for a wet signature.
 * Person names print in UPPERCASE with full diacritics (forms.md §5.2); empty fields print as dotted lines to be
 * completed by hand. A footer names the dossier and says the values were pre-filled from the chip.
 */
import { upperVi } from '../vn/text';
import type { FilledField, FilledForm, FormDefinition, FormField, OfficeConfig } from '../forms/types';
import { parseMetaDate, type PrintMeta } from './meta';
import { FONT, MM, type Pdf, finish, newPdf, vnDateTime } from './pdf';

export type { PrintMeta } from './meta';

export const DEMO_BANNER = 'THẺ MẪU – DỮ LIỆU MẪU, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ';

const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM };
const DOTS = '…………………………………………………………';
const SHORT_DOTS = '……………………………';

function header(doc: Pdf, def: FormDefinition) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(FONT.italic).fontSize(8).text(`Ban hành kèm theo ${def.legalBasis}`, left, doc.y, { width, align: 'right' });
  doc.moveDown(0.6);
  doc.font(FONT.bold).fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left, doc.y, { width, align: 'center' });
  doc.fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width, align: 'center' });
  const mid = left + width / 2;
  doc.moveTo(mid - 80, doc.y + 2).lineTo(mid + 80, doc.y + 2).lineWidth(0.6).stroke();
  doc.moveDown(1.5);
  doc.font(FONT.bold).fontSize(14).text(def.title, left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
}

/** "Kính gửi(1): Công an phường …" centred, label regular and value bold on one line. */
function recipientLine(doc: Pdf, label: string, value: string) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(12);
  const lw = doc.font(FONT.regular).widthOfString(label);
  const vw = doc.font(FONT.bold).widthOfString(value);
  if (lw + vw > width) {
    doc.font(FONT.regular).text(label, left, doc.y, { width, continued: true }).font(FONT.bold).text(value);
  } else {
    const x = left + (width - lw - vw) / 2;
    const y = doc.y;
    doc.font(FONT.regular).text(label, x, y, { lineBreak: false });
    doc.font(FONT.bold).text(value, x + lw, y, { lineBreak: false });
    doc.x = left;
    doc.y = y + doc.currentLineHeight(true);
  }
  doc.moveDown(0.8);
}

function display(fd: FormField | undefined, f: FilledField): string {
  if (!f.value) return DOTS;
  return fd?.personName ? upperVi(f.value) : f.value;
}

function row(doc: Pdf, label: string, value: string) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(10.5);
  doc.font(FONT.regular).text(`${label}: `, left, doc.y, { width, continued: true });
  doc.font(value === DOTS ? FONT.regular : FONT.bold).text(value);
  doc.moveDown(0.2);
}

function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Two columns (Bên nữ | Bên nam) with the row labels on the left, as in the marriage declaration [S8]. */
function pairedTable(doc: Pdf, def: FormDefinition, byKey: Map<string, FilledField>, groups: [string, string]) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const cols = [width * 0.3, width * 0.35, width * 0.35];
  const [ga, gb] = groups;
  const a = def.fields.filter((f) => f.group === ga && !f.portalOnly);
  const b = def.fields.filter((f) => f.group === gb && !f.portalOnly);
  const lines: [string, string, string][] = [['Thông tin', ga, gb]];
  a.forEach((fa, i) => {
    const fb = b[i];
    const va = byKey.get(fa.key);
    const vb = fb ? byKey.get(fb.key) : undefined;
    const cell = (fd: FormField | undefined, v: FilledField | undefined) => (fd && v?.value ? display(fd, v) : SHORT_DOTS);
    lines.push([fa.label, cell(fa, va), cell(fb, vb)]);
  });
  lines.forEach((cells, r) => {
    doc.fontSize(10);
    const fontOf = (c: string, i: number) => (r === 0 ? FONT.bold : i === 0 || c === SHORT_DOTS ? FONT.regular : FONT.bold);
    const heights = cells.map((c, i) => doc.font(fontOf(c, i)).heightOfString(c, { width: (cols[i] ?? 0) - 8 }));
    const h = Math.max(...heights) + 8;
    ensureSpace(doc, h);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = cols[i] ?? 0;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke();
      doc.font(fontOf(c, i)).text(c, x + 4, y + 4, { width: w - 8, align: r === 0 ? 'center' : 'left' });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  });
  doc.moveDown(0.8);
}

function signatures(doc: Pdf, def: FormDefinition, placeDate: string | null) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const blocks = def.signatures ?? [{ title: 'Người kê khai', caption: '(Ký, ghi rõ họ tên)' }];
  const perRow = Math.min(blocks.length, 2);
  const w = width / 2;
  // A single signer signs on the right half, as on the official forms.
  const x0 = perRow === 1 ? left + width / 2 : left;
  ensureSpace(doc, 40 + Math.ceil(blocks.length / perRow) * 120);
  if (placeDate) {
    doc.font(FONT.italic).fontSize(11).text(placeDate, left, doc.y, { width, align: 'right' });
    doc.moveDown(0.8);
  }
  for (let i = 0; i < blocks.length; i += perRow) {
    ensureSpace(doc, 120);
    const y = doc.y;
    let bottom = y;
    blocks.slice(i, i + perRow).forEach((b, j) => {
      const x = x0 + j * w;
      doc.font(FONT.bold).fontSize(10).text(b.title, x + 4, y, { width: w - 8, align: 'center' });
      doc.font(FONT.italic).fontSize(9).text(b.caption, x + 4, doc.y, { width: w - 8, align: 'center' });
      // Empty box where the person signs and writes their name by hand.
      const boxTop = doc.y + 4;
      doc.rect(x + 16, boxTop, w - 32, 70).lineWidth(0.4).dash(2, { space: 2 }).stroke().undash();
      bottom = Math.max(bottom, boxTop + 78);
    });
    doc.x = left;
    doc.y = bottom;
  }
}

function footer(doc: Pdf, meta: PrintMeta) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const text = `Mã hồ sơ: ${meta.dossierId} · In lúc ${vnDateTime(parseMetaDate(meta.printedAt, 'printedAt'))} · Thông tin điền sẵn từ chip thẻ căn cước; người khai kiểm tra trước khi ký.`;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not trigger a new page
    doc.font(FONT.regular).fontSize(7).fillColor('#555555')
      .text(`${text} Trang ${i - range.start + 1}/${range.count}`, left, doc.page.height - bottomMargin + 14, { width, align: 'center', lineBreak: true });
    if (meta.demo) {
      doc.font(FONT.bold).fontSize(9).fillColor('#b00000').text(DEMO_BANNER, left, doc.page.margins.top / 2 - 4, { width, align: 'center', lineBreak: false });
    }
    doc.page.margins.bottom = bottomMargin;
    doc.fillColor('black');
  }
}

/** Renders the filled declaration as an A4 PDF. Same input (including meta.printedAt) → same bytes. */
export function renderDeclarationPdf(def: FormDefinition, filled: FilledForm, office: OfficeConfig, meta: PrintMeta): Promise<Uint8Array> {
  if (def.id !== filled.formId || def.version !== filled.formVersion) {
    throw new Error(`form definition ${def.id}/${def.version} does not match filled form ${filled.formId}/${filled.formVersion}`);
  }
  // Pages are buffered so the footer (page x/y) can be written after the content.
  const doc = newPdf({ size: 'A4', margins: MARGIN, title: `${def.title} – ${meta.dossierId}`, createdAt: parseMetaDate(meta.printedAt, 'printedAt'), bufferPages: true });
  const byKey = new Map(filled.fields.map((f) => [f.key, f]));
  header(doc, def);

  const recipient = byKey.get('kinhGui');
  if (recipient) {
    const fd = def.fields.find((f) => f.key === 'kinhGui');
    recipientLine(doc, `${fd?.label ?? 'Kính gửi'}: `, recipient.value || office.communeName);
  }
  const placeDate = byKey.get('lamTai')?.value || null;
  const skip = new Set(['kinhGui', 'lamTai']);
  const groups = [...new Set(def.fields.map((f) => f.group))];
  const paired = groups.includes('Bên nữ') && groups.includes('Bên nam');
  let pairedDone = false;
  for (const g of groups) {
    if (paired && (g === 'Bên nữ' || g === 'Bên nam')) {
      if (!pairedDone) pairedTable(doc, def, byKey, ['Bên nữ', 'Bên nam']);
      pairedDone = true;
      continue;
    }
    const fields = def.fields.filter((f) => f.group === g && !skip.has(f.key) && !f.portalOnly);
    if (!fields.length) continue;
    ensureSpace(doc, 40);
    doc.font(FONT.bold).fontSize(11).text(g.toLocaleUpperCase('vi-VN'), doc.page.margins.left, doc.y);
    doc.moveDown(0.3);
    for (const fd of fields) {
      const f = byKey.get(fd.key);
      row(doc, fd.label, f ? display(fd, f) : DOTS);
    }
    doc.moveDown(0.5);
  }
  signatures(doc, def, placeDate);
  footer(doc, meta);
  return finish(doc);
}
