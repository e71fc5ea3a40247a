import { useRef } from 'react';
import type { TicketSlip } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import { PdfPreview } from '../../components/PdfPreview';
import type { QueueFlowState } from '../kioskQueueFlow';

/**
 * The citizen's queue ticket as it is printed: the number largest, the group and its counter(s), the people ahead
 * and the wait as the honest range the server computed (or "chưa đủ dữ liệu để ước tính"). A number from the kiosk's
 * own block (the centre unreachable) is shown exactly like any other: nothing technical reaches the citizen.
 */
export function TicketPanel(props: { queue: QueueFlowState; onRetry: () => void }) {
  const { t } = useI18n();
  const { ticket, ticketPhase } = props.queue;
  if (ticketPhase === 'failed') {
    return (
      <section className="ticket-panel card-panel" aria-labelledby="ticket-heading">
        <h2 id="ticket-heading">{t('kq.ticket.title')}</h2>
        <p className="lead" role="alert" data-testid="ticket-failed">
          {t('kq.ticket.failed')}
        </p>
        <button type="button" className="btn btn-primary" onClick={props.onRetry}>
          {t('kq.ticket.retry')}
        </button>
      </section>
    );
  }
  if (!ticket) {
    return (
      <section className="ticket-panel card-panel" aria-busy="true">
        <p className="lead" role="status">
          {t('kq.ticket.issuing')}
        </p>
      </section>
    );
  }
  return (
    <section className="ticket-panel card-panel" aria-labelledby="ticket-heading" data-testid="ticket">
      <div className="ticket-main">
        <h2 id="ticket-heading" className="ticket-caption">
          {t('kq.ticket.number')}
        </h2>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.label}
        </p>
        <p className="ticket-group">{ticket.groupLabel}</p>
      </div>
      <div className="ticket-facts">
        <p className="ticket-counters" data-testid="ticket-counters">
          {t('kq.ticket.counters', { counters: ticket.counters.join(', ') })}
        </p>
        <p data-testid="ticket-ahead">{ticket.ahead === 0 ? t('kq.ticket.aheadNone') : t('kq.ticket.ahead', { n: ticket.ahead })}</p>
        <p data-testid="ticket-estimate">{estimate(ticket, t)}</p>
        {ticket.estimate && <p className="help">{t('kq.ticket.estimateNote')}</p>}
        <p className="help">{t('kq.ticket.watch')}</p>
      </div>
      <TicketPrint queue={props.queue} label={ticket.label} />
    </section>
  );
}

function estimate(ticket: TicketSlip, t: ReturnType<typeof useI18n>['t']): string {
  const e = ticket.estimate;
  if (!e) return t('kq.ticket.estimateNone');
  return e.lowMinutes <= 0 ? t('kq.ticket.estimateUnder', { high: e.highMinutes }) : t('kq.ticket.estimate', { low: e.lowMinutes, high: e.highMinutes });
}

/** Silent printing says what happened; otherwise the slip's preview and one button that prints it. */
function TicketPrint(props: { queue: QueueFlowState; label: string }) {
  const { t } = useI18n();
  const printRef = useRef<() => void>(() => undefined);
  const { print, ticketPdf } = props.queue;
  if (print === 'printing')
    return (
      <p className="ticket-print notice" role="status">
        {t('kq.print.printing')}
      </p>
    );
  if (print === 'printed')
    return (
      <p className="ticket-print notice" role="status" data-testid="ticket-printed">
        {t('kq.print.printed')}
      </p>
    );
  if (print === 'failed')
    return (
      <p className="ticket-print notice" role="status" data-testid="ticket-print-failed">
        {t('kq.print.failed', { label: props.label })}
      </p>
    );
  if (print === 'preview' && ticketPdf)
    return (
      <div className="ticket-print">
        <button type="button" className="btn btn-primary big" onClick={() => printRef.current()}>
          {t('kq.print.button')}
        </button>
        <div className="ticket-preview">
          <PdfPreview pdfBase64={ticketPdf} onPrintRef={(p) => (printRef.current = p)} title={t('kq.print.preview')} />
        </div>
      </div>
    );
  return null;
}
