import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateText, renderTicketPdf, type TicketSlipInput } from '../../src/print/ticketSlip';
import { OFFICE } from '../forms/fixtures';
import { decodeQr, pdfText, rasterize } from './helpers';

const META = { printedAt: '2026-12-02T01:37:00Z', demo: false };
const TICKET: TicketSlipInput = {
  office: OFFICE,
  label: '17',
  groupLabel: 'Cư trú',
  counters: [1],
  ahead: 3,
  estimate: { lowMinutes: 10, highMinutes: 25 },
  qr: 'MOTCUA-T:2026-12-02:17:HS-20261202-AB12CD',
  dossierId: 'HS-20261202-AB12CD',
};
const OTHER: TicketSlipInput = { ...TICKET, label: '18', groupLabel: 'Hỏi đáp, giấy tờ khác', counters: [1, 2, 3], ahead: 0, estimate: null, qr: 'MOTCUA-T:2026-12-02:18', dossierId: null };

const flat = (pdf: Uint8Array): string => pdfText(pdf).replace(/\s+/g, ' ');

describe('renderTicketPdf', () => {
  it('an 80 mm ticket: the number, the group, its counter, the people ahead and the wait as a range', async () => {
    const pdf = await renderTicketPdf(TICKET, META);
    const pages = rasterize(pdf, 50);
    expect(pages).toHaveLength(1);
    // 80 mm at 50 dpi ≈ 157 px wide.
    expect(Math.abs(readFileSync(pages[0] ?? '').readUInt32BE(16) - 157.5)).toBeLessThan(1.5);
    const text = flat(pdf);
    expect(text).toContain('SỐ THỨ TỰ');
    expect(text).toMatch(/SỐ THỨ TỰ 17 Cư trú/);
    expect(text).toContain('Quầy số 1');
    expect(text).toContain('Số người chờ trước bạn: 3');
    expect(text).toContain('Thời gian chờ dự kiến: khoảng 10–25 phút');
    expect(text).toContain('Mã hồ sơ: HS-20261202-AB12CD');
    // Printed at 08:37 in Hà Nội (UTC+7).
    expect(text).toContain('In lúc: 08 giờ 37 phút, ngày 02 tháng 12 năm 2026');
    expect(text).toContain('không có giá trị tiếp nhận hồ sơ');
    expect(text).toContain(OFFICE.communeName.toLocaleUpperCase('vi-VN'));
  });

  it('without enough recent services it prints no figure: "chưa đủ dữ liệu để ước tính"; several counters; no dossier', async () => {
    const text = flat(await renderTicketPdf(OTHER, META));
    expect(text).toContain('Thời gian chờ dự kiến: chưa đủ dữ liệu để ước tính');
    expect(text).not.toMatch(/\d+–\d+ phút/);
    expect(text).toContain('Quầy số 1, 2, 3');
    expect(text).toContain('Không có ai chờ trước bạn.');
    expect(text).not.toContain('Mã hồ sơ');
    expect(text).not.toContain('tiếp nhận hồ sơ');
  });

  it('an offline kiosk number is printed as it is, in full and on one line, with nothing technical', async () => {
    const text = flat(await renderTicketPdf({ ...OTHER, label: 'K1-017', qr: 'MOTCUA-T:2026-12-02:K1-017' }, META));
    expect(text).toContain('SỐ THỨ TỰ K1-017');
    expect(text.toLowerCase()).not.toMatch(/offline|ngoại tuyến|mất kết nối|máy chủ/);
  });

  it('carries the ticket QR text, readable from the rendered page', async () => {
    for (const t of [TICKET, { ...OTHER, label: 'K12-999', qr: 'MOTCUA-T:2026-12-02:K12-999' }]) {
      const [page] = rasterize(await renderTicketPdf(t, META), 100);
      expect(decodeQr(page ?? '')).toBe(t.qr);
    }
  });

  it('the estimate text: a range, "dưới N phút" from zero, or no figure', () => {
    expect(estimateText({ lowMinutes: 5, highMinutes: 20 })).toBe('khoảng 5–20 phút');
    expect(estimateText({ lowMinutes: 0, highMinutes: 5 })).toBe('dưới 5 phút');
    expect(estimateText(null)).toBe('chưa đủ dữ liệu để ước tính');
  });

  it('says THẺ MẪU in demo mode only, prints without an office set up, is deterministic, and rejects an empty label', async () => {
    expect(flat(await renderTicketPdf(TICKET, META))).not.toContain('THẺ MẪU');
    expect(flat(await renderTicketPdf(TICKET, { ...META, demo: true }))).toContain('THẺ MẪU');
    const bare = flat(await renderTicketPdf({ ...TICKET, office: { communeName: '', provinceName: '' } }, META));
    expect(bare).toMatch(/^\s*SỐ THỨ TỰ 17/);
    const a = await renderTicketPdf(TICKET, META);
    const b = await renderTicketPdf(TICKET, META);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    await expect(renderTicketPdf({ ...TICKET, label: '' }, META)).rejects.toThrow(/label/);
  });
});
