import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minSec, renderQueueReportPdf, viPeriod, type QueueReportInput } from '../../src/print/queueReport';
import { buildReport } from '../../src/queue/report';
import type { Rating, Ticket } from '../../src/queue/types';
import { pdfText, rasterize, writeTemp } from './helpers';

/** pdftotext -layout: a table row stays on one line, its cells separated by spaces. */
const layoutText = (pdf: Uint8Array): string => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', writeTemp(pdf).file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');

const T0 = Date.parse('2026-12-02T01:00:00Z');
const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();
const ticket = (id: number, over: Partial<Ticket> = {}): Ticket => ({
  id, day: '2026-12-02', issuer: 'C', seq: id, label: String(id), groupId: 'HO_TICH', formId: 'KHAI_SINH', dossierId: null,
  state: 'waiting', issuedAt: at(id), queueAt: at(id), targetCounter: null, counter: null, firstCalledAt: null, calledAt: null, doneAt: null, noShows: 0, ...over,
});
const TICKETS = [
  ticket(1, { state: 'done', dossierId: 'HS-20261202-AAAAAA', firstCalledAt: at(11), calledAt: at(11), doneAt: at(21) }),
  ticket(2, { state: 'done', formId: null, groupId: 'KHAC', firstCalledAt: at(32), calledAt: at(32), doneAt: at(37) }),
  ticket(3, { state: 'no_show', noShows: 2, firstCalledAt: at(40) }),
  ticket(4, { day: '2026-12-03', state: 'done', formId: 'CT01', groupId: 'CU_TRU', firstCalledAt: at(6), calledAt: at(6), doneAt: at(7), issuedAt: at(4) }),
];
const RATINGS: Rating[] = [{ ticketId: 1, day: '2026-12-02', groupId: 'HO_TICH', counter: 2, level: 5, visits: 1, papersClear: true, ratedAt: at(22) }];

const INPUT: QueueReportInput = {
  office: { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai' },
  fromDay: '2026-12-02',
  toDay: '2026-12-03',
  period: 'day',
  rows: buildReport(TICKETS, RATINGS, 'day'),
  overdue: [{ dossierCode: 'HS-20261120-QWERTY', formId: 'CT01', expectedReturn: '2026-11-30' }],
  groupLabels: { HO_TICH: 'Hộ tịch', KHAC: 'Hỏi đáp, giấy tờ khác', CU_TRU: 'Cư trú' },
  formLabels: { KHAI_SINH: 'Đăng ký khai sinh', CT01: 'Tờ khai thay đổi thông tin cư trú (CT01)', OTHER: 'Hỏi đáp, giấy tờ khác' },
  generatedAt: '2026-12-03T10:00:00Z',
  demo: false,
};

describe('renderQueueReportPdf', () => {
  it('prints the counts, the distributions in minutes:seconds, the procedures, ratings and overdue dossiers', async () => {
    const pdf = await renderQueueReportPdf(INPUT);
    const text = layoutText(pdf);
    expect(text).toContain('BÁO CÁO TIẾP NHẬN VÀ PHỤC VỤ CÔNG DÂN');
    expect(text).toContain('UBND XÃ TÂN PHÚ');
    expect(text).toContain('Từ ngày 02/12/2026 đến ngày 03/12/2026');
    // HO_TICH on 02/12: 2 tickets, 1 served, 1 from the kiosk; waits 10:00 and 37:00; service 10:00; one no-show closed.
    expect(text).toMatch(/02\/12\/2026 Hộ tịch 2 1 1 10:00 \/ 37:00 \/ 37:00 10:00 \/ 10:00 \/ 10:00 1 \(1 bỏ\) 1 \(5\.00\)/);
    expect(text).toMatch(/03\/12\/2026 Cư trú 1 1 0 2:00 \/ 2:00 \/ 2:00 1:00 \/ 1:00 \/ 1:00 0 \(0 bỏ\) 0/);
    expect(text).toMatch(/02\/12\/2026 Đăng ký khai sinh 1/);
    expect(text).toMatch(/02\/12\/2026 Hỏi đáp, giấy tờ khác 1/);
    expect(text).toContain('6. Hồ sơ quá ngày hẹn trả chưa trả kết quả (1)');
    expect(text).toMatch(/HS-20261120-QWERTY Tờ khai thay đổi thông tin cư trú \(CT01\) 30\/11\/2026/);
    expect(text).toMatch(/Trang 1\/\d/);
    expect(text).not.toContain('DỮ LIỆU MẪU');
  });

  it('is A4 landscape, deterministic, and marks demo data', async () => {
    const a = await renderQueueReportPdf(INPUT);
    expect(Buffer.from(a).equals(Buffer.from(await renderQueueReportPdf(INPUT)))).toBe(true);
    const [page] = rasterize(a, 36);
    const png = readFileSync(page ?? '');
    // 297 × 210 mm at 36 dpi ≈ 421 × 298 px.
    expect(Math.abs(png.readUInt32BE(16) - 421)).toBeLessThan(2);
    expect(Math.abs(png.readUInt32BE(20) - 298)).toBeLessThan(2);
    expect(pdfText(await renderQueueReportPdf({ ...INPUT, demo: true }))).toContain('DỮ LIỆU MẪU');
  });

  it('an empty period says so instead of drawing empty tables; many rows break pages with the header repeated', async () => {
    const empty = pdfText(await renderQueueReportPdf({ ...INPUT, rows: [], overdue: [] }));
    expect(empty).toContain('Chưa có lượt phục vụ nào.');
    expect(empty).toContain('Không có hồ sơ quá hạn.');
    const many = { ...INPUT, overdue: Array.from({ length: 60 }, (_, i) => ({ dossierCode: `HS-20261101-${String(i).padStart(6, '0')}`, formId: 'CT01', expectedReturn: '2026-11-20' })) };
    const text = pdfText(await renderQueueReportPdf(many));
    expect(text).toContain('HS-20261101-000059');
    expect(text.match(/Ngày hẹn trả/g)!.length).toBeGreaterThan(1);
    expect(text).toMatch(/Trang 3\/3/);
  });

  it('formats durations and periods', () => {
    expect(minSec(312)).toBe('5:12');
    expect(minSec(4500)).toBe('75:00');
    expect(minSec(null)).toBe('–');
    expect(viPeriod('2026-W49')).toBe('tuần 49/2026');
    expect(viPeriod('2026-12-02')).toBe('02/12/2026');
  });
});
