import { describe, expect, it } from 'vitest';
import { canFromIdNumber, documentNumberFromIdNumber, KeyInputError, assertCan } from '../../src/vn/can';

describe('CCCD keys from the ID number', () => {
  it('CAN is the last 6 digits, document number the last 9 (cccd.md §1.2, §2.2)', () => {
    expect(canFromIdNumber('001090123456')).toBe('123456');
    expect(documentNumberFromIdNumber('001090123456')).toBe('090123456');
  });
  it('rejects malformed input with a specific error', () => {
    expect(() => canFromIdNumber('00109012345')).toThrow(KeyInputError);
    expect(() => canFromIdNumber('00109012345a')).toThrow(/12 digits/);
    expect(() => assertCan('12345')).toThrow(/6 digits/);
    expect(assertCan(' 654321 ')).toBe('654321');
  });
});
