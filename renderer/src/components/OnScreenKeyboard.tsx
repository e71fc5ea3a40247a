import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyTone, telexInput, type Tone } from '../lib/telex';
import type { MessageKey } from '../i18n/messages';

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const MARKS = ['â', 'ă', 'ê', 'ô', 'ơ', 'ư', 'đ'];
const TONES: { tone: Tone | null; label: string; key: MessageKey }[] = [
  { tone: 'sac', label: 'á', key: 'kbd.tone.sac' },
  { tone: 'huyen', label: 'à', key: 'kbd.tone.huyen' },
  { tone: 'hoi', label: 'ả', key: 'kbd.tone.hoi' },
  { tone: 'nga', label: 'ã', key: 'kbd.tone.nga' },
  { tone: 'nang', label: 'ạ', key: 'kbd.tone.nang' },
  { tone: null, label: 'a', key: 'kbd.tone.none' },
];

function lastWordTone(text: string, tone: Tone | null): string {
  const m = /^(.*?)(\S*)$/su.exec(text);
  return (m?.[1] ?? '') + applyTone(m?.[2] ?? '', tone);
}

/**
 * On-screen Vietnamese keyboard (research/forms.md §5.1): QWERTY with Telex composition, a tone row and direct
 * vowel-mark keys for people who do not know Telex; numeric pad for number-like fields.
 */
export function OnScreenKeyboard(props: { value: string; numeric?: boolean; onChange: (v: string) => void; onDone: () => void }) {
  const { t } = useI18n();
  const [shift, setShift] = useState(false);
  const type = (k: string): void => {
    props.onChange(telexInput(props.value, shift ? k.toUpperCase() : k).normalize('NFC'));
    if (shift) setShift(false);
  };
  const literal = (k: string): void => {
    props.onChange((props.value + (shift ? k.toUpperCase() : k)).normalize('NFC'));
    if (shift) setShift(false);
  };
  const back = (): void => props.onChange([...props.value].slice(0, -1).join(''));
  if (props.numeric) {
    return (
      <div className="osk osk-numeric" role="group" aria-label={t('kbd.title')}>
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '/', '0'].map((k) => (
          <button key={k} type="button" className="key" onMouseDown={(e) => e.preventDefault()} onClick={() => literal(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="key key-secondary" aria-label={t('kbd.backspace')} onMouseDown={(e) => e.preventDefault()} onClick={back}>
          ⌫
        </button>
        <button type="button" className="key key-primary wide" onClick={props.onDone}>
          {t('kbd.done')}
        </button>
      </div>
    );
  }
  return (
    <div className="osk" role="group" aria-label={t('kbd.title')}>
      <div className="osk-row">
        {TONES.map((x) => (
          <button key={x.key} type="button" className="key key-tone" aria-label={t(x.key)} title={t(x.key)} onMouseDown={(e) => e.preventDefault()} onClick={() => props.onChange(lastWordTone(props.value, x.tone))}>
            {x.label}
          </button>
        ))}
        {MARKS.map((m) => (
          <button key={m} type="button" className="key key-mark" onMouseDown={(e) => e.preventDefault()} onClick={() => literal(m)}>
            {shift ? m.toUpperCase() : m}
          </button>
        ))}
      </div>
      {ROWS.map((row, i) => (
        <div className="osk-row" key={row}>
          {i === 2 && (
            <button type="button" className={`key key-secondary${shift ? ' active' : ''}`} aria-pressed={shift} onMouseDown={(e) => e.preventDefault()} onClick={() => setShift(!shift)}>
              ⇧ {t('kbd.shift')}
            </button>
          )}
          {[...row].map((k) => (
            <button key={k} type="button" className="key" onMouseDown={(e) => e.preventDefault()} onClick={() => type(k)}>
              {shift ? k.toUpperCase() : k}
            </button>
          ))}
          {i === 2 && (
            <button type="button" className="key key-secondary" aria-label={t('kbd.backspace')} onMouseDown={(e) => e.preventDefault()} onClick={back}>
              ⌫
            </button>
          )}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="key" onMouseDown={(e) => e.preventDefault()} onClick={() => literal(',')}>
          ,
        </button>
        <button type="button" className="key key-space" onMouseDown={(e) => e.preventDefault()} onClick={() => literal(' ')}>
          {t('kbd.space')}
        </button>
        <button type="button" className="key" onMouseDown={(e) => e.preventDefault()} onClick={() => literal('-')}>
          -
        </button>
        <button type="button" className="key key-primary wide" onClick={props.onDone}>
          {t('kbd.done')}
        </button>
      </div>
      <p className="osk-hint">{t('kbd.hint')}</p>
    </div>
  );
}
