import { describe, it, expect } from 'vitest';
import { foldForSearch, planSearch } from '../../src/store/searchText';

describe('foldForSearch', () => {
  it('removes Vietnamese diacritics and folds đ/Đ to d (which unicode61 remove_diacritics keeps)', () => {
    expect(foldForSearch('Nguyễn Văn A')).toBe('nguyen van a');
    expect(foldForSearch('Đặng Thị Bích Ngọc')).toBe('dang thi bich ngoc');
    expect(foldForSearch('ĐỖ  ĐỨC-ĐẠT')).toBe('do duc dat');
  });
  it('handles decomposed (NFD) input the same as composed', () => {
    expect(foldForSearch('Nguye\u0302\u0303n')).toBe('nguyen');
  });
});

describe('planSearch', () => {
  it('routes digits-only queries to the ID-number prefix index', () => {
    expect(planSearch(' 0791 ')).toEqual({ kind: 'idPrefix', prefix: '0791' });
  });
  it('builds FTS5 queries: whole words, and the same with the last word as a prefix', () => {
    expect(planSearch('Nguyễn Văn A')).toEqual({ kind: 'fts', exact: '"nguyen" AND "van" AND "a"', prefix: '"nguyen" AND "van" AND "a"*' });
  });
  it('cannot be used to inject FTS5 syntax', () => {
    expect(planSearch('a" OR "b* NEAR(')).toMatchObject({ kind: 'fts', exact: '"a" AND "or" AND "b" AND "near"' });
  });
  it('returns empty for blank or punctuation-only input', () => {
    expect(planSearch('  -- ')).toEqual({ kind: 'empty' });
  });
});
