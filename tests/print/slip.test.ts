import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSlipPdf } from '../../src/print/slip';
import { AT, OFFICE } from '../forms/fixtures';
import { decodeQr, pdfText, rasterize } from './helpers';

const META = { dossierId: 'HS-20261126-0042', createdAt: AT.toISOString(), printedAt: '2026-11-26T05:30:00Z', demo: false };
const SLIP = {
  formTitle: 'Tờ khai đăng ký kết hôn',
  office: OFFICE,
  steps: ['Đến quầy số 2, Trung tâm Phục vụ hành chính công phường.', 'Xuất trình thẻ căn cước của hai bên.', 'Ký tờ khai trước mặt cán bộ tiếp nhận.'],
};

describe('renderSlipPdf', () => {
  it('renders an 80 mm slip titled PHIẾU HƯỚNG DẪN, never the official receipt title', async () => {
    const pdf = await renderSlipPdf(SLIP, META);
    const pages = rasterize(pdf, 50);
    expect(pages).toHaveLength(1);
    // 80 mm at 50 dpi ≈ 157 px wide.
    expect(Math.abs(readFileSync(pages[0] ?? '').readUInt32BE(16) - 157.5)).toBeLessThan(1.5);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU HƯỚNG DẪN');
    expect(text.toLowerCase()).not.toContain('giấy tiếp nhận');
    expect(text).toContain('Mã hồ sơ: HS-20261126-0042');
    // "Thời gian" is when the dossier was made (meta.createdAt), not when the slip is printed.
    expect(text).toContain('10 giờ 00 phút, ngày 26 tháng 11 năm 2026');
    expect(text).not.toContain('12 giờ 30 phút');
    expect(text).toContain('3. Ký tờ khai trước mặt cán bộ tiếp nhận.');
  });

  it('carries the dossier id in a QR code readable from the rendered page', async () => {
    const pdf = await renderSlipPdf(SLIP, META);
    const [page] = rasterize(pdf, 50);
    expect(decodeQr(page ?? '')).toBe(META.dossierId);
  });

  it('says THẺ MẪU in demo mode only', async () => {
    expect(pdfText(await renderSlipPdf(SLIP, META))).not.toContain('THẺ MẪU');
    expect(pdfText(await renderSlipPdf(SLIP, { ...META, demo: true }))).toContain('THẺ MẪU');
  });

  it('is deterministic and rejects an empty id', async () => {
    const a = await renderSlipPdf(SLIP, META);
    const b = await renderSlipPdf(SLIP, META);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    await expect(renderSlipPdf(SLIP, { ...META, dossierId: '' })).rejects.toThrow(/dossierId/);
  });
});
