import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { CodePurpose } from '../kioskQueueFlow';
import { StartChoices } from './StartChoices';

/**
 * Consent first (Luật 91/2025/QH15): neither choice is preselected and "Tiếp tục" waits for one. Beside it, what
 * needs no card: a queue ticket, the status look-up, the rating.
 */
export function WelcomeScreen(props: { consent: 'yes' | 'no' | null; notice: MessageKey | null; onConsent: (c: 'yes' | 'no') => void; onContinue: () => void; onTicket: () => void; onCode: (purpose: CodePurpose) => void }) {
  const { t } = useI18n();
  return (
    <main className="screen welcome">
      <h1>{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.subtitle')}</p>
      {props.notice && (
        <p className="notice" role="status" data-testid="wipe-notice">
          {t(props.notice)}
        </p>
      )}
      <section className="consent card-panel" aria-labelledby="consent-title">
        <h2 id="consent-title">{t('consent.title')}</h2>
        <p>{t('consent.text')}</p>
        <div role="radiogroup" aria-label={t('consent.question')} className="consent-choices">
          <p className="question">{t('consent.question')}</p>
          {(['yes', 'no'] as const).map((c) => (
            <button key={c} type="button" role="radio" aria-checked={props.consent === c} className={`btn btn-choice big${props.consent === c ? ' active' : ''}`} onClick={() => props.onConsent(c)}>
              {t(c === 'yes' ? 'consent.agree' : 'consent.disagree')}
            </button>
          ))}
        </div>
      </section>
      <StartChoices onTicket={props.onTicket} onCode={props.onCode} />
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-primary big" disabled={props.consent === null} onClick={props.onContinue}>
          {t('common.continue')}
        </button>
      </div>
    </main>
  );
}
