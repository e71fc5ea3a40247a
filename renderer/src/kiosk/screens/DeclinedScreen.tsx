import { useI18n } from '../../i18n/i18n';

export function DeclinedScreen(props: { onStartOver: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen">
      <p className="lead" role="status">
        {t('consent.declined')}
      </p>
      <div className="actions">
        <button type="button" className="btn btn-primary big" onClick={props.onStartOver}>
          {t('common.startOver')}
        </button>
      </div>
    </main>
  );
}
