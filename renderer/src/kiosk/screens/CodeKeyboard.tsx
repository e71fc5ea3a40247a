import { useI18n } from '../../i18n/i18n';

const ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM-'];

/**
 * What a dossier code (HS-20261202-AB12CD) or a ticket number (17, K1-017) needs: digits, capital letters and the
 * dash. Keys keep the focus in the code field, so a scanner burst that follows still lands there.
 */
export function CodeKeyboard(props: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const key = (label: string, onClick: () => void, className = 'key', aria?: string) => (
    <button key={label} type="button" className={className} aria-label={aria} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {label}
    </button>
  );
  return (
    <div className="osk code-kbd" role="group" aria-label={t('kq.code.keyboard')}>
      {ROWS.map((row, i) => (
        <div className="osk-row" key={row}>
          {[...row].map((k) => key(k, () => props.onChange(props.value + k)))}
          {i === 3 && key('⌫', () => props.onChange(props.value.slice(0, -1)), 'key key-secondary', t('kq.code.backspace'))}
          {i === 3 && key(t('kq.code.clear'), () => props.onChange(''), 'key key-secondary')}
        </div>
      ))}
    </div>
  );
}
