import { describe, expect, it } from 'vitest';
import { parseCccdQr, QrParseError } from '../../src/vn/qr';

// Synthetic people only (cccd.md §7 layout).
describe('CCCD QR text', () => {
  it('parses the 7-field form (2021 card)', () => {
    const q = parseCccdQr('079203001234|123456789|Trần Thị Bích Ngọc|05081993|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh|20042021\r\n');
    expect(q).toEqual({
      idNumber: '079203001234', oldIdNumber: '123456789', fullName: 'Trần Thị Bích Ngọc', dateOfBirth: '1993-08-05',
      sex: 'F', placeOfResidence: '12 Lê Lợi, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh', dateOfIssue: '2021-04-20', extra: [],
    });
  });
  it('parses the 2024 form with trailing fields kept raw and an empty old ID', () => {
    const q = parseCccdQr('001099012345||Nguyễn Văn Đạt|01011999|Nam|Xã Tân Phú, Tỉnh Đồng Nai|15102024||||');
    expect(q.oldIdNumber).toBeNull();
    expect(q.sex).toBe('M');
    expect(q.dateOfIssue).toBe('2024-10-15');
    expect(q.extra).toEqual(['', '', '', '']);
  });
  it('refuses text longer than any QR code holds (2,953 bytes) before splitting it', () => {
    const long = `001099012345||${'A'.repeat(3000)}|01011999|Nam|Hà Nội|15102024`;
    expect(() => parseCccdQr(long)).toThrow(QrParseError);
    expect(() => parseCccdQr(long)).toThrow(/more than a QR code holds/);
  });
  it('parses the 6-field form without the old ID', () => {
    const q = parseCccdQr('001099012345|Lê Văn Tám|01011999|Nam|Hà Nội|15102024');
    expect(q.fullName).toBe('Lê Văn Tám');
    expect(q.oldIdNumber).toBeNull();
    expect(q.dateOfIssue).toBe('2024-10-15');
  });
  it('rejects text that is not a CCCD QR', () => {
    expect(() => parseCccdQr('hello')).toThrow(QrParseError);
    expect(() => parseCccdQr('12345|a|b|c|d|e|f')).toThrow(/12-digit/);
    expect(() => parseCccdQr('001099012345||Lê Văn Tám|1999-01-01|Nam|Hà Nội|15102024')).toThrow(/ddMMyyyy/);
  });
});
