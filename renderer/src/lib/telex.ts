/**
 * Telex input method (TCVN 5712:1993 practice; research/forms.md §5.1) for the on-screen keyboard.
 * Pure functions over the word being typed: `telexKey(word, key)` returns the new word.
 *   aa→â ee→ê oo→ô aw→ă ow→ơ uw→ư uow→ươ dd→đ; tones s f r x j; z removes the tone; a repeated key undoes.
 * Tone placement follows the classic rule (hòa, thủy, khỏe): a vowel with a diacritic (last one, for ươ) takes it;
 * otherwise the last vowel of the cluster when a final consonant follows, the middle one of three, the first of two.
 * Output is NFC.
 */

export type Tone = 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';

const TONE_MARK: Record<Tone, string> = { sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323' };
const TONE_KEYS: Record<string, Tone> = { s: 'sac', f: 'huyen', r: 'hoi', x: 'nga', j: 'nang' };
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const PLAIN_VOWELS = 'aăâeêioôơuưy';
const MARKED_VOWELS = 'ăâêôơư';

interface Ch {
  base: string; // NFC letter without tone
  tone: Tone | null;
}

function split(word: string): Ch[] {
  return [...word.normalize('NFC')].map((c) => {
    const d = c.normalize('NFD');
    const mark = d.match(TONE_RE)?.[0];
    const tone = mark ? ((Object.keys(TONE_MARK) as Tone[]).find((t) => TONE_MARK[t] === mark) ?? null) : null;
    return { base: d.replace(TONE_RE, '').normalize('NFC'), tone };
  });
}

function join(chars: Ch[]): string {
  return chars.map((c) => (c.tone ? (c.base + TONE_MARK[c.tone]).normalize('NFC') : c.base)).join('');
}

const isVowel = (c: Ch | undefined): boolean => !!c && PLAIN_VOWELS.includes(c.base.toLowerCase());
const lower = (c: Ch | undefined): string => c?.base.toLowerCase() ?? '';

function withCase(ref: string, letter: string): string {
  return ref === ref.toUpperCase() && ref !== ref.toLowerCase() ? letter.toUpperCase() : letter;
}

/** Indexes of the last vowel cluster, without the u of "qu" and the i of "gi" (they belong to the onset). */
function vowelCluster(chars: Ch[]): number[] {
  let end = chars.length - 1;
  while (end >= 0 && !isVowel(chars[end])) end--;
  if (end < 0) return [];
  let start = end;
  while (start > 0 && isVowel(chars[start - 1])) start--;
  const idx: number[] = [];
  for (let i = start; i <= end; i++) idx.push(i);
  if (idx.length > 1) {
    const first = lower(chars[idx[0]!]);
    const before = lower(chars[idx[0]! - 1]);
    if ((first === 'u' && before === 'q') || (first === 'i' && before === 'g')) idx.shift();
  }
  return idx;
}

function tonePosition(chars: Ch[]): number | null {
  const cl = vowelCluster(chars);
  if (cl.length === 0) return null;
  if (cl.length === 1) return cl[0]!;
  const marked = cl.filter((i) => MARKED_VOWELS.includes(lower(chars[i])));
  if (marked.length > 0) return marked[marked.length - 1]!;
  const last = cl[cl.length - 1]!;
  if (last < chars.length - 1) return last; // a final consonant follows
  return cl.length >= 3 ? cl[1]! : cl[0]!;
}

/** Move the word's tone (if any) to the right vowel; used after every keystroke. */
function placeTone(chars: Ch[]): Ch[] {
  const toned = chars.find((c) => c.tone);
  if (!toned) return chars;
  const tone = toned.tone;
  const out = chars.map((c) => ({ base: c.base, tone: null as Tone | null }));
  const pos = tonePosition(out);
  if (pos !== null) out[pos]!.tone = tone;
  return out;
}

function append(chars: Ch[], key: string): string {
  return join(placeTone([...chars, { base: key, tone: null }]));
}

/** Apply a tone to the word directly (tone buttons of the on-screen keyboard); null removes it. */
export function applyTone(word: string, tone: Tone | null): string {
  const chars = split(word).map((c) => ({ base: c.base, tone: null as Tone | null }));
  const pos = tonePosition(chars);
  if (pos === null) return word;
  chars[pos]!.tone = tone;
  return join(chars);
}

const HAT: Record<string, string> = { a: 'â', e: 'ê', o: 'ô' };
const UNHAT: Record<string, string> = { â: 'a', ê: 'e', ô: 'o' };

/** Process one key typed at the end of `word` (the text since the last space). */
export function telexKey(word: string, key: string): string {
  if (key.length !== 1) return word + key;
  const chars = split(word);
  const k = key.toLowerCase();

  if (k === 'd') {
    const i = chars.findIndex((c) => c.base === 'd' || c.base === 'D');
    if (i >= 0 && i === chars.length - 1) {
      chars[i] = { base: withCase(chars[i]!.base, 'đ'), tone: null };
      return join(chars);
    }
    const j = chars.findIndex((c) => c.base === 'đ' || c.base === 'Đ');
    if (j >= 0 && j === chars.length - 1) {
      chars[j] = { base: withCase(chars[j]!.base, 'd'), tone: null };
      return append(chars, key);
    }
    return append(chars, key);
  }

  const cl = vowelCluster(chars);

  if (k in HAT) {
    for (let n = cl.length - 1; n >= 0; n--) {
      const c = chars[cl[n]!]!;
      const l = c.base.toLowerCase();
      if (l === k || (k === 'a' && l === 'ă')) {
        chars[cl[n]!] = { base: withCase(c.base, HAT[k]!), tone: c.tone };
        return join(placeTone(chars));
      }
      if (UNHAT[l] === k) {
        chars[cl[n]!] = { base: withCase(c.base, k), tone: c.tone };
        return append(chars, key);
      }
    }
    return append(chars, key);
  }

  if (k === 'w') {
    const ls = cl.map((i) => lower(chars[i]));
    const set = (i: number, to: string): void => {
      const c = chars[i]!;
      chars[i] = { base: withCase(c.base, to), tone: c.tone };
    };
    // "uwow" and "uow" both give ươ: complete a half-made pair before treating w as an undo.
    const pair = ls.findIndex((l, n) => (l === 'u' || l === 'ư') && (ls[n + 1] === 'o' || ls[n + 1] === 'ơ') && !(l === 'ư' && ls[n + 1] === 'ơ'));
    if (pair >= 0) {
      set(cl[pair]!, 'ư');
      set(cl[pair + 1]!, 'ơ');
      return join(placeTone(chars));
    }
    if (ls.some((l) => 'ăơư'.includes(l))) {
      // Undo: "uww" → "uw".
      for (const i of cl) {
        const l = lower(chars[i]);
        if (l === 'ă') set(i, 'a');
        if (l === 'ơ') set(i, 'o');
        if (l === 'ư') set(i, 'u');
      }
      return append(chars, key);
    }
    if (ls.join('') === 'oa') set(cl[1]!, 'ă');
    else if (ls.includes('o')) set(cl[ls.indexOf('o')]!, 'ơ');
    else if (ls.includes('u')) set(cl[ls.indexOf('u')]!, 'ư');
    else if (ls.includes('a')) set(cl[ls.indexOf('a')]!, 'ă');
    else return append(chars, withCase(key, 'ư'));
    return join(placeTone(chars));
  }

  if (k in TONE_KEYS && cl.length > 0) {
    const tone = TONE_KEYS[k]!;
    const current = chars.find((c) => c.tone)?.tone ?? null;
    if (current === tone) return append(chars.map((c) => ({ base: c.base, tone: null })), key);
    return applyTone(join(chars), tone);
  }
  if (k === 'z' && chars.some((c) => c.tone)) return join(chars.map((c) => ({ base: c.base, tone: null })));

  return append(chars, key);
}

/** Type a whole key sequence (tests, paste): spaces separate words. */
export function telexType(keys: string, initial = ''): string {
  let text = initial;
  for (const key of keys) text = telexInput(text, key);
  return text;
}

/** Feed one key to a text: Telex applies to the last word only. */
export function telexInput(text: string, key: string): string {
  if (!/^[a-zA-Z]$/.test(key)) return text + key;
  const m = /^(.*?)(\S*)$/su.exec(text);
  const head = m?.[1] ?? '';
  const word = m?.[2] ?? '';
  return head + telexKey(word, key);
}
