import { useI18n } from '../i18n/i18n';

/** 6-digit style numeric keypad with large touch targets (≥ 72 px). */
export function Keypad(props: { onDigit: (d: string) => void; onBackspace: () => void; onClear: () => void }) {
  const { t } = useI18n();
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div className="keypad" role="group" aria-label={t('key.canLabel')}>
      {keys.map((k) => (
        <button key={k} type="button" className="key" onClick={() => props.onDigit(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="key key-secondary" onClick={props.onClear}>
        {t('key.clear')}
      </button>
      <button type="button" className="key" onClick={() => props.onDigit('0')}>
        0
      </button>
      <button type="button" className="key key-secondary" aria-label={t('key.backspace')} onClick={props.onBackspace}>
        ⌫
      </button>
    </div>
  );
}
