/**
 * The kiosk guidance slip (80 mm thermal roll). Deliberately titled "PHIẾU HƯỚNG DẪN": the official receipt
 * ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Mẫu 01 TT 03/2025/TT-VPCP) is issued by the receiving officer in the
 * provincial system, and a kiosk must not present an unofficial paper as that receipt (forms.md §0.6, §5.4).
 * The QR code carries the dossier id so the counter can open the draft without retyping.
 */
import QRCode from 'qrcode';
import type { OfficeConfig } from '../forms/types';
import { parseMetaDate, type PrintMeta } from './meta';
import { FONT, MM, type Pdf, finish, newPdf, vnDateTime } from './pdf';

export interface SlipInput {
  formTitle: string;
  office: OfficeConfig;
  /** What the citizen does next, in order (Vietnamese). */
  steps: string[];
}

export const SLIP_TITLE = 'PHIẾU HƯỚNG DẪN';
const WIDTH = 80 * MM;
const MARGIN = 4 * MM;
const QR_SIZE = 38 * MM;

type Block = { font: string; size: number; text: string; align: 'center' | 'left'; gap: number };

function blocks(s: SlipInput, meta: PrintMeta): Block[] {
  const b = (font: string, size: number, text: string, align: Block['align'] = 'left', gap = 2): Block => ({ font, size, text, align, gap });
  return [
    b(FONT.bold, 9, s.office.communeName.toLocaleUpperCase('vi-VN'), 'center', 0),
    b(FONT.regular, 8, s.office.provinceName, 'center', 6),
    b(FONT.bold, 13, SLIP_TITLE, 'center', 1),
    b(FONT.italic, 7, '(Phiếu này không có giá trị tiếp nhận hồ sơ)', 'center', meta.demo ? 2 : 6),
    ...(meta.demo ? [b(FONT.bold, 8, 'THẺ MẪU – DỮ LIỆU MẪU', 'center', 6)] : []),
    b(FONT.regular, 9, `Thủ tục: ${s.formTitle}`),
    b(FONT.bold, 9, `Mã hồ sơ: ${meta.dossierId}`),
    b(FONT.regular, 9, `Thời gian: ${vnDateTime(parseMetaDate(meta.createdAt, 'createdAt'))}`, 'left', 6),
    b(FONT.bold, 9, 'Các bước tiếp theo:'),
    ...s.steps.map((t, i) => b(FONT.regular, 9, `${i + 1}. ${t}`)),
  ];
}

function measure(doc: Pdf, list: Block[], width: number): number {
  return list.reduce((h, x) => h + doc.font(x.font).fontSize(x.size).heightOfString(x.text, { width }) + x.gap, 0);
}

/** Renders the slip; the page height fits the content. Same input (including meta.printedAt) → same bytes. */
export async function renderSlipPdf(s: SlipInput, meta: PrintMeta): Promise<Uint8Array> {
  if (!meta.dossierId) throw new Error('renderSlipPdf: dossierId is required');
  const printedAt = parseMetaDate(meta.printedAt, 'printedAt');
  const qrPng = await QRCode.toBuffer(meta.dossierId, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const list = blocks(s, meta);
  const inner = WIDTH - 2 * MARGIN;
  const probe = newPdf({ size: [WIDTH, 1000], margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, title: SLIP_TITLE, createdAt: printedAt });
  const footerText = 'Vui lòng mang phiếu này và thẻ căn cước đến quầy tiếp nhận.';
  const height = 2 * MARGIN + measure(probe, list, inner) + 8 + QR_SIZE + 16 + probe.font(FONT.italic).fontSize(8).heightOfString(footerText, { width: inner }) + 8;

  const doc = newPdf({ size: [WIDTH, Math.ceil(height)], margins: { top: MARGIN, bottom: 0, left: MARGIN, right: MARGIN }, title: `${SLIP_TITLE} – ${meta.dossierId}`, createdAt: printedAt });
  for (const x of list) {
    doc.font(x.font).fontSize(x.size).text(x.text, MARGIN, doc.y, { width: inner, align: x.align });
    doc.y += x.gap;
  }
  doc.y += 8;
  doc.image(qrPng, (WIDTH - QR_SIZE) / 2, doc.y, { width: QR_SIZE, height: QR_SIZE });
  doc.y += QR_SIZE + 2;
  doc.font(FONT.regular).fontSize(8).text(meta.dossierId, MARGIN, doc.y, { width: inner, align: 'center' });
  doc.y += 6;
  doc.font(FONT.italic).fontSize(8).text(footerText, MARGIN, doc.y, { width: inner, align: 'center' });
  return finish(doc);
}
