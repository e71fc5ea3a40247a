import { describe, it, expect } from 'vitest';
import { parseDg13, dg13ToHolder, dg13DateToIso, sexFromVietnamese } from '../../../src/card/lds/dg13';
import { dg13, field, LONG_ADDRESS, printable, sampleDg13, seq, utf8 } from './fixtures';

describe('DG13 (Vietnam)', () => {
  it('parses every field of a full DG13 with a long address (long-form lengths)', () => {
    const bytes = sampleDg13({ spouse: 'Lê Thị Vợ' });
    expect(bytes[1]).toBe(0x82); // outer length needs two bytes
    expect(new TextEncoder().encode(LONG_ADDRESS).length).toBeGreaterThan(127);
    const d = parseDg13(bytes);
    expect(d.version).toBe(1);
    expect(d.encodingOid).toBe('1.0.10646.1.0.8');
    expect(d.idNumber).toBe('001090123456');
    expect(d.fullName).toBe('Nguyễn Văn A');
    expect(d.dateOfBirth).toBe('1990-01-15');
    expect(d.sex).toBe('M');
    expect(d.nationality).toBe('Việt Nam');
    expect(d.ethnicity).toBe('Kinh');
    expect(d.religion).toBe('Không');
    expect(d.placeOfOrigin).toBe('Xã Tân Lập, Huyện Đan Phượng, Hà Nội');
    expect(d.placeOfResidence).toBe(LONG_ADDRESS.normalize('NFC'));
    expect(d.personalIdentification).toBe('Nốt ruồi C:1cm trên trước mép phải');
    expect(d.dateOfIssue).toBe('2021-07-10');
    expect(d.dateOfExpiry).toBe('2030-01-15');
    expect(d.noExpiry).toBe(false);
    expect(d.fatherName).toBe('Nguyễn Văn Bố');
    expect(d.motherName).toBe('Trần Thị Mẹ');
    expect(d.spouseName).toBe('Lê Thị Vợ');
    expect(d.oldIdNumber).toBe('123456789');
    expect(d.field16).toBe('0123456789ABCDEF');
    expect(d.rawFields['13']).toBe('Nguyễn Văn Bố | Trần Thị Mẹ');
    expect(d.fields.get(9)).toEqual([LONG_ADDRESS.normalize('NFC')]);
  });

  it('handles field 13 as one SEQUENCE of two strings (NghiaLio shape)', () => {
    const d = parseDg13(sampleDg13({ parentsShape: 'single' }));
    expect([d.fatherName, d.motherName]).toEqual(['Nguyễn Văn Bố', 'Trần Thị Mẹ']);
  });

  it('treats an empty field 14 (30 03 02 01 0E) as no spouse', () => {
    const d = parseDg13(sampleDg13({ spouse: null }));
    expect(d.spouseName).toBeNull();
    expect(d.fields.get(14)).toEqual([]);
  });

  it('maps "Không thời hạn" to a null expiry', () => {
    const d = parseDg13(sampleDg13({ expiry: 'Không thời hạn' }));
    expect(d.dateOfExpiry).toBeNull();
    expect(d.noExpiry).toBe(true);
    expect(d.rawFields['12']).toBe('Không thời hạn');
  });

  it('tolerates absent fields and unknown field numbers, in any order', () => {
    const d = parseDg13(dg13([field(4, utf8('Nữ')), field(2, utf8('Trần Thị B')), field(99, utf8('future'))]));
    expect(d.fullName).toBe('Trần Thị B');
    expect(d.sex).toBe('F');
    expect(d.idNumber).toBeNull();
    expect(d.dateOfBirth).toBeNull();
    expect(d.fatherName).toBeNull();
    expect(d.motherName).toBeNull();
    expect(d.rawFields['99']).toBe('future');
  });

  it('normalises decomposed Vietnamese text to NFC', () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    const te = new TextEncoder();
    const raw = Uint8Array.from([0x0c, te.encode(nfd).length, ...te.encode(nfd)]);
    const d = parseDg13(dg13([field(2, raw)]));
    expect(d.fullName).toBe('Nguyễn'.normalize('NFC'));
    expect(d.fullName!.length).toBe(6);
  });

  it('maps onto the shared Holder record', () => {
    const h = dg13ToHolder(parseDg13(sampleDg13()));
    expect(h).toMatchObject({ idNumber: '001090123456', sex: 'M', dateOfBirth: '1990-01-15', oldIdNumber: '123456789', spouseName: null });
  });

  it('parses helper formats strictly', () => {
    expect(dg13DateToIso('01/02/2003')).toBe('2003-02-01');
    expect(dg13DateToIso('31/02/2003')).toBeNull();
    expect(dg13DateToIso('Không thời hạn')).toBeNull();
    expect(sexFromVietnamese('NỮ')).toBe('F');
    expect(sexFromVietnamese('nam')).toBe('M');
    expect(sexFromVietnamese('?')).toBeNull();
    expect(() => parseDg13(seq(printable('x')))).toThrow(/expected tag 6D/);
  });
});
