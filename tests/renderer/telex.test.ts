import { describe, it, expect } from 'vitest';
import { telexType, telexKey, applyTone } from '../../renderer/src/lib/telex';

describe('Telex composition', () => {
  it.each([
    ['Nguyeenx', 'Nguyễn'],
    ['dd', 'đ'],
    ['DDaa', 'Đâ'],
    ['Vieetj', 'Việt'],
    ['Hoaf', 'Hòa'],
    ['hoafn', 'hoàn'],
    ['tuowngf', 'tường'],
    ['nguowif', 'người'],
    ['muaw', 'mưa'],
    ['quas', 'quá'],
    ['giaf', 'già'],
    ['thuyr', 'thủy'],
    ['hoawcj', 'hoặc'],
    ['Traanf Thij Mai', 'Trần Thị Mai'],
    ['Phamj Vawn Ddoongs', 'Phạm Văn Đống'],
    ['Ddongs', 'Đóng'],
    ['khoer', 'khỏe'],
    ['hoaif', 'hoài'],
    ['uw', 'ư'],
    ['w', 'ư'],
    ['thuwowngf', 'thường'],
    ['Ddawng kys thuwowngf trus', 'Đăng ký thường trú'],
    ['uwow', 'ươ'],
  ])('%s → %s', (keys, out) => {
    expect(telexType(keys)).toBe(out);
    expect(telexType(keys)).toBe(out.normalize('NFC'));
  });

  it('repeated keys undo (aaa → aa, ass → as, ddd → dd), z removes the tone', () => {
    expect(telexType('aaa')).toBe('aa');
    expect(telexType('ass')).toBe('as');
    expect(telexType('ddd')).toBe('dd');
    expect(telexType('asz')).toBe('a');
  });

  it('tone keys without a vowel are letters', () => {
    expect(telexKey('', 's')).toBe('s');
    expect(telexType('str')).toBe('str');
  });

  it('applyTone puts the tone on the right vowel', () => {
    expect(applyTone('Nguyên', 'nga')).toBe('Nguyễn');
    expect(applyTone('Nguyễn', null)).toBe('Nguyên');
    expect(applyTone('xyz', 'sac')).toBe('xýz');
  });
});
