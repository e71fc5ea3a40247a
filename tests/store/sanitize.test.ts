import { describe, it, expect } from 'vitest';
import { isForbiddenKey, looksLikeImageData, stripForbiddenFields } from '../../src/store/sanitize';
import { chipField } from '../forms/fixtures';

const f = chipField;

describe('sanitize', () => {
  it('forbids DG13 field 10 and image keys in any nesting or case', () => {
    for (const k of ['personalIdentification', 'holder.personalIdentification', 'PERSONAL_IDENTIFICATION', 'dacDiemNhanDang', 'photo', 'facePhoto', 'faceImage', 'cardImage', 'spouse.photo']) {
      expect(isForbiddenKey(k), k).toBe(true);
    }
    for (const k of ['fullName', 'idNumber', 'placeOfResidence', 'dateOfBirth']) expect(isForbiddenKey(k), k).toBe(false);
  });

  it('recognises data URLs and base64 image payloads but not ordinary values', () => {
    expect(looksLikeImageData('data:image/jpeg;base64,/9j/4AAQ')).toBe(true);
    expect(looksLikeImageData('/9j/4AAQSkZJRgABAQ')).toBe(true);
    expect(looksLikeImageData('iVBORw0KGgoAAAANSUhEUg')).toBe(true);
    expect(looksLikeImageData('A'.repeat(300))).toBe(true);
    expect(looksLikeImageData('Nguyễn Văn A')).toBe(false);
    expect(looksLikeImageData('001099012345')).toBe(false);
    expect(looksLikeImageData('Thôn 3, xã Tân Phú, tỉnh Đồng Nai')).toBe(false);
  });

  it('drops forbidden fields, including an image hidden in rawValue or choices, and keeps the rest in order', () => {
    const input = [
      f('fullName', 'Nguyễn Văn A'),
      f('personalIdentification', 'Sẹo chấm C 2cm trên trước mắt trái'),
      f('note', 'x', { rawValue: 'data:image/png;base64,iVBORw0KGgo=' }),
      f('other', 'y', { choices: ['/9j/4AAQSkZJRg'] }),
      f('idNumber', '001099012345'),
    ];
    const out = stripForbiddenFields(input);
    expect(out.fields.map((x) => x.key)).toEqual(['fullName', 'idNumber']);
    expect(out.dropped).toBe(3);
  });
});
