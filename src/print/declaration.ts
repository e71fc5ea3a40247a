/**
 * The printed declaration (A4), laid out like the official paper: the form code and legal basis, the national
 * motto, the title, "Kính gửi", the rows in the form's order (section headings only where the form has them; the
 * two columns Bên nữ / Bên nam of the marriage form, forms.md §1.3 C; official tables such as CT01 item 11), the
 * cam đoan, and the signature blocks with their date lines. An officer's statement (the lời chứng of a signature
 * certification) prints as its text with the values filled in.
 * Person names print in UPPERCASE with full diacritics (forms.md §5.2); empty fields print as dotted lines to be
 * completed by hand. The oath and the signatures never start a page alone: the layout tightens, then carries the
 * last rows over with them. A footer names the dossier and says the values were pre-filled from the chip.
 * Nothing prints for an unconfigured office (an empty "Kính gửi" or place would pass for a real form).
 */
import type { FilledField, FilledForm, FormDefinition, OfficeConfig } from '../forms/types';
import { officeConfigured, OfficeNotConfiguredError } from '../forms/office';
import { parseMetaDate, type PrintMeta } from './meta';
import { FONT, MM, SERIF, type Pdf, finish, newPdf, vnDateTime } from './pdf';
import {
  DOTS, SHORT_DOTS, type Spacing, display, ensureSpace, header, pairedTable, paragraph, recipientLine, roomLeft, row, signatures, signaturesHeight,
  tableField, watermark,
} from './formParts';

export type { PrintMeta } from './meta';

export const DEMO_BANNER = 'THẺ MẪU – DỮ LIỆU MẪU, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ';

const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const PAIRED: [string, string] = ['Bên nữ', 'Bên nam'];

interface Pass {
  sp: Spacing;
  /** Start a new page before this group, so it goes along with the oath and signatures. */
  breakBefore?: string;
}

interface Laid {
  doc: Pdf;
  /** The oath and signatures had to start a new page on their own. */
  endAlone: boolean;
}

function endHeight(doc: Pdf, def: FormDefinition, sp: Spacing): number {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const oath = def.oath ? doc.font(SERIF.regular).fontSize(sp.size).heightOfString(def.oath, { width }) + 8 : 0;
  return oath + signaturesHeight(def);
}

function body(doc: Pdf, def: FormDefinition, byKey: Map<string, FilledField>, pass: Pass): boolean {
  const { sp } = pass;
  const skip = new Set(['kinhGui', 'lamTai']);
  const groups = [...new Set(def.fields.map((f) => f.group))];
  const paired = groups.includes(PAIRED[0]) && groups.includes(PAIRED[1]);
  let pairedDone = false;
  for (const g of groups) {
    if (g === pass.breakBefore) doc.addPage();
    if (paired && PAIRED.includes(g)) {
      if (!pairedDone) pairedTable(doc, def, byKey, PAIRED, sp);
      pairedDone = true;
      continue;
    }
    const fields = def.fields.filter((f) => f.group === g && !skip.has(f.key) && !f.portalOnly);
    if (!fields.length) continue;
    if (def.headings === true) {
      ensureSpace(doc, 40);
      doc.font(SERIF.bold).fontSize(sp.size).text(g.toLocaleUpperCase('vi-VN'), doc.page.margins.left, doc.y);
      doc.moveDown(0.2);
    }
    const intro = def.groupIntro?.[g];
    if (intro) paragraph(doc, intro, sp);
    for (const fd of fields) {
      const f = byKey.get(fd.key);
      if (fd.table) tableField(doc, fd, f?.value ?? '', sp);
      else row(doc, fd.label, f ? display(fd, f) : DOTS, sp);
    }
    if (def.headings === true) doc.moveDown(0.3);
  }
  const pageBefore = doc.bufferedPageRange().count;
  const alone = roomLeft(doc) < endHeight(doc, def, sp);
  ensureSpace(doc, endHeight(doc, def, sp));
  if (def.oath) paragraph(doc, def.oath, { ...sp, gap: 0.5 });
  signatures(doc, def, byKey.get('lamTai')?.value || null);
  return alone && doc.bufferedPageRange().count > pageBefore;
}

/** The lời chứng: the statement's lines with {key} replaced by the values (dotted where still empty). */
function statement(doc: Pdf, def: FormDefinition, byKey: Map<string, FilledField>, sp: Spacing): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const doc0 = byKey.get('tenGiayTo')?.value;
  doc.font(SERIF.italic).fontSize(10).text(`Lời chứng kèm theo giấy tờ, văn bản: ${doc0 || SHORT_DOTS} (mẫu lời chứng ban hành kèm theo ${def.legalBasis})`, left, doc.y, { width });
  doc.moveDown(1.2);
  for (const line of (def.statement ?? '').split('\n')) {
    const text = line.replace(/\{(\w+)\}/g, (_, k: string) => {
      const f = byKey.get(k);
      const fd = def.fields.find((x) => x.key === k);
      return f?.value && fd ? display(fd, f) : SHORT_DOTS;
    });
    if (line === line.toLocaleUpperCase('vi-VN')) doc.font(SERIF.bold).fontSize(sp.size + 1).text(text, left, doc.y, { width, align: 'center' });
    else doc.font(SERIF.regular).fontSize(sp.size).text(text, left, doc.y, { width });
    doc.moveDown(0.5);
  }
  doc.moveDown(0.5);
  // The statement opens with its date; the officer's block has no second date line.
  signatures(doc, def, null, false);
}

function footer(doc: Pdf, meta: PrintMeta, printedAt: Date): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const text = `Mã hồ sơ: ${meta.dossierId} · In lúc ${vnDateTime(printedAt)} · Thông tin điền sẵn từ chip thẻ căn cước; người khai kiểm tra trước khi ký.`;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not trigger a new page
    if (meta.demo) watermark(doc);
    doc.font(FONT.regular).fontSize(7).fillColor('#555555')
      .text(`${text} Trang ${i - range.start + 1}/${range.count}`, left, doc.page.height - bottomMargin + 14, { width, align: 'center', lineBreak: true });
    if (meta.demo) {
      doc.font(FONT.bold).fontSize(9).fillColor('#b00000').text(DEMO_BANNER, left, doc.page.margins.top / 2 - 4, { width, align: 'center', lineBreak: false });
    }
    doc.page.margins.bottom = bottomMargin;
    doc.fillColor('black');
  }
}

function lay(def: FormDefinition, filled: FilledForm, office: OfficeConfig, meta: PrintMeta, printedAt: Date, pass: Pass): Laid {
  // Pages are buffered so the footer (page x/y) can be written after the content.
  const doc = newPdf({ size: 'A4', margins: MARGIN, title: `${def.title} – ${meta.dossierId}`, createdAt: printedAt, bufferPages: true });
  const byKey = new Map(filled.fields.map((f) => [f.key, f]));
  if (def.kind === 'statement') {
    // A lời chứng is not a document of its own: it goes on the signed paper or the sheet attached to it, so it has
    // no motto or title (Nghị định 23/2015/NĐ-CP, Điều 36).
    statement(doc, def, byKey, pass.sp);
    return { doc, endAlone: false };
  }
  header(doc, def);
  const recipient = byKey.get('kinhGui');
  if (recipient) {
    const fd = def.fields.find((f) => f.key === 'kinhGui');
    recipientLine(doc, `${fd?.label ?? 'Kính gửi'}: `, recipient.value || office.communeName);
  }
  return { doc, endAlone: body(doc, def, byKey, pass) };
}

/** Renders the filled declaration as an A4 PDF. Same input (including meta.printedAt) → same bytes. */
export function renderDeclarationPdf(def: FormDefinition, filled: FilledForm, office: OfficeConfig, meta: PrintMeta): Promise<Uint8Array> {
  if (def.id !== filled.formId || def.version !== filled.formVersion) {
    throw new Error(`form definition ${def.id}/${def.version} does not match filled form ${filled.formId}/${filled.formVersion}`);
  }
  if (!officeConfigured(office)) throw new OfficeNotConfiguredError();
  const printedAt = parseMetaDate(meta.printedAt, 'printedAt');
  const normal: Spacing = { size: 13, gap: 0.25 };
  const tight: Spacing = { size: 12, gap: 0.1 };
  const lastGroup = [...new Set(def.fields.filter((f) => f.key !== 'lamTai').map((f) => f.group))].at(-1);
  let laid = lay(def, filled, office, meta, printedAt, { sp: normal });
  if (laid.endAlone) laid = lay(def, filled, office, meta, printedAt, { sp: tight });
  if (laid.endAlone) laid = lay(def, filled, office, meta, printedAt, { sp: tight, breakBefore: lastGroup });
  footer(laid.doc, meta, printedAt);
  return finish(laid.doc);
}
