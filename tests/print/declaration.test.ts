import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORM_IDS, getForm } from '../../src/forms/catalogue';
import { applyEdit, prefill } from '../../src/forms/prefill';
import { DEMO_BANNER, renderDeclarationPdf } from '../../src/print/declaration';
import { AT, META, OFFICE, identity } from '../forms/fixtures';
import { pdfText, rasterize } from './helpers';

const flat = (t: string) => t.replace(/\s+/g, ' ');

async function render(formId: (typeof FORM_IDS)[number], names: string[]) {
  const def = getForm(formId, AT);
  if (!def) throw new Error(`${formId} missing`);
  const filled = prefill(formId, names.map(identity), OFFICE, { at: AT });
  return { def, filled, pdf: await renderDeclarationPdf(def, filled, OFFICE, META) };
}

describe('renderDeclarationPdf', () => {
  it('renders CT01 as an A4 PDF with the motto, title, values (names uppercase) and signature captions', async () => {
    const { pdf } = await render('CT01', ['young-man']);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const pages = rasterize(pdf, 50);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const png = readFileSync(pages[0] ?? '');
    // A4 (210 × 297 mm) at 50 dpi ≈ 413 × 585 px (PNG IHDR width/height at bytes 16–23; poppler rounds up).
    expect(Math.abs(png.readUInt32BE(16) - 413.4)).toBeLessThan(1.5);
    expect(Math.abs(png.readUInt32BE(20) - 584.6)).toBeLessThan(1.5);
    const text = flat(pdfText(pdf));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
      'Mẫu CT01', 'Kính gửi(1): Công an phường Ba Đình', '1. Họ, chữ đệm và tên khai sinh: PHẠM QUỐC BẢO', '02/01/2006', '027206007890', 'Giới tính: Nam',
      'NGƯỜI KÊ KHAI(7)', '(Ký, ghi rõ họ tên)', 'Ba Đình, ngày 26 tháng 11 năm 2026', 'HS-20261126-0007',
    ]) expect(text).toContain(s);
    expect(text).not.toContain('Phạm Quốc Bảo');
  });

  it('renders the marriage form with both columns and issuer texts; Nơi cư trú blank beside a số định danh', async () => {
    const { pdf } = await render('KET_HON', ['young-man', 'married-woman']);
    const text = flat(pdfText(pdf));
    for (const s of ['Bên nữ', 'Bên nam', 'TRẦN THỊ THU HÀ', 'PHẠM QUỐC BẢO', 'Tày', 'Kết hôn lần thứ mấy', 'Bộ Công an']) {
      expect(text).toContain(s);
    }
    // TT 04/2024 annex, note (4): Nơi cư trú only when no số định danh is given; both cards give one.
    expect(text).toMatch(/Nơi cư trú \(4\) …+ …+ Giấy tờ tùy thân \(5\)/);
    expect(text).not.toContain('Quán Thánh');
  });

  it('prints a residence converted to the 2025 units, without the old district', async () => {
    const { pdf } = await render('XAC_NHAN_TTHN', ['married-woman']);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Phường Ba Đình, Thành phố Hà Nội');
    expect(text).not.toContain('Quận Ba Đình');
  });

  it('prints every form for every fixture without error, with the citizen’s later edits', async () => {
    for (const id of FORM_IDS) {
      const def = getForm(id, AT);
      if (!def) throw new Error(id);
      let filled = prefill(id, [identity(id === 'KET_HON' ? 'married-woman' : 'elderly-man-never-expires')], OFFICE, { at: AT });
      if (id === 'KHAI_SINH') filled = applyEdit(filled, 'conNgaySinh', '25/12/2025', 'citizen');
      const pdf = await renderDeclarationPdf(def, filled, OFFICE, META);
      const text = flat(pdfText(pdf));
      expect(text).toContain(def.kind === 'statement' ? 'CHỨNG THỰC' : def.title);
      if (id === 'KHAI_SINH') expect(text).toContain('ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm');
      if (id !== 'KET_HON') expect(text).toMatch(/NGUYỄN VĂN THẮNG/);
    }
  });

  it('marks every page of a demo print as sample data, and only then', async () => {
    const { def, filled, pdf } = await render('KHAI_SINH', ['married-woman']);
    expect(flat(pdfText(pdf))).not.toContain('THẺ MẪU');
    const demo = await renderDeclarationPdf(def, filled, OFFICE, { ...META, demo: true });
    const text = pdfText(demo);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) expect(flat(p)).toContain(DEMO_BANNER);
  });

  it('is deterministic for the same input and refuses a mismatched definition', async () => {
    const a = await render('KHAI_TU', ['married-woman']);
    const b = await renderDeclarationPdf(a.def, a.filled, OFFICE, META);
    expect(Buffer.from(b).equals(Buffer.from(a.pdf))).toBe(true);
    const other = getForm('CT01', AT);
    if (!other) throw new Error('CT01');
    expect(() => renderDeclarationPdf(other, a.filled, OFFICE, META)).toThrow(/does not match/);
  });
});
