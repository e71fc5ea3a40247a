import { useI18n } from '../../i18n/i18n';

/** The kiosk before first-run setup: no citizen flow can start (no account, no office names), so it says so. */
export function NotSetUpScreen() {
  const { t } = useI18n();
  return (
    <main className="screen reader-missing" data-testid="not-set-up">
      <h1>{t('setup.kioskTitle')}</h1>
      <p className="lead" role="alert">
        {t('setup.kioskText')}
      </p>
      <p className="help">{t('readerMissing.auto')}</p>
    </main>
  );
}
