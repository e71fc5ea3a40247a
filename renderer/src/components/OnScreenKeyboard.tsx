import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyTone, telexInput, type Tone } from '../lib/telex';
import type { MessageKey } from '../i18n/messages';

const DIGITS = '1234567890';
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** What a house number, "Xóm 3", "Số 12, ngõ 45", a date or an email needs besides letters and digits. */
const SYMBOLS = ['.', ',', '/', '-', '@'];
const MARKS = ['â', 'ă', 'ê', 'ô', 'ơ', 'ư', 'đ'];
const TONES: { tone: Tone | null; label: string; key: MessageKey }[] = [
  { tone: 'sac', label: 'á', key: 'kbd.tone.sac' },
  { tone: 'huyen', label: 'à', key: 'kbd.tone.huyen' },
  { tone: 'hoi', label: 'ả', key: 'kbd.tone.hoi' },
  { tone: 'nga', label: 'ã', key: 'kbd.tone.nga' },
  { tone: 'nang', label: 'ạ', key: 'kbd.tone.nang' },
];
/** TD1 MRZ characters (ICAO 9303-5 §4.2): A–Z, 0–9 and the filler "<". */
const MRZ_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL<', 'ZXCVBNM'];

function lastWordTone(text: string, tone: Tone | null): string {
  const m = /^(.*?)(\S*)$/su.exec(text);
  return (m?.[1] ?? '') + applyTone(m?.[2] ?? '', tone);
}

/**
 * - `text`: Vietnamese QWERTY with Telex composition (research/forms.md §5.1), a tone row and direct vowel-mark keys
 *   for people who do not know Telex, a digit row and the symbols of addresses and emails;
 * - `plain`: the same letters, digits and symbols without Telex (user names and passwords are typed as they are);
 * - `numeric`: a number pad for number-like fields;
 * - `mrz`: uppercase letters, digits and "<" for the card's MRZ lines.
 * `multiline` adds a line-break key (one entry per line).
 */
export type KeyboardLayout = 'text' | 'plain' | 'numeric' | 'mrz';

export function OnScreenKeyboard(props: { value: string; numeric?: boolean; layout?: KeyboardLayout; multiline?: boolean; label?: string; onChange: (v: string) => void; onDone: () => void }) {
  const { t } = useI18n();
  const [shift, setShift] = useState(false);
  const layout: KeyboardLayout = props.layout ?? (props.numeric ? 'numeric' : 'text');
  const type = (k: string): void => {
    const ch = shift ? k.toUpperCase() : k;
    props.onChange((layout === 'text' ? telexInput(props.value, ch) : props.value + ch).normalize('NFC'));
    if (shift) setShift(false);
  };
  const literal = (k: string): void => {
    props.onChange((props.value + (shift ? k.toUpperCase() : k)).normalize('NFC'));
    if (shift) setShift(false);
  };
  const back = (): void => props.onChange([...props.value].slice(0, -1).join(''));
  // Keys keep the focus in the field being edited (mousedown would move it to the key).
  const key = (label: string, onClick: () => void, className = 'key', aria?: string) => (
    <button key={label} type="button" className={className} aria-label={aria} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {label}
    </button>
  );
  const backspace = key('⌫', back, 'key key-secondary', t('kbd.backspace'));
  const done = (
    <button type="button" className="key key-primary wide" onClick={props.onDone}>
      {t('kbd.done')}
    </button>
  );
  const newline = props.multiline && key(`↵ ${t('kbd.newline')}`, () => literal('\n'), 'key key-secondary wide');
  const title = props.label ?? t(layout === 'mrz' ? 'kbd.titleMrz' : layout === 'plain' ? 'kbd.titlePlain' : 'kbd.title');
  if (layout === 'numeric') {
    return (
      <div className="osk osk-numeric" role="group" aria-label={title}>
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '/', '0'].map((k) => key(k, () => literal(k)))}
        {backspace}
        {done}
      </div>
    );
  }
  if (layout === 'mrz') {
    return (
      <div className="osk osk-mrz" role="group" aria-label={title}>
        {MRZ_ROWS.map((row, i) => (
          <div className="osk-row" key={row}>
            {[...row].map((k) => key(k, () => props.onChange(props.value + k)))}
            {i === 3 && key(`↵ ${t('kbd.newline')}`, () => props.onChange(props.value + '\n'), 'key key-secondary wide')}
            {i === 3 && backspace}
            {i === 3 && done}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className={`osk osk-${layout}`} role="group" aria-label={title}>
      {layout === 'text' && (
        <div className="osk-row">
          {TONES.map((x) => (
            <button key={x.key} type="button" className="key key-tone" aria-label={t(x.key)} title={t(x.key)} onMouseDown={(e) => e.preventDefault()} onClick={() => props.onChange(lastWordTone(props.value, x.tone))}>
              {x.label}
            </button>
          ))}
          {/* Its own words, not a letter: a plain "a" here looked like the letter key. */}
          <button type="button" className="key key-tone key-untone" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onChange(lastWordTone(props.value, null))}>
            {t('kbd.tone.none')}
          </button>
          {MARKS.map((m) => key(shift ? m.toUpperCase() : m, () => literal(m), 'key key-mark'))}
        </div>
      )}
      <div className="osk-row osk-digits">
        {[...DIGITS].map((k) => key(k, () => literal(k)))}
        {SYMBOLS.map((k) => key(k, () => literal(k), 'key key-symbol'))}
      </div>
      {ROWS.map((row, i) => (
        <div className="osk-row" key={row}>
          {i === 2 && (
            <button type="button" className={`key key-secondary${shift ? ' active' : ''}`} aria-pressed={shift} onMouseDown={(e) => e.preventDefault()} onClick={() => setShift(!shift)}>
              ⇧ {t('kbd.shift')}
            </button>
          )}
          {[...row].map((k) => key(shift ? k.toUpperCase() : k, () => type(k)))}
          {i === 2 && backspace}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="key key-space" onMouseDown={(e) => e.preventDefault()} onClick={() => literal(' ')}>
          {t('kbd.space')}
        </button>
        {newline}
        {done}
      </div>
      {layout === 'text' && <p className="osk-hint">{t('kbd.hint')}</p>}
    </div>
  );
}
