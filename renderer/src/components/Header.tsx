import type { CardStatus } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { ActiveReader, ReaderStatus } from './ReaderStatus';

/**
 * `status`: the reader status in a few words (kiosk, counter login). `activeReader`: for a screen that shows the
 * full status elsewhere (the counter's side bar), only the name of the reader in use when there are several.
 */
export function Header(props: { demo: boolean; status: CardStatus | null; activeReader?: CardStatus | null; title?: string; children?: React.ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">{props.title ?? t('app.title')}</div>
      {props.demo && (
        <div className="demo-badge" data-testid="demo-badge">
          {t('app.demo')}
        </div>
      )}
      <ReaderStatus status={props.status} compact />
      {!props.status && <ActiveReader status={props.activeReader ?? null} />}
      {props.children}
      <button type="button" className="btn btn-ghost" aria-label={t('app.langLabel')} lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
        {t('app.lang')}
      </button>
    </header>
  );
}
