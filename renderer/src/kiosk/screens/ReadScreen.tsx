import { useEffect, useRef, useState } from 'react';
import type { ApiClient, CardIdentity, CardKey, CardStatus, Holder, ReadProgressEvent } from '../../../../src/api/contract';
import { errorKey, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ClientError } from '../../api/client';
import { isoToDisplay, titleCaseVi } from '../../lib/format';
import { ReaderStatus } from '../../components/ReaderStatus';
import { cardPresent, displayStatus } from '../kioskFlow';

const STAGES: { stage: ReadProgressEvent['stage']; key: MessageKey }[] = [
  { stage: 'connecting', key: 'read.stage.connecting' },
  { stage: 'access-control', key: 'read.stage.access' },
  { stage: 'reading', key: 'read.stage.reading' },
  { stage: 'text-ready', key: 'read.stage.text' },
  { stage: 'photo-ready', key: 'read.stage.photo' },
  { stage: 'verifying', key: 'read.stage.verifying' },
];

/** How long the name and photo stay in view once the read is done, so the citizen sees whose card was read. */
export const PREVIEW_HOLD_MS = 1500;

/**
 * The checklist only moves forward: the photo (DG2) is read after the text is ready, and its "reading" events must
 * not take the list back from "photo" to "reading data".
 */
export function nextStageIndex(current: number, stage: ReadProgressEvent['stage']): number {
  if (stage === 'done') return STAGES.length;
  return Math.max(current, STAGES.findIndex((s) => s.stage === stage));
}

/**
 * "Đặt thẻ lên đầu đọc" → live progress: the text fields show as soon as DG13/DG1 are in, the photo after DG2.
 * The read starts as soon as a card lies on the reader — also right after a failed read (the reader state is then
 * "error", with the card still present), so a corrected code is tried at once. A card pulled mid-read shows a plain
 * message and the read restarts by itself when the card is back. `waitForSwap`: the card on the reader is the first
 * person's; wait until it is lifted (the flow tracks that) before reading.
 */
export function ReadScreen(props: { api: ApiClient; status: CardStatus | null; cardKey: CardKey; session: string | null; second: boolean; waitForSwap: boolean; onRead: (id: CardIdentity) => void; onChangeKey: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const [stageIdx, setStageIdx] = useState(-1);
  const [holder, setHolder] = useState<Holder | null>(null);
  const [photo, setPhoto] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reading = useRef(false);
  // Once read, never again from this screen: the status event "card-present" that follows the read would
  // otherwise start a second read before the screen changes.
  const done = useRef(false);
  // The hold before moving on must not outlive the screen: a wipe in between would bring the identity back.
  const holdTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const gone = useRef(false);
  useEffect(() => {
    gone.current = false;
    return () => {
      gone.current = true;
      clearTimeout(holdTimer.current ?? undefined);
    };
  }, []);
  const present = cardPresent(props.status);
  const { api, cardKey, session, onRead, waitForSwap } = props;

  useEffect(
    () =>
      api.on('card.progress', (p) => {
        setStageIdx((i) => nextStageIndex(i, p.stage));
        if (p.stage === 'text-ready') setHolder(p.holder);
        if (p.stage === 'photo-ready') setPhoto(p.photoDataUrl);
      }),
    [api],
  );

  useEffect(() => {
    // After CARD_REMOVED the service has already reported the reader without a card, so `present` turning true
    // again is a new insertion: the read starts on it.
    if (done.current || reading.current || !present || waitForSwap) return;
    if (error && error !== 'CARD_REMOVED') return;
    reading.current = true;
    setError(null);
    setStageIdx(0);
    setHolder(null);
    setPhoto(null);
    let shown = false;
    const off = api.on('card.progress', (p) => (shown ||= p.stage === 'text-ready'));
    api.call('card.read', session ? { key: cardKey, session } : { key: cardKey }).then(
      (id) => {
        off();
        if (gone.current) return;
        done.current = true;
        reading.current = false;
        setStageIdx(STAGES.length);
        if (shown) holdTimer.current = setTimeout(() => onRead(id), PREVIEW_HOLD_MS);
        else onRead(id);
      },
      (e: unknown) => {
        off();
        reading.current = false;
        const code = e instanceof ClientError ? e.code : 'INTERNAL';
        setHolder(null);
        setPhoto(null);
        setStageIdx(-1);
        setError(code);
      },
    );
  }, [api, cardKey, session, onRead, present, waitForSwap, error, attempt]);

  const wrongCode = error === 'CARD_ACCESS_DENIED';
  // A chip that cannot prove it is genuine is a verdict about the card, not a reader fault: no retry, go to the counter.
  const notGenuine = error === 'CARD_NOT_GENUINE';
  const stage = stageIdx >= 0;
  const title = waitForSwap ? t('swap.title') : stage ? t('read.reading') : props.second ? t('read.placeSecond') : t('read.place');
  return (
    <main className="screen read-screen">
      <h1>{title}</h1>
      <div className="read-layout">
        <div className="read-left">
          {waitForSwap && (
            <p className="banner banner-untrusted" role="status" data-testid="swap-notice">
              {t('swap.liftFirst')}
            </p>
          )}
          {!stage && !error && (
            <div className="place-card" aria-hidden="true">
              <div className="reader-pad">
                <div className="id-card" />
              </div>
            </div>
          )}
          {!stage && !error && !waitForSwap && <p className="help">{t('read.placeHelp')}</p>}
          {!stage && !present && props.status?.state.state !== 'no-card' && <ReaderStatus status={displayStatus(props.status)} />}
          {error && (
            <div className="banner banner-invalid" role="alert" data-testid="read-error">
              {error === 'CARD_REMOVED' ? t('read.removedRetry') : wrongCode ? t('read.wrongCode') : t(errorKey(error))}
            </div>
          )}
          {stage && (
            <ol className="stages" aria-live="polite">
              {STAGES.map((s, i) => (
                <li key={s.stage} className={i < stageIdx ? 'stage-done' : i === stageIdx ? 'stage-active' : 'stage-todo'}>
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
        {error && error !== 'CARD_REMOVED' && !notGenuine && (
          <>
            {/* A wrong code is the likely cause: entering it again is the way forward; reading again is not. */}
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setError(null);
                setAttempt((a) => a + 1);
              }}
            >
              {t('read.retry')}
            </button>
            <button type="button" className="btn btn-primary big" onClick={props.onChangeKey}>
              {t('read.changeKey')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
