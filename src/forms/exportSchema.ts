/**
 * The schema of the structured export (export.ts), the one thing a provincial system's importer needs to know.
 * Written in zod (the project's validator); src/forms/data/export.schema.json is its JSON Schema form
 * (z.toJSONSchema), checked to be identical by tests/forms/exportSchema.test.ts.
 * Formats: timestamps yyyyMMddHHmmss in Asia/Ho_Chi_Minh (the DVCQG dossier body, forms.md §4.1 [S34]); dates of
 * form fields dd/mm/yyyy as printed; codes as strings with their leading zeros.
 */
import { z } from 'zod';

const provenance = z.enum(['chip', 'derived', 'citizen', 'clerk', 'config']);
const address = z.object({
  quocGia: z.string(),
  tinh: z.string(),
  xa: z.string(),
  diaChi: z.string(),
  maTinh: z.string().regex(/^\d{2}$/).nullable(),
  maXa: z.string().regex(/^\d{5}$/).nullable(),
}).strict();
const row = z.record(z.string(), z.string());
const value = z.union([z.string(), address, z.array(row)]);

export const exportedDossierSchema = z.object({
  MaHoSo: z.string().min(1),
  MaTTHC: z.string().regex(/^\d\.\d{6}$/).nullable().describe('Mã TTHC, national procedure database'),
  TenTTHC: z.string().min(1),
  LoaiDoiTuong: z.literal(1).describe('1 = citizen'),
  ChuHoSo: z.string(),
  MaTinh: z.string().regex(/^\d{2}$/).nullable(),
  MaXa: z.string().regex(/^\d{5}$/).nullable(),
  NgayTiepNhan: z.string().regex(/^\d{14}$/).describe('yyyyMMddHHmmss, Asia/Ho_Chi_Minh'),
  TrangThaiHoSo: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']).nullable().describe('DVCQG dossier status code; 1 Mới đăng ký, 2 Được tiếp nhận …'),
  TrangThaiNoiBo: z.enum(['draft', 'completed', 'printed', 'handed_over', 'purged']).describe('status in Motcua'),
  DonViXuLy: z.string(),
  BieuMau: z.object({ formId: z.string(), formVersion: z.string(), legalBasis: z.string().nullable() }).strict(),
  DuLieuToKhai: z.record(z.string(), value),
  NguonDuLieu: z.record(z.string(), provenance),
  DuLieuGocTuChip: z.record(z.string(), z.string()),
  CanXacNhan: z.array(z.object({ truong: z.string(), nhan: z.string(), ghiChu: z.string() }).strict()),
}).strict();

export function exportJsonSchema(): unknown {
  return z.toJSONSchema(exportedDossierSchema);
}
