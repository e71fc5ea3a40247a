import { describe, expect, it } from 'vitest';
import { dateInWords, numberToWordsVi, parseDate, placeDateLine, toDmy, toIso } from '../../src/vn/dates';

describe('numberToWordsVi', () => {
  it.each([
    [0, 'không'], [1, 'một'], [4, 'bốn'], [5, 'năm'], [10, 'mười'], [11, 'mười một'], [14, 'mười bốn'], [15, 'mười lăm'],
    [20, 'hai mươi'], [21, 'hai mươi mốt'], [25, 'hai mươi lăm'], [31, 'ba mươi mốt'], [105, 'một trăm linh năm'],
    [1950, 'một nghìn chín trăm năm mươi'], [1975, 'một nghìn chín trăm bảy mươi lăm'], [1904, 'một nghìn chín trăm linh bốn'],
    [2000, 'hai nghìn'], [2001, 'hai nghìn không trăm linh một'], [2010, 'hai nghìn không trăm mười'],
    [2015, 'hai nghìn không trăm mười lăm'], [2021, 'hai nghìn không trăm hai mươi mốt'], [2025, 'hai nghìn không trăm hai mươi lăm'],
  ])('%i → %s', (n, words) => expect(numberToWordsVi(n)).toBe(words));
  it('rejects numbers it cannot read', () => {
    expect(() => numberToWordsVi(10000)).toThrow(RangeError);
    expect(() => numberToWordsVi(-1)).toThrow(RangeError);
  });
});

describe('dateInWords', () => {
  it('writes the brief’s example', () => {
    expect(dateInWords('2025-12-25')).toBe('ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm');
  });
  it('reads month 4 as "tư", day 1 as "một", day 21 as "hai mươi mốt"', () => {
    expect(dateInWords('01/04/2005')).toBe('ngày một tháng tư năm hai nghìn không trăm linh năm');
    expect(dateInWords('21/01/2024')).toBe('ngày hai mươi mốt tháng một năm hai nghìn không trăm hai mươi bốn');
    expect(dateInWords('15/11/1990')).toBe('ngày mười lăm tháng mười một năm một nghìn chín trăm chín mươi');
  });
  it('returns null for invalid dates', () => {
    expect(dateInWords('31/02/2024')).toBeNull();
    expect(dateInWords('')).toBeNull();
  });
});

describe('digit formats', () => {
  it('converts between ISO and dd/mm/yyyy', () => {
    expect(toDmy('2024-07-01')).toBe('01/07/2024');
    expect(toIso('1/7/2024')).toBe('2024-07-01');
    expect(parseDate('2024-13-01')).toBeNull();
  });
  it('pads the day below 10 and months 1–2 in the place-date line, in Hà Nội time', () => {
    expect(placeDateLine('Tân Phú', new Date('2026-02-04T20:00:00Z'))).toBe('Tân Phú, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine('Tân Phú', new Date('2026-11-26T03:00:00Z'))).toBe('Tân Phú, ngày 26 tháng 11 năm 2026');
  });
});
