import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { VISIT_CHOICES, canSendRating, problemKey, type Level, type QueueFlowState, type RatingDraft } from '../kioskQueueFlow';

const LEVELS: Level[] = [5, 4, 3, 2, 1];

/**
 * The standard satisfaction survey for one served ticket: the five levels (Rất hài lòng … Rất không hài lòng) as
 * big choices, how many times the citizen had to come, and whether the list of papers was clear. Nothing personal
 * is asked; the server ties the answer to the ticket's counter, procedure group and day, once per ticket.
 */
export function RateScreen(props: { queue: QueueFlowState; onAnswer: (a: { level?: Level; visits?: number; papersClear?: boolean | null }) => void; onSend: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const r = props.queue.rating;
  if (!r) return null;
  const { problem, problemLabel, sending } = props.queue;
  const refused = problem === 'alreadyRated' || problem === 'notServed' || problem === 'notFound';
  const choice: Choice = (key, label, checked, onClick, className = '') => (
    <button key={key} type="button" role="radio" aria-checked={checked} className={`btn btn-choice ${className}${checked ? ' active' : ''}`} onClick={onClick}>
      {label}
    </button>
  );
  return (
    <main className="screen rate-screen">
      <h1>{t('kq.rate.title', { label: r.label })}</h1>
      <p className="help">{t('kq.rate.intro')}</p>
      {problem && (
        <p className="banner banner-invalid" role="alert" data-testid="rate-problem">
          {t(problemKey(problem), { label: problemLabel ?? r.label })}
        </p>
      )}
      {refused ? (
        <div className="actions actions-bottom">
          <button type="button" className="btn btn-primary big" onClick={props.onBack}>
            {t('kq.back')}
          </button>
        </div>
      ) : (
        <Questions r={r} choice={choice} sending={sending} onAnswer={props.onAnswer} onSend={props.onSend} onBack={props.onBack} />
      )}
    </main>
  );
}

type Choice = (key: string, label: string, checked: boolean, onClick: () => void, className?: string) => React.ReactNode;

function Questions(props: { r: RatingDraft; choice: Choice; sending: boolean; onAnswer: (a: { level?: Level; visits?: number; papersClear?: boolean | null }) => void; onSend: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const { r, choice, sending } = props;
  return (
    <>
      <div className="rate-question">
        <p className="question" id="q-level">
          {t('kq.rate.level')}
        </p>
        <div role="radiogroup" aria-labelledby="q-level" className="rate-levels">
          {LEVELS.map((l) => choice(`l${l}`, t(`kq.rate.level${l}` as MessageKey), r.level === l, () => props.onAnswer({ level: l }), `rate-level rate-level-${l}`))}
        </div>
      </div>
      <div className="rate-row">
        <div className="rate-question">
          <p className="question" id="q-visits">
            {t('kq.rate.visits')}
          </p>
          <div role="radiogroup" aria-labelledby="q-visits" className="rate-choices">
            {VISIT_CHOICES.map((n, i) => choice(`v${n}`, i === VISIT_CHOICES.length - 1 ? t('kq.rate.visitsMore', { n }) : t('kq.rate.visitsN', { n }), r.visits === n, () => props.onAnswer({ visits: n })))}
          </div>
        </div>
        <div className="rate-question">
          <p className="question" id="q-papers">
            {t('kq.rate.papers')}
          </p>
          <div role="radiogroup" aria-labelledby="q-papers" className="rate-choices">
            {choice('py', t('kq.rate.papersYes'), r.papersClear === true, () => props.onAnswer({ papersClear: r.papersClear === true ? null : true }))}
            {choice('pn', t('kq.rate.papersNo'), r.papersClear === false, () => props.onAnswer({ papersClear: r.papersClear === false ? null : false }))}
          </div>
        </div>
      </div>
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('kq.back')}
        </button>
        <button type="button" className="btn btn-primary big" disabled={!canSendRating(r) || sending} onClick={props.onSend}>
          {sending ? t('kq.rate.sending') : t('kq.rate.send')}
        </button>
      </div>
    </>
  );
}
