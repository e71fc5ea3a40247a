import type { CardStatus } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { ReaderStatus } from './ReaderStatus';

export function Header(props: { demo: boolean; status: CardStatus | null; title?: string; children?: React.ReactNode }) {
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
      {props.children}
      <button type="button" className="btn btn-ghost" aria-label={t('app.langLabel')} lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
        {t('app.lang')}
      </button>
    </header>
  );
}
