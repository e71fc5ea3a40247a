import { useEffect, useRef, useState } from 'react';
import type { ApiClient, CardIdentity, CardKey, CardStatus, Holder, ReadProgressEvent } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ClientError } from '../api/client';
import { isoToDisplay, titleCaseVi } from '../lib/format';
import { ReaderStatus } from '../components/ReaderStatus';

const STAGES: { stage: ReadProgressEvent['stage']; key: MessageKey }[] = [
  { stage: 'connecting', key: 'read.stage.connecting' },
  { stage: 'access-control', key: 'read.stage.access' },
  { stage: 'reading', key: 'read.stage.reading' },
  { stage: 'text-ready', key: 'read.stage.text' },
  { stage: 'photo-ready', key: 'read.stage.photo' },
  { stage: 'verifying', key: 'read.stage.verifying' },
];

/**
 * "Đặt thẻ lên đầu đọc" → live progress: the text fields show as soon as DG13/DG1 are in, the photo after DG2.
 * A card pulled mid-read shows a plain message and the read restarts by itself when the card is back.
 */
export function ReadCard(props: { api: ApiClient; status: CardStatus | null; cardKey: CardKey; session: string | null; second: boolean; onRead: (id: CardIdentity) => void; onChangeKey: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const [stage, setStage] = useState<ReadProgressEvent['stage'] | null>(null);
  const [holder, setHolder] = useState<Holder | null>(null);
  const [photo, setPhoto] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reading = useRef(false);
  // Once read, never again from this screen: the status event "card-present" that follows the read would
  // otherwise start a second read before the screen changes.
  const done = useRef(false);
  const needReinsert = useRef(false);
  const state = props.status?.state.state;
  const { api, cardKey, session, onRead } = props;

  useEffect(
    () =>
      api.on('card.progress', (p) => {
        setStage(p.stage);
        if (p.stage === 'text-ready') setHolder(p.holder);
        if (p.stage === 'photo-ready') setPhoto(p.photoDataUrl);
      }),
    [api],
  );

  useEffect(() => {
    if (state === 'no-card' || state === 'no-reader') needReinsert.current = false;
  }, [state]);

  useEffect(() => {
    if (done.current || reading.current || state !== 'card-present' || needReinsert.current) return;
    if (error && error !== 'CARD_REMOVED') return;
    reading.current = true;
    setError(null);
    setStage('connecting');
    setHolder(null);
    setPhoto(null);
    api.call('card.read', session ? { key: cardKey, session } : { key: cardKey }).then(
      (id) => {
        done.current = true;
        reading.current = false;
        onRead(id);
      },
      (e: unknown) => {
        reading.current = false;
        const code = e instanceof ClientError ? e.code : 'INTERNAL';
        if (code === 'CARD_REMOVED') needReinsert.current = true;
        setHolder(null);
        setPhoto(null);
        setStage(null);
        setError(code);
      },
    );
  }, [api, cardKey, session, onRead, state, error, attempt]);

  const idx = stage ? STAGES.findIndex((s) => s.stage === stage) : -1;
  return (
    <main className="screen read-screen">
      <h1>{stage ? t('read.reading') : props.second ? t('read.placeSecond') : t('read.place')}</h1>
      <div className="read-layout">
        <div className="read-left">
          {!stage && !error && (
            <div className="place-card" aria-hidden="true">
              <div className="reader-pad">
                <div className="id-card" />
              </div>
            </div>
          )}
          {!stage && !error && <p className="help">{t('read.placeHelp')}</p>}
          {!stage && state !== 'card-present' && state !== 'no-card' && <ReaderStatus status={props.status} />}
          {error && (
            <div className="banner banner-invalid" role="alert" data-testid="read-error">
              {error === 'CARD_REMOVED' ? t('read.removedRetry') : t(errorKey(error))}
            </div>
          )}
          {stage && (
            <ol className="stages" aria-live="polite">
              {STAGES.map((s, i) => (
                <li key={s.stage} className={i < idx || stage === 'done' ? 'stage-done' : i === idx ? 'stage-active' : 'stage-todo'}>
                  {t(s.key)}
                </li>
              ))}
            </ol>
          )}
        </div>
        <div className="read-right">
          {holder && (
            <dl className="holder-preview" data-testid="text-preview">
              <dt>{t('field.fullName')}</dt>
              <dd>{titleCaseVi(holder.fullName)}</dd>
              <dt>{t('field.dateOfBirth')}</dt>
              <dd>{isoToDisplay(holder.dateOfBirth)}</dd>
              <dt>{t('field.idNumber')}</dt>
              <dd>{holder.idNumber}</dd>
            </dl>
          )}
          {holder && (photo ? <img className="photo" src={photo} alt={t('identity.photoAlt')} /> : <div className="photo photo-pending" aria-hidden="true" />)}
        </div>
      </div>
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('common.startOver')}
        </button>
        {error && error !== 'CARD_REMOVED' && (
          <>
            <button type="button" className="btn btn-secondary" onClick={props.onChangeKey}>
              {t('read.changeKey')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                setError(null);
                setAttempt((a) => a + 1);
              }}
            >
              {t('read.retry')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
