import { useI18n } from '../../i18n/i18n';
import { DONE_RESET_S } from '../kioskFlow';
import type { QueueFlowState } from '../kioskQueueFlow';
import { TicketPanel } from './TicketPanel';

/** "Tôi cần hỏi / nộp giấy tờ khác": a ticket without a card or a form, for the group every counter serves. */
export function TicketScreen(props: { queue: QueueFlowState; onRetry: () => void; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen ticket-screen">
      <h1>{t('kq.ticket.title')}</h1>
      <TicketPanel queue={props.queue} onRetry={props.onRetry} />
      <div className="actions actions-bottom">
        <p className="help reset-note">{t('done.reset', { s: DONE_RESET_S })}</p>
        <button type="button" className="btn btn-primary big" onClick={props.onClose}>
          {t('kq.done.close')}
        </button>
      </div>
    </main>
  );
}
