import { describe, it, expect } from 'vitest';
import { parseMrz, birthDateToIso, expiryDateToIso } from '../../../src/card/lds/mrz';
import { CCCD_MRZ_LINES } from './fixtures';

describe('MRZ', () => {
  it('parses a CCCD TD1 MRZ with every check digit', () => {
    const m = parseMrz(CCCD_MRZ_LINES.join('\n'), new Date('2026-01-01'));
    expect(m.format).toBe('TD1');
    expect(m.documentCode).toBe('ID');
    expect(m.issuingState).toBe('VNM');
    expect(m.documentNumber).toBe('090123456');
    expect(m.vnIdNumber).toBe('001090123456');
    expect(m.dateOfBirth).toBe('1990-01-15');
    expect(m.sex).toBe('M');
    expect(m.dateOfExpiry).toBe('2030-01-15');
    expect(m.nationality).toBe('VNM');
    expect(m.surname).toBe('NGUYEN');
    expect(m.givenNames).toBe('VAN A');
    expect(m.checks).toEqual({ documentNumber: true, dateOfBirth: true, dateOfExpiry: true, composite: true, vnIdNumber: true });
    expect(m.valid).toBe(true);
  });

  it('reports each wrong check digit', () => {
    const l1 = CCCD_MRZ_LINES[0]!.slice(0, 14) + '9' + CCCD_MRZ_LINES[0]!.slice(15);
    const l2 = CCCD_MRZ_LINES[1]!.slice(0, 29) + '1';
    const m = parseMrz([l1, l2, CCCD_MRZ_LINES[2]!].join(''));
    expect(m.checks.documentNumber).toBe(false);
    expect(m.checks.composite).toBe(false);
    expect(m.checks.dateOfBirth).toBe(true);
    expect(m.valid).toBe(false);
  });

  it('treats 991231 as no expiry (cccd.md §2.4)', () => {
    // Same card with a lifetime expiry; recompute the expiry and composite check digits.
    const l2 = '9001158M9912315VNM<<<<<<<<<<<';
    const m0 = parseMrz([CCCD_MRZ_LINES[0]!, `${l2}0`, CCCD_MRZ_LINES[2]!].join(''));
    expect(m0.checks.dateOfExpiry).toBe(true);
    const composite = [...'0123456789'].find((d) => parseMrz([CCCD_MRZ_LINES[0]!, l2 + d, CCCD_MRZ_LINES[2]!].join('')).checks.composite)!;
    const m = parseMrz([CCCD_MRZ_LINES[0]!, l2 + composite, CCCD_MRZ_LINES[2]!].join(''));
    expect(m.dateOfExpiry).toBeNull();
    expect(m.noExpiry).toBe(true);
    expect(m.valid).toBe(true);
  });

  it('pivots years: birth dates by the current year, expiries always 20YY', () => {
    const now = new Date('2026-06-01');
    expect(birthDateToIso('300101', now)).toBe('1930-01-01');
    expect(birthDateToIso('250101', now)).toBe('2025-01-01');
    expect(expiryDateToIso('990101')).toBe('2099-01-01');
    expect(expiryDateToIso('991231')).toBeNull();
    expect(birthDateToIso('900231', now)).toBeNull();
  });

  it('parses TD2 and long TD1 document numbers', () => {
    // ICAO 9303-6 Appendix A specimen (TD2)
    const td2 = parseMrz('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<' + 'D231458907UTO7408122F1204159<<<<<<<6');
    expect(td2.format).toBe('TD2');
    expect(td2.documentNumber).toBe('D23145890');
    expect(td2.surname).toBe('ERIKSSON');
    expect(td2.givenNames).toBe('ANNA MARIA');
    expect(td2.valid).toBe(true);
    // ICAO 9303-5 Appendix D: long document number D23145890734 (check digit 9 after the overflow)
    const td1 = parseMrz('I<UTOD23145890<7349<<<<<<<<<<<' + '3407127M9507122UTO<<<<<<<<<<<2' + 'STEVENSON<<PETER<JOHN<<<<<<<<<');
    expect(td1.documentNumber).toBe('D23145890734');
    expect(td1.checks.documentNumber).toBe(true);
  });

  it('rejects malformed input', () => {
    expect(() => parseMrz('ABC')).toThrow(/unsupported length/);
    expect(() => parseMrz('a'.repeat(90))).not.toThrow();
    expect(() => parseMrz('#'.repeat(90))).toThrow(/invalid characters/);
  });
});
