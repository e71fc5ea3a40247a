import { useI18n } from '../../i18n/i18n';
import { DONE_RESET_S } from '../kioskFlow';

/** The dossier id, and what to bring to the counter: the printed declaration only when it was really printed. */
export function DoneScreen(props: { dossierId: string; printed: boolean; onStartOver: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen done-screen">
      <h1>{t('done.title')}</h1>
      <p className="lead" data-testid="dossier-id">
        {t(props.printed ? 'done.text' : 'done.textNotPrinted', { id: props.dossierId })}
      </p>
      <p className="lead">{t('done.takeCard')}</p>
      <p className="help">{t('done.reset', { s: DONE_RESET_S })}</p>
      <div className="actions">
        <button type="button" className="btn btn-primary big" onClick={props.onStartOver}>
          {t('common.startOver')}
        </button>
      </div>
    </main>
  );
}
