import { useI18n } from '../../i18n/i18n';
import { DONE_RESET_S } from '../kioskFlow';
import type { QueueFlowState } from '../kioskQueueFlow';
import { TicketPanel } from './TicketPanel';

/**
 * The dossier id, what to bring to the counter (the printed declaration only when it was really printed), and the
 * queue ticket that takes the citizen there.
 */
export function DoneScreen(props: { dossierId: string; printed: boolean; queue: QueueFlowState; onRetryTicket: () => void; onStartOver: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen done-screen">
      <h1>{t('done.title')}</h1>
      <p className="lead" data-testid="dossier-id">
        {t(props.printed ? 'done.text' : 'done.textNotPrinted', { id: props.dossierId })}
      </p>
      <TicketPanel queue={props.queue} onRetry={props.onRetryTicket} />
      <p className="lead take-card">{t('done.takeCard')}</p>
      <div className="actions actions-bottom">
        <p className="help reset-note">{t('done.reset', { s: DONE_RESET_S })}</p>
        <button type="button" className="btn btn-primary big" onClick={props.onStartOver}>
          {t('common.startOver')}
        </button>
      </div>
    </main>
  );
}
