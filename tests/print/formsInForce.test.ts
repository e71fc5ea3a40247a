/**
 * Every form in force, printed: the text of the rendered PDF (poppler's pdftotext) against a golden file per form,
 * the parts the official paper has (form code, cam đoan, CT01's item 11 table and dated signature blocks), the
 * keep-together rule, the demo watermark, the unconverted-address mark and the office guard. PNG renders of each
 * form go to artifacts/forms/ for a person to look at beside the official template.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORM_IDS, getForm } from '../../src/forms/catalogue';
import { officeFromSettings, OfficeNotConfiguredError } from '../../src/forms/office';
import { applyEdit, prefill } from '../../src/forms/prefill';
import type { FilledForm, FormId } from '../../src/forms/types';
import { renderDeclarationPdf } from '../../src/print/declaration';
import { UNCONVERTED_MARK, WATERMARK } from '../../src/print/formParts';
import { serifFamily } from '../../src/print/pdf';
import { AT, FIXTURES, META, OFFICE, identity } from '../forms/fixtures';
import { PNG } from 'pngjs';
import { pdfText, rasterize } from './helpers';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_PDF = join(FIXTURES, 'golden-pdf');
const ARTIFACTS = join(FIXTURES, '..', '..', 'artifacts', 'forms');
const flat = (t: string) => t.replace(/\s+/g, ' ').trim();

/** The sample each form is printed with: realistic inputs so every row kind (table, words, copies) shows. */
function sample(id: FormId): FilledForm {
  const cards = id === 'KET_HON' ? ['married-woman', 'young-man'] : ['married-woman'];
  let f = prefill(id, cards.map(identity), OFFICE, { at: AT, inputs: id === 'KHAI_SINH' ? { quanHeVoiNguoiDuocKhaiSinh: 'Mẹ' } : {} });
  if (id === 'KHAI_SINH') f = applyEdit(f, 'conNgaySinh', '20/11/2026', 'citizen');
  if (id === 'CT01') {
    f = applyEdit(f, 'noiDungDeNghi', 'Đăng ký thường trú tại Số 8, ngõ 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội', 'citizen');
    f = applyEdit(f, 'thanhVienCungThayDoi', 'Lê Minh An; 03/04/2020; Nam; 001220001234; Con\nLê Thu Bình; 05/06/2022; Nữ; 001322005678; Con', 'citizen');
  }
  if (id === 'CHUNG_THUC_CHU_KY') f = applyEdit(f, 'tenGiayTo', 'Giấy ủy quyền', 'clerk');
  return f;
}

async function print(id: FormId, filled = sample(id), demo = false) {
  const def = getForm(id, AT)!;
  return renderDeclarationPdf(def, filled, OFFICE, { ...META, demo });
}

describe('printed forms in force: text goldens and PNG renders', () => {
  it('uses the metric-compatible serif installed by setup.sh', () => {
    expect(serifFamily()).toBe('Liberation Serif');
  });
  for (const id of FORM_IDS) {
    it(`${id}: rendered text equals tests/fixtures/golden-pdf/${id}.txt`, async () => {
      const pdf = await print(id);
      const text = flat(pdfText(pdf));
      const file = join(GOLDEN_PDF, `${id}.txt`);
      if (UPDATE) {
        mkdirSync(GOLDEN_PDF, { recursive: true });
        writeFileSync(file, text.replace(/ (?=\d+\. |Mã hồ sơ)/g, '\n') + '\n');
      }
      expect(existsSync(file), `golden ${file} missing (UPDATE_GOLDEN=1, then review it)`).toBe(true);
      expect(text).toBe(flat(readFileSync(file, 'utf8')));
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${id}.pdf`), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '80', join(ARTIFACTS, `${id}.pdf`), join(ARTIFACTS, id)]);
    }, 30_000);
  }
});

describe('what the official paper has', () => {
  it('CT01: the form code, item 1 of TT 53/2025, no invented headings, item 11 as a table, four dated blocks', async () => {
    const text = flat(pdfText(await print('CT01')));
    expect(text).toMatch(/^Mẫu CT01 Ban hành kèm theo Thông tư 53\/2025\/TT-BCA/);
    expect(text).toContain('1. Họ, chữ đệm và tên khai sinh: TRẦN THỊ THU HÀ');
    for (const heading of ['THÔNG TIN NGƯỜI KÊ KHAI', 'THÔNG TIN CHỦ HỘ', 'NỘI DUNG ĐỀ NGHỊ', 'KÝ TÊN']) expect(text).not.toContain(heading);
    // pdftotext reads a table column group by column group: the headings, then each row's cells in order.
    expect(text).toContain('11. Những thành viên trong hộ gia đình cùng thay đổi: TT Họ, chữ đệm và tên Ngày, tháng, năm sinh 1 Lê Minh An 03/04/2020 2 Lê Thu Bình 05/06/2022');
    expect(text).toContain('Giới tính Số định danh cá nhân Mối quan hệ với chủ hộ Nam 001220001234 Con Nữ 001322005678 Con');
    expect(text.match(/…………, ngày …… tháng …… năm ……/g)).toHaveLength(3);
    expect(text).toContain('Ba Đình, ngày 26 tháng 11 năm 2026 NGƯỜI KÊ KHAI(7)');
  });
  it('prints the cam đoan of every declaration above its signatures', async () => {
    for (const id of ['KHAI_SINH', 'KET_HON', 'KHAI_TU', 'XAC_NHAN_TTHN'] as const) {
      const def = getForm(id, AT)!;
      const text = flat(pdfText(await print(id)));
      expect(text, id).toContain(flat(def.oath ?? '—'));
      expect(text.indexOf(flat(def.oath ?? '')), id).toBeLessThan(text.lastIndexOf('(Ký, ghi rõ họ, chữ đệm, tên)'));
    }
  });
  it('khai sinh: the lead-in before the child, and the signature never alone on its page', async () => {
    const text = pdfText(await print('KHAI_SINH'));
    expect(flat(text)).toContain('Đề nghị cơ quan đăng ký khai sinh cho người dưới đây: Họ, chữ đệm, tên:');
    const pages = text.split('\f').filter((p) => p.trim());
    const last = flat(pages.at(-1) ?? '');
    expect(last).toContain('Người yêu cầu');
    // Rows of the form go along with the oath and the signature.
    expect(last).toMatch(/Đề nghị cấp bản sao \(6\): .*Số lượng: /);
  });
  it('chứng thực chữ ký: the pre-filled lời chứng, officer left blank, no motto or invented title', async () => {
    const text = flat(pdfText(await print('CHUNG_THUC_CHU_KY')));
    expect(text).toContain('Ngày 26/11/2026 (Bằng chữ: ngày hai mươi sáu tháng mười một năm hai nghìn không trăm hai mươi sáu)');
    expect(text).toContain('Tại UBND phường Ba Đình Tôi ……………………………, là ……………………………');
    expect(text).toMatch(/CHỨNG THỰC Ông\/bà TRẦN THỊ THU HÀ, giấy tờ tùy thân: Thẻ căn cước số 001192012345, do Bộ Công an cấp ngày 15\/09\/2024, cam đoan đã hiểu/);
    expect(text).toContain('Lời chứng kèm theo giấy tờ, văn bản: Giấy ủy quyền');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).not.toContain('LỜI CHỨNG CHỨNG THỰC CHỮ KÝ');
    // Both officers sign: the receiving officer named in the statement, and the certifying officer with the seal.
    expect(text).toMatch(/Người tiếp nhận hồ sơ Người thực hiện chứng thực \(Ký, ghi rõ họ, tên\) \(Ký, ghi rõ họ, tên và đóng dấu\)/);
  });
});

describe('marks and guards', () => {
  it('a demo print carries the diagonal watermark across the body of every page, a real one never', async () => {
    // Rotated text does not survive pdftotext, so the watermark is checked where a person sees it: red-tinted
    // pixels spread over the page body (the form itself is black on white).
    const tinted = (png: string) => {
      const img = PNG.sync.read(readFileSync(png));
      const bands = new Set<number>();
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const i = (y * img.width + x) * 4;
          const [r, g, b] = [img.data[i] ?? 0, img.data[i + 1] ?? 0, img.data[i + 2] ?? 0];
          if (r - g > 25 && r - b > 25 && y > img.height * 0.12) bands.add(Math.floor((y / img.height) * 10));
        }
      }
      return bands.size;
    };
    const demo = rasterize(await print('KHAI_SINH', sample('KHAI_SINH'), true), 30);
    expect(demo.length).toBe(2);
    for (const p of demo) expect(tinted(p)).toBeGreaterThanOrEqual(5);
    for (const p of rasterize(await print('KHAI_SINH'), 30)) expect(tinted(p)).toBe(0);
    expect(WATERMARK).toBe('MẪU – KHÔNG CÓ GIÁ TRỊ');
  });
  it('an address the 2025 mapping cannot convert prints as old and unconverted', async () => {
    const h = { ...identity('married-woman'), placeOfResidence: 'Xóm 3, Xã Vô Danh, Huyện Không Có, Tỉnh Không Tồn Tại' };
    const f = prefill('XAC_NHAN_TTHN', [h], OFFICE, { at: AT });
    const text = flat(pdfText(await print('XAC_NHAN_TTHN', f)));
    expect(text).toContain(`Xóm 3, Xã Vô Danh, Huyện Không Có, Tỉnh Không Tồn Tại ${UNCONVERTED_MARK}`);
    expect(flat(pdfText(await print('XAC_NHAN_TTHN')))).not.toContain(UNCONVERTED_MARK);
  });
  it('refuses to print for an unconfigured office', () => {
    const def = getForm('CT01', AT)!;
    const f = prefill('CT01', [identity('young-man')], officeFromSettings({}), { at: AT });
    expect(() => renderDeclarationPdf(def, f, officeFromSettings({}), META)).toThrow(OfficeNotConfiguredError);
  });
});
