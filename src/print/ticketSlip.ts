/**
 * The queue ticket ("số thứ tự") on the kiosk's 80 mm roll, set like the guidance slip (slip.ts: DejaVu Sans,
 * 4 mm margins, the page as tall as its content). The number is the largest thing on the paper: it is what the hall
 * display and the announcement call. The wait is printed as the honest range the queue computed
 * (src/queue/line.ts estimateWait), or as "chưa đủ dữ liệu để ước tính" when there is none — never a made-up figure.
 * The QR carries the ticket's public identity (`MOTCUA-T:<day>:<label>[:<dossier>]`), which the kiosk's status
 * look-up and rating screens read back with a keyboard-wedge scanner. No personal data: number, group, counters,
 * times and at most the dossier code.
 */
import QRCode from 'qrcode';
import type { OfficeConfig } from '../forms/types';
import { parseMetaDate } from './meta';
import { FONT, MM, type Pdf, finish, newPdf, vnDateTime } from './pdf';

export interface TicketSlipInput {
  office: OfficeConfig;
  label: string;
  groupLabel: string;
  counters: readonly number[];
  ahead: number;
  estimate: { lowMinutes: number; highMinutes: number } | null;
  qr: string;
  dossierId: string | null;
}

export interface TicketMeta {
  /** When this copy is printed (ISO 8601): printed on the ticket, and the PDF's creation date (same input → same bytes). */
  printedAt: string;
  /** Demo mode: the paper says it is sample data. */
  demo: boolean;
}

export const TICKET_TITLE = 'SỐ THỨ TỰ';
const WIDTH = 80 * MM;
const MARGIN = 4 * MM;
const INNER = WIDTH - 2 * MARGIN;
const QR_SIZE = 32 * MM;
const NUMBER_MAX_PT = 60;

/** "Quầy số 2" / "Quầy số 1, 2, 3". */
export function countersText(counters: readonly number[]): string {
  return `Quầy số ${counters.join(', ')}`;
}

/** The wait as printed: a range in minutes, "dưới N phút" when the range starts at 0, or no figure at all. */
export function estimateText(estimate: TicketSlipInput['estimate']): string {
  if (!estimate) return 'chưa đủ dữ liệu để ước tính';
  if (estimate.lowMinutes <= 0) return `dưới ${estimate.highMinutes} phút`;
  return `khoảng ${estimate.lowMinutes}–${estimate.highMinutes} phút`;
}

type Block = { font: string; size: number; text: string; align: 'center' | 'left'; gap: number };

function blocks(s: TicketSlipInput, meta: TicketMeta, printedAt: Date): { head: Block[]; body: Block[] } {
  const b = (font: string, size: number, text: string, align: Block['align'] = 'left', gap = 2): Block => ({ font, size, text, align, gap });
  const head: Block[] = [];
  // An office not set up yet still gets its tickets: the header is simply left out.
  if (s.office.communeName) head.push(b(FONT.bold, 9, s.office.communeName.toLocaleUpperCase('vi-VN'), 'center', 0));
  if (s.office.provinceName) head.push(b(FONT.regular, 8, s.office.provinceName, 'center', 4));
  head.push(b(FONT.bold, 13, TICKET_TITLE, 'center', 0));
  const body: Block[] = [
    ...(meta.demo ? [b(FONT.bold, 8, 'THẺ MẪU – DỮ LIỆU MẪU', 'center', 4)] : []),
    b(FONT.bold, 11, s.groupLabel, 'center', 2),
    // A group taken out of the configuration since the ticket was issued has no counters left to name.
    ...(s.counters.length ? [b(FONT.regular, 10, countersText(s.counters), 'center', 6)] : []),
    b(FONT.regular, 9, s.ahead === 0 ? 'Không có ai chờ trước bạn.' : `Số người chờ trước bạn: ${s.ahead}`),
    b(FONT.regular, 9, `Thời gian chờ dự kiến: ${estimateText(s.estimate)}`, 'left', s.estimate ? 0 : 2),
    ...(s.estimate ? [b(FONT.italic, 7, '(theo thời gian phục vụ gần đây, có thể thay đổi)', 'left', 2)] : []),
    ...(s.dossierId ? [b(FONT.bold, 9, `Mã hồ sơ: ${s.dossierId}`)] : []),
    b(FONT.regular, 9, `In lúc: ${vnDateTime(printedAt)}`, 'left', 6),
  ];
  return { head, body };
}

function measure(doc: Pdf, list: Block[]): number {
  return list.reduce((h, x) => h + doc.font(x.font).fontSize(x.size).heightOfString(x.text, { width: INNER }) + x.gap, 0);
}

/** The largest size up to NUMBER_MAX_PT at which the label fits the roll's width on one line ("K1-017" is the widest). */
function numberSize(doc: Pdf, label: string): number {
  let size = NUMBER_MAX_PT;
  while (size > 20 && doc.font(FONT.bold).fontSize(size).widthOfString(label) > INNER) size -= 2;
  return size;
}

const FOOTER = 'Vui lòng chờ đến khi số của bạn được gọi trên màn hình và loa. Quét mã này tại ki-ốt để tra cứu hồ sơ hoặc đánh giá sau khi được phục vụ.';
const NOT_A_RECEIPT = '(Phiếu này không có giá trị tiếp nhận hồ sơ)';

/** Renders the ticket; the page height fits the content. Same input (including meta.printedAt) → same bytes. */
export async function renderTicketPdf(s: TicketSlipInput, meta: TicketMeta): Promise<Uint8Array> {
  if (!s.label) throw new Error('renderTicketPdf: label is required');
  if (!s.qr) throw new Error('renderTicketPdf: qr is required');
  const printedAt = parseMetaDate(meta.printedAt, 'printedAt');
  const qrPng = await QRCode.toBuffer(s.qr, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const { head, body } = blocks(s, meta, printedAt);
  const probe = newPdf({ size: [WIDTH, 1000], margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, title: TICKET_TITLE, createdAt: printedAt });
  const size = numberSize(probe, s.label);
  const numberHeight = probe.font(FONT.bold).fontSize(size).heightOfString(s.label, { width: INNER });
  const small = (text: string): number => probe.font(FONT.italic).fontSize(7).heightOfString(text, { width: INNER });
  const height =
    2 * MARGIN + measure(probe, head) + numberHeight + 4 + measure(probe, body) + 4 + QR_SIZE + 6 + small(FOOTER) + (s.dossierId ? 2 + small(NOT_A_RECEIPT) : 0) + 6;

  const doc = newPdf({ size: [WIDTH, Math.ceil(height)], margins: { top: MARGIN, bottom: 0, left: MARGIN, right: MARGIN }, title: `${TICKET_TITLE} ${s.label}`, createdAt: printedAt });
  const put = (x: Block): void => {
    doc.font(x.font).fontSize(x.size).text(x.text, MARGIN, doc.y, { width: INNER, align: x.align });
    doc.y += x.gap;
  };
  head.forEach(put);
  doc.font(FONT.bold).fontSize(size).text(s.label, MARGIN, doc.y, { width: INNER, align: 'center', lineBreak: false });
  doc.y += 4;
  body.forEach(put);
  doc.y += 4;
  doc.image(qrPng, (WIDTH - QR_SIZE) / 2, doc.y, { width: QR_SIZE, height: QR_SIZE });
  doc.y += QR_SIZE + 6;
  doc.font(FONT.italic).fontSize(7).text(FOOTER, MARGIN, doc.y, { width: INNER, align: 'center' });
  if (s.dossierId) {
    doc.y += 2;
    doc.font(FONT.italic).fontSize(7).text(NOT_A_RECEIPT, MARGIN, doc.y, { width: INNER, align: 'center' });
  }
  return finish(doc);
}
