import { useI18n } from '../../i18n/i18n';

/** Thanks after a rating; the kiosk goes back to the start by itself a few seconds later. */
export function RatedScreen(props: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen rated-screen">
      <h1>{t('kq.rated.title')}</h1>
      <p className="lead" role="status" data-testid="rated">
        {t('kq.rated.text')}
      </p>
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-primary big" onClick={props.onBack}>
          {t('kq.back')}
        </button>
      </div>
    </main>
  );
}
