import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, AppInfo, AppSettings, CardIdentity, CardKey, CardStatus, Dossier, FieldIssue, FilledForm, FormDefinition, SessionWipeReason } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ClientError } from '../api/client';
import { Header } from '../components/Header';
import { KeyEntry } from './KeyEntry';
import { ReadCard } from './ReadCard';
import { IdentityView } from './IdentityView';
import { FieldEditor, editField, isNumericField } from '../components/FieldEditor';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { PdfPreview } from '../components/PdfPreview';
import { LoginForm } from '../components/LoginForm';
import { useIdle } from '../lib/useIdle';

type Step =
  | { name: 'welcome' }
  | { name: 'declined' }
  | { name: 'key'; slot: number }
  | { name: 'read'; slot: number; key: CardKey }
  | { name: 'identity' }
  | { name: 'override' }
  | { name: 'procedure' }
  | { name: 'form' }
  | { name: 'review' }
  | { name: 'print' }
  | { name: 'done' };

const DONE_RESET_S = 20;

/**
 * The citizen's kiosk flow (issue #5 §5): consent → key → place card → progress → identity + checks → procedure →
 * pre-filled form (+ second card for two-card forms) → review → print → done. Everything personal lives in this
 * component's state and is dropped by `wipe()` on card removal, idle timeout and at the end.
 */
export function KioskApp(props: { api: ApiClient; info: AppInfo; idleMs: number }) {
  const { api, info } = props;
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ name: 'welcome' });
  const [consent, setConsent] = useState<'yes' | 'no' | null>(null);
  const [status, setStatus] = useState<CardStatus | null>(null);
  const [identities, setIdentities] = useState<CardIdentity[]>([]);
  const [override, setOverride] = useState<{ token: string; name: string } | null>(null);
  const [forms, setForms] = useState<FormDefinition[]>([]);
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [filled, setFilled] = useState<FilledForm | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [active, setActive] = useState<string | null>(null);
  // The field being typed into: only the form step edits (review shows the same fields read-only).
  const editing = step.name === 'form' ? active : null;
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [pdf, setPdf] = useState<string | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const printRef = useRef<() => void>(() => undefined);
  const session = identities[0]?.session ?? null;
  const sessionRef = useRef<string | null>(null);
  sessionRef.current = session;

  const wipe = useCallback(
    (reason: SessionWipeReason | null) => {
      const s = sessionRef.current;
      if (s) api.call('session.end', { session: s }).catch(() => undefined);
      setStep({ name: 'welcome' });
      setConsent(null);
      setIdentities([]);
      setOverride(null);
      setDef(null);
      setFilled(null);
      setIssues([]);
      setActive(null);
      setDossier(null);
      setPdf(null);
      setError(null);
      setBusy(false);
      setNotice(reason ? (`wiped.${reason}` as MessageKey) : null);
    },
    [api],
  );

  useEffect(() => {
    api.call('card.status', {}).then(setStatus, () => undefined);
    api.call('forms.list', {}).then(setForms, () => undefined);
    api.call('settings.get', {}).then(setSettings, () => undefined);
    const offs = [
      api.on('card.status', setStatus),
      api.on('session.wiped', (w) => {
        if (w.session === sessionRef.current && w.reason !== 'ended') wipe(w.reason);
      }),
    ];
    return () => offs.forEach((o) => o());
  }, [api, wipe]);

  useIdle(props.idleMs, step.name !== 'welcome' || consent !== null || notice !== null, () => wipe(step.name === 'welcome' && !consent ? null : 'idle'));

  useEffect(() => {
    if (step.name !== 'done') return;
    const timer = setTimeout(() => wipe(null), DONE_RESET_S * 1000);
    return () => clearTimeout(timer);
  }, [step, wipe]);

  const fail = (e: unknown): void => {
    setBusy(false);
    setError(t(errorKey(e instanceof ClientError ? e.code : undefined)));
  };

  const onRead = useCallback((id: CardIdentity) => {
    setIdentities((prev) => [...prev.filter((p) => p.slot !== id.slot), id]);
    setStep(id.slot === 0 ? { name: 'identity' } : { name: 'procedure' });
  }, []);

  const prefill = (form: FormDefinition, ids: CardIdentity[]): void => {
    if (!session) return;
    setBusy(true);
    setError(null);
    api.call('dossier.prefill', { formId: form.id, session, ...(override ? { override: true } : {}) }, override?.token).then((r) => {
      setBusy(false);
      setDef(r.form);
      setFilled(r.filled);
      setIssues([]);
      setStep({ name: 'form' });
      void ids;
    }, fail);
  };

  const choose = (form: FormDefinition): void => {
    if (form.cards === 2 && identities.length < 2 && session) {
      setDef(form);
      api.call('session.hold', { session }).then(() => setStep({ name: 'key', slot: 1 }), fail);
      return;
    }
    prefill(form, identities);
  };

  useEffect(() => {
    // Second card read: continue straight to the form chosen before.
    if (step.name === 'procedure' && def && def.cards === 2 && identities.length === 2 && !filled && !busy) prefill(def, identities);
  });

  const review = (): void => {
    if (!filled) return;
    setActive(null);
    api.call('dossier.validate', { filled }).then((r) => {
      setIssues(r.issues);
      setStep({ name: 'review' });
    }, fail);
  };

  const confirm = async (): Promise<void> => {
    if (!filled || !session) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.call('dossier.save', { filled, session, complete: true });
      setDossier(saved.dossier);
      if (info.silentPrint && settings?.kioskSilentPrint) {
        await api.call('print.declaration', { id: saved.dossier.id, session, mode: 'silent' });
        await api.call('print.slip', { id: saved.dossier.id, session, mode: 'silent' });
        setStep({ name: 'done' });
      } else {
        const p = await api.call('print.declaration', { id: saved.dossier.id, session, mode: 'preview' });
        setPdf(p.pdfBase64 ?? null);
        setStep({ name: 'print' });
      }
      setBusy(false);
    } catch (e) {
      fail(e);
    }
  };

  const primary = identities[0];
  const invalid = identities.some((i) => i.overall === 'INVALID');

  let body: React.ReactNode;
  switch (step.name) {
    case 'welcome':
      body = (
        <main className="screen welcome">
          <h1>{t('welcome.title')}</h1>
          <p className="lead">{t('welcome.subtitle')}</p>
          {notice && (
            <p className="notice" role="status" data-testid="wipe-notice">
              {t(notice)}
            </p>
          )}
          <section className="consent card-panel" aria-labelledby="consent-title">
            <h2 id="consent-title">{t('consent.title')}</h2>
            <p>{t('consent.text')}</p>
            <div role="radiogroup" aria-label={t('consent.question')} className="consent-choices">
              <p className="question">{t('consent.question')}</p>
              {(['yes', 'no'] as const).map((c) => (
                <button key={c} type="button" role="radio" aria-checked={consent === c} className={`btn btn-choice big${consent === c ? ' active' : ''}`} onClick={() => setConsent(c)}>
                  {t(c === 'yes' ? 'consent.agree' : 'consent.disagree')}
                </button>
              ))}
            </div>
          </section>
          <div className="actions actions-bottom">
            <button type="button" className="btn btn-primary big" disabled={consent === null} onClick={() => (setNotice(null), setStep(consent === 'yes' ? { name: 'key', slot: 0 } : { name: 'declined' }))}>
              {t('common.continue')}
            </button>
          </div>
        </main>
      );
      break;
    case 'declined':
      body = (
        <main className="screen">
          <p className="lead" role="status">
            {t('consent.declined')}
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary big" onClick={() => wipe(null)}>
              {t('common.startOver')}
            </button>
          </div>
        </main>
      );
      break;
    case 'key':
      body = (
        <KeyEntry
          second={step.slot === 1}
          onKey={(key) => setStep({ name: 'read', slot: step.slot, key })}
          onBack={() => wipe(null)}
          demo={info.demo ? status?.demoCard : null}
          onDemoCard={(index) => api.call('card.demoInsert', { index }).then(() => api.call('card.status', {}).then(setStatus), fail)}
        />
      );
      break;
    case 'read':
      body = (
        <ReadCard
          api={api}
          status={status}
          cardKey={step.key}
          session={step.slot === 1 ? session : null}
          second={step.slot === 1}
          onRead={onRead}
          onChangeKey={() => setStep({ name: 'key', slot: step.slot })}
          onBack={() => wipe(null)}
        />
      );
      break;
    case 'identity':
      body = primary && (
        <main className="screen identity-screen">
          <h1>{t('identity.title')}</h1>
          <IdentityView identity={primary} />
          {override && (
            <p className="notice" role="status">
              {t('identity.overridden', { name: override.name })}
            </p>
          )}
          <p className="help">{t('identity.keepCard')}</p>
          <div className="actions actions-bottom">
            <button type="button" className="btn btn-secondary" onClick={() => wipe(null)}>
              {t('common.startOver')}
            </button>
            {invalid && !override ? (
              <button type="button" className="btn btn-danger" onClick={() => setStep({ name: 'override' })}>
                {t('identity.override')}
              </button>
            ) : (
              <button type="button" className="btn btn-primary big" onClick={() => setStep({ name: 'procedure' })}>
                {t('identity.choose')}
              </button>
            )}
          </div>
        </main>
      );
      break;
    case 'override':
      body = (
        <main className="screen">
          <LoginForm
            api={api}
            title={t('login.overrideTitle')}
            text={t('login.overrideText')}
            onLogin={(l) => {
              setOverride({ token: l.token, name: l.user.displayName });
              setStep({ name: 'identity' });
            }}
            onCancel={() => setStep({ name: 'identity' })}
          />
        </main>
      );
      break;
    case 'procedure':
      body = (
        <main className="screen procedure-screen">
          <h1>{t('procedure.title')}</h1>
          {busy ? (
            <p role="status">{t('common.loading')}</p>
          ) : (
            <ul className="procedures">
              {forms.map((f) => (
                <li key={f.id}>
                  <button type="button" className="procedure" data-form={f.id} onClick={() => choose(f)}>
                    <span className="procedure-title">{f.title}</span>
                    <span className="procedure-meta">
                      {t('procedure.legal', { basis: f.legalBasis })}
                      {f.cards === 2 && <strong> · {t('procedure.cards2')}</strong>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="actions actions-bottom">
            <button type="button" className="btn btn-secondary" onClick={() => setStep({ name: 'identity' })}>
              {t('common.back')}
            </button>
          </div>
        </main>
      );
      break;
    case 'form':
    case 'review':
      body = def && filled && (
        <main className={`screen form-screen${editing ? ' with-keyboard' : ''}${step.name === 'review' ? ' reviewing' : ''}`}>
          <div className="form-head">
            <h1>{step.name === 'form' ? t('form.title') : t('review.title')}</h1>
            <p className="form-name">{def.title}</p>
          </div>
          {step.name === 'form' && <p className="help">{t('form.help')}</p>}
          {step.name === 'review' && issues.length > 0 && (
            <p className="banner banner-invalid" role="alert">
              {t('form.issues', { n: issues.length })}
            </p>
          )}
          <div className="form-scroll">
            <FieldEditor
              def={def}
              fields={filled.fields}
              issues={issues}
              editor="citizen"
              active={active}
              readOnly={step.name === 'review'}
              onFocus={setActive}
              onChange={(k, v) => setFilled({ ...filled, fields: editField(filled.fields, k, v, 'citizen') })}
            />
          </div>
          {editing && (
            <OnScreenKeyboard
              numeric={isNumericField(def, editing)}
              value={filled.fields.find((f) => f.key === editing)?.value ?? ''}
              onChange={(v) => setFilled({ ...filled, fields: editField(filled.fields, editing, v, 'citizen') })}
              onDone={() => setActive(null)}
            />
          )}
          {!editing && (
            <div className="actions actions-bottom">
              <button type="button" className="btn btn-secondary" onClick={() => (step.name === 'review' ? setStep({ name: 'form' }) : wipe(null))}>
                {step.name === 'review' ? t('review.edit') : t('common.startOver')}
              </button>
              {step.name === 'form' ? (
                <button type="button" className="btn btn-primary big" onClick={review}>
                  {t('form.review')}
                </button>
              ) : (
                <button type="button" className="btn btn-primary big" disabled={busy || issues.length > 0} onClick={() => void confirm()}>
                  {t('review.confirm')}
                </button>
              )}
            </div>
          )}
        </main>
      );
      break;
    case 'print':
      body = (
        <main className="screen print-screen">
          <h1>{t('print.title')}</h1>
          {pdf ? <PdfPreview pdfBase64={pdf} onPrintRef={(p) => (printRef.current = p)} /> : <p>{t('print.previewUnavailable')}</p>}
          <div className="actions actions-bottom">
            <button type="button" className="btn btn-secondary" onClick={() => printRef.current()}>
              {t('print.print')}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => dossier && session && api.call('print.slip', { id: dossier.id, session, mode: 'preview' }).then((r) => setPdf(r.pdfBase64 ?? null), fail)}
            >
              {t('print.slip')}
            </button>
            <button type="button" className="btn btn-primary big" onClick={() => setStep({ name: 'done' })}>
              {t('print.finish')}
            </button>
          </div>
        </main>
      );
      break;
    case 'done':
      body = (
        <main className="screen done-screen">
          <h1>{t('done.title')}</h1>
          <p className="lead" data-testid="dossier-id">
            {t('done.text', { id: dossier?.id ?? '' })}
          </p>
          <p className="lead">{t('done.takeCard')}</p>
          <p className="help">{t('done.reset', { s: DONE_RESET_S })}</p>
          <div className="actions">
            <button type="button" className="btn btn-primary big" onClick={() => wipe(null)}>
              {t('common.startOver')}
            </button>
          </div>
        </main>
      );
      break;
  }

  return (
    <div className={`app kiosk step-${step.name}`} data-step={step.name}>
      <Header demo={info.demo} status={status} title={info.office.communeName || undefined} />
      {error && (
        <div className="banner banner-invalid toast" role="alert" data-testid="error">
          {error}
          <button type="button" className="btn btn-ghost" onClick={() => setError(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {body}
    </div>
  );
}
