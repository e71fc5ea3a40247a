import type { CardStatus } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import type { CodePurpose } from '../kioskQueueFlow';
import { StartChoices } from './StartChoices';

/**
 * No reader service or no reader: nothing a citizen can do fixes it, so no consent or code steps that lead nowhere —
 * one plain sentence, "call a clerk", and the screen goes on by itself when the reader comes back. What needs no card
 * (a queue ticket, the status look-up, the rating) stays available.
 */
export function ReaderMissingScreen(props: { status: CardStatus | null; onTicket?: () => void; onCode?: (purpose: CodePurpose) => void }) {
  const { t } = useI18n();
  const service = props.status?.state.state === 'service-down';
  return (
    <main className="screen reader-missing" data-testid="reader-missing">
      <h1>{t('readerMissing.title')}</h1>
      <p className="lead" role="alert">
        {t(service ? 'readerMissing.service' : 'readerMissing.reader')}
      </p>
      <p className="lead">{t('readerMissing.callClerk')}</p>
      <p className="help">{t('readerMissing.auto')}</p>
      {props.onTicket && props.onCode && <StartChoices onTicket={props.onTicket} onCode={props.onCode} />}
    </main>
  );
}
