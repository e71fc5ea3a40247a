import { useI18n } from '../../i18n/i18n';
import type { CodePurpose } from '../kioskQueueFlow';

/**
 * What the start screen offers without a card: a queue ticket for a question or other papers, the status look-up,
 * and the rating. Shown beside the consent (and on the "reader missing" screen: none of these needs the reader).
 */
export function StartChoices(props: { onTicket: () => void; onCode: (purpose: CodePurpose) => void }) {
  const { t } = useI18n();
  return (
    <section className="start-choices" aria-labelledby="start-choices-heading">
      <h2 id="start-choices-heading">{t('kq.start.heading')}</h2>
      <div className="start-choice-buttons">
        <button type="button" className="btn btn-secondary start-choice" onClick={props.onTicket}>
          {t('kq.start.ticket')}
        </button>
        <button type="button" className="btn btn-secondary start-choice" onClick={() => props.onCode('lookup')}>
          {t('kq.start.lookup')}
        </button>
        <button type="button" className="btn btn-secondary start-choice" onClick={() => props.onCode('rate')}>
          {t('kq.start.rate')}
        </button>
      </div>
    </section>
  );
}
