import { describe, it, expect } from 'vitest';
import { parseDg1 } from '../../../src/card/lds/dg1';
import { bsi } from '../../helpers/sharedData';
import { CCCD_MRZ_LINES, dg1FromMrz } from './fixtures';

describe('DG1', () => {
  it('parses the BSI 2008 TD3 MRZ with all check digits valid', () => {
    const { mrz, mrzText } = parseDg1(bsi('Datagroup1.bin'), new Date('2026-01-01'));
    expect(mrzText).toHaveLength(88);
    expect(mrz.format).toBe('TD3');
    expect(mrz.documentCode).toBe('P');
    expect(mrz.issuingState).toBe('D');
    expect(mrz.surname).toBe('MUSTERMANN');
    expect(mrz.givenNames).toBe('ERIKA');
    expect(mrz.documentNumber).toBe('C11T002JM');
    expect(mrz.dateOfBirth).toBe('1996-08-12');
    expect(mrz.sex).toBe('F');
    expect(mrz.dateOfExpiry).toBe('2013-10-31');
    expect(mrz.checks).toEqual({ documentNumber: true, dateOfBirth: true, dateOfExpiry: true, optionalData: true, composite: true });
    expect(mrz.valid).toBe(true);
  });

  it('parses a synthetic CCCD DG1 (61 5D 5F1F 5A, 95 bytes)', () => {
    const bytes = dg1FromMrz(CCCD_MRZ_LINES);
    expect(bytes.length).toBe(95);
    const { mrz } = parseDg1(bytes);
    expect(mrz.vnIdNumber).toBe('001090123456');
    expect(mrz.valid).toBe(true);
  });

  it('rejects a file that is not DG1', () => {
    expect(() => parseDg1(bsi('EF_COM.bin'))).toThrow(/expected tag 61/);
  });
});
