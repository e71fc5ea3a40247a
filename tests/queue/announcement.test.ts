import { describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_CLIPS, announcementClips, clipText, numberClips, type ClipId } from '../../src/queue/announcement';

const UNIT = ['', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** An independent reading of 1–999 written from the rules (not from the module's code paths). */
function expectedWords(n: number): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const parts: string[] = [];
  if (h > 0) parts.push(UNIT[h] as string, 'trăm');
  if (t === 0 && u > 0) {
    if (h > 0) parts.push('linh');
    parts.push(UNIT[u] as string);
  } else if (t === 1) {
    parts.push('mười');
    if (u > 0) parts.push(u === 5 ? 'lăm' : (UNIT[u] as string));
  } else if (t > 1) {
    parts.push(UNIT[t] as string, 'mươi');
    if (u > 0) parts.push(u === 1 ? 'mốt' : u === 4 ? 'tư' : u === 5 ? 'lăm' : (UNIT[u] as string));
  }
  return parts.join(' ');
}

describe('Vietnamese number clips', () => {
  it('reads the well-known examples the Vietnamese way', () => {
    const cases: [number, string][] = [
      [1, 'một'], [5, 'năm'], [10, 'mười'], [11, 'mười một'], [14, 'mười bốn'], [15, 'mười lăm'], [17, 'mười bảy'],
      [20, 'hai mươi'], [21, 'hai mươi mốt'], [24, 'hai mươi tư'], [25, 'hai mươi lăm'], [55, 'năm mươi lăm'],
      [100, 'một trăm'], [101, 'một trăm linh một'], [104, 'một trăm linh bốn'], [105, 'một trăm linh năm'],
      [110, 'một trăm mười'], [115, 'một trăm mười lăm'], [121, 'một trăm hai mươi mốt'], [999, 'chín trăm chín mươi chín'],
      [500, 'năm trăm'], [745, 'bảy trăm bốn mươi lăm'],
    ];
    for (const [n, words] of cases) expect(clipText(numberClips(n)), String(n)).toBe(words);
  });

  it('every number 1–999 matches the rules, clip by clip', () => {
    for (let n = 1; n <= 999; n++) expect(clipText(numberClips(n)), String(n)).toBe(expectedWords(n));
  });

  it('the special forms appear exactly where the rules put them', () => {
    for (let n = 1; n <= 999; n++) {
      const clips = numberClips(n);
      const rest = n % 100;
      const u = n % 10;
      const t = Math.floor(rest / 10);
      expect(clips.includes('so-mot-sac'), `${n} mốt`).toBe(t >= 2 && u === 1);
      expect(clips.includes('so-tu'), `${n} tư`).toBe(t >= 2 && u === 4);
      expect(clips.includes('so-lam'), `${n} lăm`).toBe(t >= 1 && u === 5);
      expect(clips.includes('so-muoi-ngang'), `${n} mươi`).toBe(t >= 2);
      expect(clips.includes('so-muoi-huyen'), `${n} mười`).toBe(t === 1);
      expect(clips.includes('so-linh'), `${n} linh`).toBe(n >= 100 && t === 0 && u > 0);
    }
  });

  it('refuses numbers it cannot read', () => {
    for (const n of [0, 1000, -3, 1.5]) expect(() => numberClips(n)).toThrow(RangeError);
  });
});

describe('the announcement', () => {
  it('"Mời công dân có số thứ tự 17 đến quầy số 2" starts with the chime', () => {
    const clips = announcementClips('17', 2);
    expect(clips).toEqual(['chime', 'phrase-moi-cong-dan', 'so-muoi-huyen', 'so-bay', 'phrase-den-quay', 'so-hai']);
    expect(clipText(clips)).toBe('Mời công dân có số thứ tự mười bảy đến quầy số hai');
  });

  it('an offline kiosk number is read with its block', () => {
    expect(clipText(announcementClips('K1-017', 3))).toBe('Mời công dân có số thứ tự ca một số mười bảy đến quầy số ba');
  });

  it('centre numbers above 999 are read digit by digit', () => {
    expect(clipText(announcementClips('1205', 1))).toBe('Mời công dân có số thứ tự một hai không năm đến quầy số một');
  });

  it('rejects a label that is not a ticket number', () => {
    expect(() => announcementClips('K1-17', 1)).toThrow(/not a ticket label/);
    expect(() => announcementClips('0', 1)).toThrow(/not a ticket label/);
  });

  it('every clip id used for 1–999 is a declared, stable file name', () => {
    const used = new Set<ClipId>();
    for (let n = 1; n <= 999; n++) for (const c of numberClips(n)) used.add(c);
    for (const c of used) expect(Object.keys(ANNOUNCEMENT_CLIPS)).toContain(c);
    for (const id of Object.keys(ANNOUNCEMENT_CLIPS)) expect(id).toMatch(/^[a-z][a-z-]*$/);
  });
});
