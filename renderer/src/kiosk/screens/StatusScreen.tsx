import type { FormDefinition, StatusLookup } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { isoToDisplay } from '../../lib/format';

const STEPS = ['received', 'processing', 'result_ready', 'returned'] as const;

/**
 * The look-up's answer in plain words: where the dossier stands (đã tiếp nhận / đang xử lý / có kết quả / đã trả)
 * with the four steps in order, the promised return date, and the ticket's place in the line. Nothing personal
 * beyond the masked initials the server sends.
 */
export function StatusScreen(props: { result: StatusLookup; forms: FormDefinition[]; onAgain: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const { dossier, ticket } = props.result;
  const form = dossier ? props.forms.find((f) => f.id === dossier.formId) : undefined;
  const at = dossier ? STEPS.indexOf(dossier.progress) : -1;
  return (
    <main className="screen status-screen">
      <h1>{t('kq.status.title')}</h1>
      {dossier && (
        <section className="status-dossier card-panel" aria-labelledby="status-dossier" data-testid="status-dossier">
          <h2 id="status-dossier">{t('kq.status.dossier', { code: dossier.code })}</h2>
          <p className="status-meta">
            {form && <span>{t('kq.status.procedure', { form: form.title })}</span>}
            <span data-testid="status-initials">{t('kq.status.person', { initials: dossier.initials })}</span>
          </p>
          <p className="status-state" data-testid="status-state">
            <strong>{t(`kq.status.${dossier.progress}` as MessageKey)}</strong> — {t(`kq.status.${dossier.progress}Text` as MessageKey)}
          </p>
          <ol className="status-steps" aria-label={t('kq.status.title')}>
            {STEPS.map((s, i) => (
              <li key={s} className={i < at ? 'stage-done' : i === at ? 'stage-active' : 'stage-todo'} aria-current={i === at ? 'step' : undefined}>
                {t(`kq.status.${s}` as MessageKey)}
              </li>
            ))}
          </ol>
          <p data-testid="status-expected">{dossier.expectedReturn ? t('kq.status.expected', { date: isoToDisplay(dossier.expectedReturn) }) : t('kq.status.expectedNone')}</p>
        </section>
      )}
      {ticket && (
        <section className="status-ticket card-panel" aria-labelledby="status-ticket" data-testid="status-ticket">
          <h2 id="status-ticket">{t('kq.status.ticket', { label: ticket.label })}</h2>
          <p>{ticketText(ticket, t)}</p>
        </section>
      )}
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('kq.back')}
        </button>
        <button type="button" className="btn btn-primary big" onClick={props.onAgain}>
          {t('kq.status.again')}
        </button>
      </div>
    </main>
  );
}

function ticketText(ticket: NonNullable<StatusLookup['ticket']>, t: ReturnType<typeof useI18n>['t']): string {
  switch (ticket.state) {
    case 'waiting':
      return ticket.ahead > 0 ? t('kq.status.waitingAhead', { n: ticket.ahead }) : t('kq.status.waiting');
    case 'called':
      return ticket.counter ? t('kq.status.called', { counter: ticket.counter }) : t('kq.status.waiting');
    case 'done':
      return t('kq.status.done');
    case 'no_show':
      return t('kq.status.no_show');
  }
}
