import { describe, expect, it } from 'vitest';
import { mrzInformation, mrzInformationFromId, mrzInformationFromMrzText } from '../../../src/card/reader/mrzKey';

describe('MRZ information for BAC', () => {
  it('matches the synthetic CCCD example of cccd.md §2.2', () => {
    expect(mrzInformationFromId('001090123456', '900115', '300115')).toBe('090123456290011583001156');
  });
  it('matches ICAO 9303-11 App. D.2 (L898902C<, 690806, 940623)', () => {
    expect(mrzInformation('L898902C', '690806', '940623')).toBe('L898902C<369080619406236');
  });
  it('extracts the key fields from a TD1 MRZ and verifies check digits', () => {
    const td1 = ['IDVNM0901234562001090123456<<3', '9001158M3001156VNM<<<<<<<<<<<0', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<'].join('\n');
    expect(mrzInformationFromMrzText(td1)).toBe('090123456290011583001156');
    const broken = td1.replace('9001158', '9001159');
    expect(() => mrzInformationFromMrzText(broken)).toThrow(/date of birth check digit/);
  });
  it('never-expiring cards use 991231', () => {
    expect(mrzInformationFromId('001060123456', '600101', '991231').endsWith('9912315')).toBe(true);
  });
  it('rejects wrong lengths', () => {
    expect(() => mrzInformationFromMrzText('IDVNM')).toThrow(/90 characters/);
  });
});
