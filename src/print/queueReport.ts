/**
 * The head of centre's queue report on A4 landscape: per day or week and procedure group, how many came and were
 * served, waiting time (ticket → call) and service time (call → done) as p50/p90/max with a bar per group, the
 * procedures served, no-shows, the satisfaction survey, and the dossiers still open past their return date.
 * Only numbers, groups, procedures and dossier codes: the queue keeps no personal data, and neither does this.
 * Set in the forms' serif (pdf.ts SERIF: Liberation Serif, else DejaVu Serif), footer with page x/y.
 */
import type { OfficeConfig } from '../forms/types';
import type { Distribution, PeriodGroupReport, ReportPeriod } from '../queue/report';
import { parseMetaDate } from './meta';
import { FONT, MM, SERIF, type Pdf, finish, newPdf, vnDateTime } from './pdf';

export const QUEUE_REPORT_TITLE = 'BÁO CÁO TIẾP NHẬN VÀ PHỤC VỤ CÔNG DÂN';
const DEMO_BANNER = 'DỮ LIỆU MẪU – KHÔNG DÙNG ĐỂ BÁO CÁO';

export interface QueueReportInput {
  office: Pick<OfficeConfig, 'communeName' | 'provinceName'>;
  fromDay: string;
  toDay: string;
  period: ReportPeriod;
  rows: readonly PeriodGroupReport[];
  overdue: readonly { dossierCode: string; formId: string; expectedReturn: string }[];
  /** Vietnamese names: procedure groups by id, procedures by form id ('OTHER' included). */
  groupLabels: Readonly<Record<string, string>>;
  formLabels: Readonly<Record<string, string>>;
  /** ISO 8601: printed in the header and used as the PDF's creation date (same input → same bytes). */
  generatedAt: string;
  demo: boolean;
}

const MARGIN = { top: 15 * MM, bottom: 16 * MM, left: 15 * MM, right: 15 * MM };
const BODY = 9.5;
const ROW = 15;

/** 312 → "5:12" (minutes:seconds); hours stay in minutes ("75:00") so columns compare at a glance. */
export function minSec(s: number | null): string {
  if (s === null) return '–';
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** 2026-12-02 → 02/12/2026; an ISO week (2026-W49) stays as "tuần 49/2026". */
export function viPeriod(p: string): string {
  const w = /^(\d{4})-W(\d{2})$/.exec(p);
  if (w) return `tuần ${w[2]}/${w[1]}`;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p);
  return d ? `${d[3]}/${d[2]}/${d[1]}` : p;
}

const dist = (d: Distribution): string => (d.count === 0 ? '–' : `${minSec(d.p50)} / ${minSec(d.p90)} / ${minSec(d.max)}`);

const box = (doc: Pdf) => ({ left: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
const bottom = (doc: Pdf): number => doc.page.height - doc.page.margins.bottom;

interface Column {
  header: string;
  /** Share of the page width. */
  w: number;
  align?: 'left' | 'right' | 'center';
}

function heading(doc: Pdf, text: string): void {
  if (doc.y + 3 * ROW > bottom(doc)) doc.addPage();
  const { left, width } = box(doc);
  doc.moveDown(0.6);
  doc.font(SERIF.bold).fontSize(11.5).fillColor('black').text(text, left, doc.y, { width });
  doc.moveDown(0.25);
}

function tableRow(doc: Pdf, cols: readonly Column[], cells: readonly string[], bold: boolean): void {
  const { left, width } = box(doc);
  const y = doc.y;
  let x = left;
  doc.font(bold ? SERIF.bold : SERIF.regular).fontSize(BODY);
  cols.forEach((c, i) => {
    const w = c.w * width;
    doc.text(cells[i] ?? '', x + 3, y + 3, { width: w - 6, align: c.align ?? 'left', lineBreak: false, ellipsis: true, height: ROW });
    x += w;
  });
  doc.moveTo(left, y + ROW).lineTo(left + width, y + ROW).lineWidth(bold ? 0.8 : 0.3).strokeColor(bold ? '#000000' : '#999999').stroke();
  doc.y = y + ROW;
}

/** A table whose header repeats on each new page. */
function table(doc: Pdf, cols: readonly Column[], rows: readonly (readonly string[])[]): void {
  const head = cols.map((c) => c.header);
  tableRow(doc, cols, head, true);
  for (const r of rows) {
    if (doc.y + ROW > bottom(doc)) {
      doc.addPage();
      tableRow(doc, cols, head, true);
    }
    tableRow(doc, cols, r, false);
  }
}

const groupName = (r: QueueReportInput, id: string): string => r.groupLabels[id] ?? id;

/**
 * One horizontal bar per period and group on a shared scale: dark to p50, lighter to p90, a tick at the max. The
 * numbers stand beside each bar, so the chart reads in black and white too.
 */
function distributionChart(doc: Pdf, r: QueueReportInput, pick: (x: PeriodGroupReport) => Distribution): void {
  const rows = r.rows.filter((x) => pick(x).count > 0);
  if (rows.length === 0) {
    doc.font(SERIF.italic).fontSize(BODY).text('Chưa có số liệu.', box(doc).left, doc.y);
    return;
  }
  const { left, width } = box(doc);
  const labelW = 0.28 * width;
  const valueW = 0.2 * width;
  const barW = width - labelW - valueW;
  const scale = Math.max(...rows.map((x) => pick(x).max ?? 0), 60);
  for (const x of rows) {
    if (doc.y + ROW > bottom(doc)) doc.addPage();
    const d = pick(x);
    const y = doc.y;
    doc.font(SERIF.regular).fontSize(BODY).fillColor('black').text(`${viPeriod(x.period)} · ${groupName(r, x.groupId)}`, left, y + 3, { width: labelW - 6, lineBreak: false, ellipsis: true });
    const at = (s: number | null): number => left + labelW + (barW * (s ?? 0)) / scale;
    doc.rect(left + labelW, y + 3, at(d.p50) - left - labelW, ROW - 6).fill('#1f4e79');
    doc.rect(at(d.p50), y + 3, at(d.p90) - at(d.p50), ROW - 6).fill('#9dc3e6');
    doc.moveTo(at(d.max), y + 1).lineTo(at(d.max), y + ROW - 1).lineWidth(1.2).strokeColor('#000000').stroke();
    doc.fillColor('black').text(`${dist(d)} (${d.count})`, left + labelW + barW + 6, y + 3, { width: valueW - 6, lineBreak: false });
    doc.y = y + ROW;
  }
  doc.font(SERIF.italic).fontSize(8).fillColor('#333333').text(`Thang đo 0 – ${minSec(scale)} (phút:giây). Đậm: đến trung vị (p50); nhạt: đến p90; vạch: lâu nhất.`, left, doc.y + 2, { width });
  doc.fillColor('black');
}

function footer(doc: Pdf, r: QueueReportInput, at: Date): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { left, width } = box(doc);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not trigger a new page
    doc.font(FONT.regular).fontSize(7).fillColor('#444444')
      .text(`${r.office.communeName} · ${QUEUE_REPORT_TITLE.toLocaleLowerCase('vi-VN')} · lập lúc ${vnDateTime(at)} · Trang ${i - range.start + 1}/${range.count}`, left, doc.page.height - keep + 16, { width, align: 'center', lineBreak: false });
    if (r.demo) doc.font(FONT.bold).fontSize(9).fillColor('#b00000').text(DEMO_BANNER, left, doc.page.margins.top / 2 - 4, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
    doc.fillColor('black');
  }
}

/** Renders the report. Same input (including generatedAt) → same bytes. */
export function renderQueueReportPdf(r: QueueReportInput): Promise<Uint8Array> {
  const at = parseMetaDate(r.generatedAt, 'generatedAt');
  const doc = newPdf({ size: [297 * MM, 210 * MM], margins: MARGIN, title: `${QUEUE_REPORT_TITLE} ${r.fromDay} – ${r.toDay}`, createdAt: at, bufferPages: true });
  const { left, width } = box(doc);
  doc.font(SERIF.bold).fontSize(11).text(r.office.communeName.toLocaleUpperCase('vi-VN') || '…', left, doc.y, { width: width / 2, align: 'center' });
  doc.font(SERIF.regular).fontSize(10).text(r.office.provinceName, left, doc.y, { width: width / 2, align: 'center' });
  doc.moveDown(0.8);
  doc.font(SERIF.bold).fontSize(14).text(QUEUE_REPORT_TITLE, left, doc.y, { width, align: 'center' });
  doc.font(SERIF.italic).fontSize(10.5).text(`Từ ngày ${viPeriod(r.fromDay)} đến ngày ${viPeriod(r.toDay)} — số liệu theo ${r.period === 'day' ? 'ngày' : 'tuần'}; lập lúc ${vnDateTime(at)}`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3);

  heading(doc, '1. Tổng hợp theo nhóm thủ tục');
  table(
    doc,
    [
      { header: r.period === 'day' ? 'Ngày' : 'Tuần', w: 0.1 }, { header: 'Nhóm thủ tục', w: 0.2 }, { header: 'Số phiếu', w: 0.07, align: 'right' },
      { header: 'Đã phục vụ', w: 0.08, align: 'right' }, { header: 'Hồ sơ từ kiosk', w: 0.09, align: 'right' },
      { header: 'Chờ p50/p90/max', w: 0.14, align: 'right' }, { header: 'Phục vụ p50/p90/max', w: 0.14, align: 'right' },
      { header: 'Vắng mặt', w: 0.08, align: 'right' }, { header: 'Đánh giá (TB)', w: 0.1, align: 'right' },
    ],
    r.rows.map((x) => [
      viPeriod(x.period), groupName(r, x.groupId), String(x.tickets), String(x.served), String(x.dossiers), dist(x.waiting), dist(x.service),
      `${x.noShowMarks} (${x.noShowClosed} bỏ)`, x.ratings.count ? `${x.ratings.count} (${x.ratings.mean?.toFixed(2)})` : '0',
    ]),
  );
  doc.font(SERIF.italic).fontSize(8).text('Thời gian tính bằng phút:giây. Chờ: từ lúc lấy số đến lần gọi đầu; phục vụ: từ lúc gọi đến lúc xong. Vắng mặt: số phiếu bị đánh dấu vắng mặt (trong đó đã đóng vì không đến).', left, doc.y + 2, { width });

  heading(doc, '2. Số lượt phục vụ theo thủ tục');
  const byForm = new Map<string, number>();
  for (const x of r.rows) for (const [f, n] of Object.entries(x.byForm)) byForm.set(`${x.period}\u0000${f}`, (byForm.get(`${x.period}\u0000${f}`) ?? 0) + n);
  const formRows = [...byForm.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => {
    const [p, f] = k.split('\u0000') as [string, string];
    return [viPeriod(p), r.formLabels[f] ?? f, String(n)];
  });
  if (formRows.length) table(doc, [{ header: 'Kỳ', w: 0.15 }, { header: 'Thủ tục', w: 0.6 }, { header: 'Lượt phục vụ', w: 0.25, align: 'right' }], formRows);
  else doc.font(SERIF.italic).fontSize(BODY).text('Chưa có lượt phục vụ nào.', left, doc.y);

  heading(doc, '3. Thời gian chờ (lấy số → được gọi)');
  distributionChart(doc, r, (x) => x.waiting);
  heading(doc, '4. Thời gian phục vụ (được gọi → xong)');
  distributionChart(doc, r, (x) => x.service);

  heading(doc, '5. Mức độ hài lòng');
  const rated = r.rows.filter((x) => x.ratings.count > 0);
  if (rated.length)
    table(
      doc,
      [
        { header: 'Kỳ', w: 0.1 }, { header: 'Nhóm thủ tục', w: 0.22 }, { header: 'Lượt', w: 0.06, align: 'right' },
        ...[1, 2, 3, 4, 5].map((l) => ({ header: `Mức ${l}`, w: 0.06, align: 'right' as const })),
        { header: 'Trung bình', w: 0.09, align: 'right' }, { header: 'Đến lần đầu', w: 0.1, align: 'right' }, { header: 'Giấy tờ rõ: có/không', w: 0.08 + 0.05, align: 'right' },
      ],
      rated.map((x) => [
        viPeriod(x.period), groupName(r, x.groupId), String(x.ratings.count), ...x.ratings.byLevel.map(String), x.ratings.mean?.toFixed(2) ?? '–',
        String(x.ratings.firstVisit), `${x.ratings.papersClearYes}/${x.ratings.papersClearNo}`,
      ]),
    );
  else doc.font(SERIF.italic).fontSize(BODY).text('Chưa có đánh giá nào.', left, doc.y);
  doc.font(SERIF.italic).fontSize(8).text('Mức 1: rất không hài lòng … mức 5: rất hài lòng.', left, doc.y + 2, { width });

  heading(doc, `6. Hồ sơ quá ngày hẹn trả chưa trả kết quả (${r.overdue.length})`);
  if (r.overdue.length)
    table(
      doc,
      [{ header: 'Mã hồ sơ', w: 0.25 }, { header: 'Thủ tục', w: 0.5 }, { header: 'Ngày hẹn trả', w: 0.25 }],
      r.overdue.map((o) => [o.dossierCode, r.formLabels[o.formId] ?? o.formId, viPeriod(o.expectedReturn)]),
    );
  else doc.font(SERIF.italic).fontSize(BODY).text('Không có hồ sơ quá hạn.', left, doc.y);

  footer(doc, r, at);
  return finish(doc);
}
