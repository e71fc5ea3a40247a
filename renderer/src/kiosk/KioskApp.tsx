import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ApiClient, AppInfo, CardIdentity, FormDefinition, SessionWipeReason } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import { ClientError } from '../api/client';
import { Header } from '../components/Header';
import { useIdle } from '../lib/useIdle';
import { DONE_RESET_S, awaitingSwap, blockedByReader, displayStatus, initialKioskState, isInvalid, kioskReducer, needsSecondCard, readyToPrefill, sameCardTwice } from './kioskFlow';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { DeclinedScreen } from './screens/DeclinedScreen';
import { KeyScreen } from './screens/KeyScreen';
import { ReadScreen } from './screens/ReadScreen';
import { IdentityScreen } from './screens/IdentityScreen';
import { OverrideScreen } from './screens/OverrideScreen';
import { ProcedureScreen } from './screens/ProcedureScreen';
import { FormScreen } from './screens/FormScreen';
import { PrintScreen } from './screens/PrintScreen';
import { DoneScreen } from './screens/DoneScreen';
import { ReaderMissingScreen } from './screens/ReaderMissingScreen';
import { NotSetUpScreen } from './screens/NotSetUpScreen';
import { TicketScreen } from './screens/TicketScreen';
import { CodeScreen } from './screens/CodeScreen';
import { StatusScreen } from './screens/StatusScreen';
import { RateScreen } from './screens/RateScreen';
import { RatedScreen } from './screens/RatedScreen';
import { RATED_RESET_S, type CodePurpose } from './kioskQueueFlow';
import { useKioskQueue } from './useKioskQueue';
import './kioskQueue.css';

/**
 * The citizen's kiosk: the flow's rules live in kioskFlow.ts; this component runs the API calls, dispatches their
 * results and shows the screen of the current step. Everything personal is in the flow's state and goes with `wipe`
 * (card removal, idle timeout, the end), and so does the language the citizen chose.
 */
export function KioskApp(props: { api: ApiClient; info: AppInfo; idleMs: number }) {
  const { api, info } = props;
  const { t, setLang } = useI18n();
  const [state, dispatch] = useReducer(kioskReducer, undefined, initialKioskState);
  const { step, identities, override, def, filled, dossier, session } = { ...state, session: state.identities[0]?.session ?? null };
  const sessionRef = useRef<string | null>(null);
  sessionRef.current = session;

  const wipe = useCallback(
    (reason: SessionWipeReason | null) => {
      const s = sessionRef.current;
      if (s) api.call('session.end', { session: s }).catch(() => undefined);
      // The next citizen starts in Vietnamese, whatever the last one chose.
      setLang('vi');
      dispatch({ type: 'wipe', reason });
    },
    [api, setLang],
  );

  useEffect(() => {
    api.call('card.status', {}).then((status) => dispatch({ type: 'status', status }), () => undefined);
    api.call('forms.list', {}).then((forms) => dispatch({ type: 'catalogue', forms }), () => undefined);
    api.call('settings.get', {}).then((settings) => dispatch({ type: 'settings', settings }), () => undefined);
    const offs = [
      api.on('card.status', (status) => dispatch({ type: 'status', status })),
      api.on('session.wiped', (w) => {
        if (w.session === sessionRef.current && w.reason !== 'ended') wipe(w.reason);
      }),
    ];
    return () => offs.forEach((o) => o());
  }, [api, wipe]);

  const [readProgress, setReadProgress] = useState(0);
  useEffect(() => api.on('card.progress', () => setReadProgress((n) => n + 1)), [api]);
  useIdle(props.idleMs, step.name !== 'welcome' || state.consent !== null || state.notice !== null, () => wipe(step.name === 'welcome' && !state.consent ? null : 'idle'), readProgress);

  // The end of a visit (a saved dossier, a ticket, a rating) clears itself for the next citizen once nobody has
  // touched it for a short while: a citizen still reading the ticket or pressing "In số thứ tự" keeps it.
  const endAfter = step.name === 'done' || step.name === 'ticket' ? DONE_RESET_S : step.name === 'rated' ? RATED_RESET_S : 0;
  useIdle(endAfter * 1000, endAfter > 0, () => wipe(null), step.name);

  const fail = (e: unknown): void => dispatch({ type: 'failed', error: errorKey(e instanceof ClientError ? e.code : undefined) });

  const onRead = useCallback(
    (id: CardIdentity) => {
      if (id.slot === 1 && sameCardTwice(identities[0], id)) return dispatch({ type: 'sameCard' });
      dispatch({ type: 'cardRead', identity: id });
    },
    [identities],
  );

  const prefill = (form: FormDefinition): void => {
    if (!session) return;
    dispatch({ type: 'busy' });
    api.call('dossier.prefill', { formId: form.id, session, ...(override ? { override: true } : {}) }, override?.token).then((r) => dispatch({ type: 'prefilled', form: r.form, filled: r.filled }), fail);
  };

  const choose = (form: FormDefinition): void => {
    if (needsSecondCard(state, form) && session) {
      api.call('session.hold', { session }).then(() => dispatch({ type: 'secondCardNeeded', form }), fail);
      return;
    }
    prefill(form);
  };

  useEffect(() => {
    // Second card read: continue straight to the form chosen before.
    if (readyToPrefill(state) && state.def) prefill(state.def);
  });

  // Each change goes to the server, which applies it with the form's rules (provenance, derived fields such as the
  // date of birth in words) and answers with the form and its problems. A short pause batches fast typing.
  const { editSeq, edits } = state;
  useEffect(() => {
    if (editSeq === 0 || !def || !session) return;
    const timer = setTimeout(() => {
      api.call('dossier.preview', { formId: def.id, session, edits }).then((r) => dispatch({ type: 'previewed', seq: editSeq, filled: r.filled, issues: r.issues }), fail);
    }, 150);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editSeq]);

  const review = (): void => {
    if (!def || !session) return;
    api.call('dossier.preview', { formId: def.id, session, edits }).then((r) => dispatch({ type: 'validated', filled: r.filled, issues: r.issues }), fail);
  };

  const silent = info.silentPrint && !!state.settings?.kioskSilentPrint;
  const queue = useKioskQueue(api, state, dispatch, silent);
  const askTicket = (): void => dispatch({ type: 'askTicket' });
  const startCode = (purpose: CodePurpose): void => dispatch({ type: 'startCode', purpose });
  const confirm = async (): Promise<void> => {
    if (!def || !session) return;
    dispatch({ type: 'busy' });
    try {
      const saved = await api.call('dossier.save', { formId: def.id, session, edits, complete: true });
      dispatch({ type: 'saved', dossier: saved.dossier });
      if (silent) {
        await api.call('print.declaration', { id: saved.dossier.id, session, mode: 'silent' });
        dispatch({ type: 'printed' });
        await api.call('print.slip', { id: saved.dossier.id, session, mode: 'silent' });
        dispatch({ type: 'finish' });
      } else {
        const p = await api.call('print.declaration', { id: saved.dossier.id, session, mode: 'preview' });
        dispatch({ type: 'preview', pdfBase64: p.pdfBase64 ?? null, kind: 'declaration' });
      }
    } catch (e) {
      fail(e);
    }
  };

  const printSilently = (): void => {
    if (!dossier || !session) return;
    dispatch({ type: 'busy' });
    api.call('print.declaration', { id: dossier.id, session, mode: 'silent' }).then((r) => (r.printed ? dispatch({ type: 'printed' }) : dispatch({ type: 'failed', error: 'error.PRINT_FAILED' })), fail);
  };

  // Before first-run setup no citizen flow starts; the kiosk asks again every few seconds and goes on by itself.
  const [setupRequired, setSetupRequired] = useState(!!info.setupRequired);
  useEffect(() => {
    if (!setupRequired) return;
    const timer = setInterval(() => api.call('setup.status', {}).then((r) => setSetupRequired(r.setupRequired), () => undefined), 5000);
    return () => clearInterval(timer);
  }, [api, setupRequired]);

  const primary = identities[0];
  let body: React.ReactNode;
  if (setupRequired) body = <NotSetUpScreen />;
  else if (blockedByReader(state)) body = <ReaderMissingScreen status={state.status} onTicket={askTicket} onCode={startCode} />;
  else
    switch (step.name) {
      case 'welcome':
        body = (
          <WelcomeScreen
            consent={state.consent}
            notice={state.notice}
            onConsent={(choice) => dispatch({ type: 'consent', choice })}
            onContinue={() => dispatch({ type: 'continue' })}
            onTicket={askTicket}
            onCode={startCode}
          />
        );
        break;
      case 'declined':
        body = <DeclinedScreen onStartOver={() => wipe(null)} />;
        break;
      case 'key':
        body = (
          <KeyScreen
            second={step.slot === 1}
            swapFirst={awaitingSwap(state)}
            onKey={(key) => dispatch({ type: 'keyEntered', key })}
            onBack={() => wipe(null)}
            demo={info.demo ? state.status?.demoCard : null}
            onDemoCard={(index) => api.call('card.demoInsert', { index }).then(() => api.call('card.status', {}).then((status) => dispatch({ type: 'status', status })), fail)}
          />
        );
        break;
      case 'read':
        body = (
          <ReadScreen
            api={api}
            status={state.status}
            cardKey={step.key}
            session={step.slot === 1 ? session : null}
            second={step.slot === 1}
            waitForSwap={awaitingSwap(state)}
            onRead={onRead}
            onChangeKey={() => dispatch({ type: 'changeKey' })}
            onBack={() => wipe(null)}
          />
        );
        break;
      case 'identity':
        body = primary && (
          <IdentityScreen
            identity={primary}
            invalid={isInvalid(state)}
            overriddenBy={override?.name ?? null}
            onStartOver={() => wipe(null)}
            onOverride={() => dispatch({ type: 'goto', step: 'override' })}
            onChoose={() => dispatch({ type: 'goto', step: 'procedure' })}
          />
        );
        break;
      case 'override':
        body = <OverrideScreen api={api} onLogin={(l) => dispatch({ type: 'overrideGranted', token: l.token, name: l.user.displayName })} onCancel={() => dispatch({ type: 'goto', step: 'identity' })} />;
        break;
      case 'procedure':
        body = <ProcedureScreen forms={state.forms} busy={state.busy} onChoose={choose} onBack={() => dispatch({ type: 'goto', step: 'identity' })} />;
        break;
      case 'form':
      case 'review':
        body = def && filled && (
          <FormScreen
            def={def}
            filled={filled}
            issues={state.issues}
            reviewing={step.name === 'review'}
            active={state.active}
            busy={state.busy}
            onFocus={(key) => dispatch({ type: 'focus', key })}
            onEdit={(key, value) => dispatch({ type: 'edit', key, value })}
            onReview={review}
            onBack={() => (step.name === 'review' ? dispatch({ type: 'goto', step: 'form' }) : wipe(null))}
            onConfirm={() => void confirm()}
          />
        );
        break;
      case 'print':
        body = (
          <PrintScreen
            pdfBase64={state.pdf?.base64 ?? null}
            kind={state.pdf?.kind ?? 'declaration'}
            silent={silent}
            printed={state.printed}
            busy={state.busy}
            onSilentPrint={printSilently}
            onSlip={() => dossier && session && api.call('print.slip', { id: dossier.id, session, mode: 'preview' }).then((r) => dispatch({ type: 'preview', pdfBase64: r.pdfBase64 ?? null, kind: 'slip' }), fail)}
            onFinish={() => dispatch({ type: 'finish' })}
          />
        );
        break;
      case 'done':
        body = <DoneScreen dossierId={dossier?.id ?? ''} printed={state.printed} queue={state.queue} onRetryTicket={queue.retryTicket} onStartOver={() => wipe(null)} />;
        break;
      case 'ticket':
        body = <TicketScreen queue={state.queue} onRetry={queue.retryTicket} onClose={() => wipe(null)} />;
        break;
      case 'code':
        body = <CodeScreen purpose={step.purpose} queue={state.queue} onType={(code) => dispatch({ type: 'codeTyped', code })} onSubmit={queue.submitCode} onBack={() => wipe(null)} />;
        break;
      case 'status':
        body = state.queue.result && <StatusScreen result={state.queue.result} forms={state.forms} onAgain={() => startCode('lookup')} onBack={() => wipe(null)} />;
        break;
      case 'rate':
        body = <RateScreen queue={state.queue} onAnswer={(a) => dispatch({ type: 'rateAnswer', ...a })} onSend={queue.sendRating} onBack={() => wipe(null)} />;
        break;
      case 'rated':
        body = <RatedScreen onBack={() => wipe(null)} />;
        break;
    }

  return (
    <div className={`app kiosk step-${step.name}`} data-step={setupRequired ? 'not-set-up' : blockedByReader(state) ? 'reader-missing' : step.name}>
      <Header demo={info.demo} status={displayStatus(state.status)} title={info.office.communeName || undefined} />
      {state.error && (
        <div className="banner banner-invalid toast" role="alert" data-testid="error">
          {t(state.error)}
          <button type="button" className="btn btn-ghost" onClick={() => dispatch({ type: 'dismissError' })}>
            {t('common.close')}
          </button>
        </div>
      )}
      {body}
    </div>
  );
}
