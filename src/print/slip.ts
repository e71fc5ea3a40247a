/**
 * The kiosk guidance slip (80 mm thermal roll). Deliberately titled "PHIẾU HƯỚNG DẪN": the official receipt
 * ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Mẫu 01 TT 03/2025/TT-VPCP) is issued by the receiving officer in the
 * provincial system, and a kiosk must not present an unofficial paper as that receipt (forms.md §0.6, §5.4).
 * The QR code carries the dossier id so the counter can open the draft without retyping.
 */
import QRCode from 'qrcode';
import type { OfficeConfig } from '../forms/types';
import { FONT, MM, type Pdf, finish, newPdf, vnDateTime } from './pdf';

export interface SlipInput {
  dossierId: string;
  formTitle: string;
  office: OfficeConfig;
  createdAt: Date;
  /** What the citizen does next, in order (Vietnamese). */
  steps: string[];
  /** Demo mode (simulated "THẺ MẪU" card): says so under the title. */
  demo?: boolean;
}

export const SLIP_TITLE = 'PHIẾU HƯỚNG DẪN';
const WIDTH = 80 * MM;
const MARGIN = 4 * MM;
const QR_SIZE = 38 * MM;

type Block = { font: string; size: number; text: string; align: 'center' | 'left'; gap: number };

function blocks(s: SlipInput): Block[] {
  const b = (font: string, size: number, text: string, align: Block['align'] = 'left', gap = 2): Block => ({ font, size, text, align, gap });
  return [
    b(FONT.bold, 9, s.office.communeName.toLocaleUpperCase('vi-VN'), 'center', 0),
    b(FONT.regular, 8, s.office.provinceName, 'center', 6),
    b(FONT.bold, 13, SLIP_TITLE, 'center', 1),
    b(FONT.italic, 7, '(Phiếu này không có giá trị tiếp nhận hồ sơ)', 'center', s.demo ? 2 : 6),
    ...(s.demo ? [b(FONT.bold, 8, 'THẺ MẪU – DỮ LIỆU MẪU', 'center', 6)] : []),
    b(FONT.regular, 9, `Thủ tục: ${s.formTitle}`),
    b(FONT.bold, 9, `Mã hồ sơ: ${s.dossierId}`),
    b(FONT.regular, 9, `Thời gian: ${vnDateTime(s.createdAt)}`, 'left', 6),
    b(FONT.bold, 9, 'Các bước tiếp theo:'),
    ...s.steps.map((t, i) => b(FONT.regular, 9, `${i + 1}. ${t}`)),
  ];
}

function measure(doc: Pdf, list: Block[], width: number): number {
  return list.reduce((h, x) => h + doc.font(x.font).fontSize(x.size).heightOfString(x.text, { width }) + x.gap, 0);
}

/** Renders the slip; the page height fits the content. Same input → same bytes. */
export async function renderSlipPdf(s: SlipInput): Promise<Uint8Array> {
  if (!s.dossierId) throw new Error('renderSlipPdf: dossierId is required');
  const qrPng = await QRCode.toBuffer(s.dossierId, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const list = blocks(s);
  const inner = WIDTH - 2 * MARGIN;
  const probe = newPdf({ size: [WIDTH, 1000], margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, title: SLIP_TITLE, createdAt: s.createdAt });
  const footerText = 'Vui lòng mang phiếu này và thẻ căn cước đến quầy tiếp nhận.';
  const height = 2 * MARGIN + measure(probe, list, inner) + 8 + QR_SIZE + 16 + probe.font(FONT.italic).fontSize(8).heightOfString(footerText, { width: inner }) + 8;

  const doc = newPdf({ size: [WIDTH, Math.ceil(height)], margins: { top: MARGIN, bottom: 0, left: MARGIN, right: MARGIN }, title: `${SLIP_TITLE} – ${s.dossierId}`, createdAt: s.createdAt });
  for (const x of list) {
    doc.font(x.font).fontSize(x.size).text(x.text, MARGIN, doc.y, { width: inner, align: x.align });
    doc.y += x.gap;
  }
  doc.y += 8;
  doc.image(qrPng, (WIDTH - QR_SIZE) / 2, doc.y, { width: QR_SIZE, height: QR_SIZE });
  doc.y += QR_SIZE + 2;
  doc.font(FONT.regular).fontSize(8).text(s.dossierId, MARGIN, doc.y, { width: inner, align: 'center' });
  doc.y += 6;
  doc.font(FONT.italic).fontSize(8).text(footerText, MARGIN, doc.y, { width: inner, align: 'center' });
  return finish(doc);
}
