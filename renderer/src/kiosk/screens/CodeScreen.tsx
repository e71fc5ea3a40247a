import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { WedgeDetector } from '../../lib/qrWedge';
import { problemKey, type CodePurpose, type QueueFlowState } from '../kioskQueueFlow';
import { CodeKeyboard } from './CodeKeyboard';

/**
 * The code of the status look-up and of the rating: a keyboard-wedge scanner "types" the slip's QR anywhere on the
 * screen (a fast burst ending in Enter, told from a person by the gaps between keys), or the citizen types the
 * dossier code or ticket number on the on-screen keys (or a keyboard). Problems are said in plain words, each with
 * the way on: scan again, correct the code, or go back to the start.
 */
export function CodeScreen(props: { purpose: CodePurpose; queue: QueueFlowState; onType: (code: string) => void; onSubmit: (text: string) => void; onBack: () => void }) {
  const { t } = useI18n();
  const { code, checking, problem, problemLabel } = props.queue;
  const input = useRef<HTMLInputElement>(null);
  const submit = useRef(props.onSubmit);
  submit.current = props.onSubmit;

  useEffect(() => {
    // A scanned dossier code (the guidance slip's QR) is 18 characters; a typed "17" + Enter is not a burst.
    const wedge = new WedgeDetector({ minLength: 8 });
    const handler = (e: KeyboardEvent): void => {
      const text = wedge.feedText(e.key, e.timeStamp || performance.now());
      if (e.key === 'Enter' && text) {
        // The burst may also have been typed into the field: the scanned text replaces whatever is there.
        e.preventDefault();
        e.stopPropagation();
        submit.current(text);
      }
    };
    window.addEventListener('keydown', handler, true);
    return () => window.removeEventListener('keydown', handler, true);
  }, []);

  useEffect(() => input.current?.focus(), []);

  const rate = props.purpose === 'rate';
  return (
    <main className="screen code-screen">
      <h1>{t(rate ? 'kq.code.rateTitle' : 'kq.code.lookupTitle')}</h1>
      <p className="help">{t(rate ? 'kq.code.rateHelp' : 'kq.code.lookupHelp')}</p>
      <form
        className="code-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(code);
        }}
      >
        <label htmlFor="lookup-code" className="sr-only">
          {t('kq.code.label')}
        </label>
        <input
          id="lookup-code"
          ref={input}
          className="code-input"
          value={code}
          inputMode="none"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={120}
          placeholder={t('kq.code.label')}
          onChange={(e) => props.onType(e.target.value.toUpperCase())}
        />
        <button type="submit" className="btn btn-primary big" disabled={checking}>
          {checking ? t('kq.code.checking') : t(rate ? 'kq.code.rateSubmit' : 'kq.code.submit')}
        </button>
      </form>
      {problem && (
        <p className="banner banner-invalid" role="alert" data-testid="code-problem">
          {t(problemKey(problem), { label: problemLabel ?? '' })}
        </p>
      )}
      <CodeKeyboard value={code} onChange={props.onType} />
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('kq.back')}
        </button>
      </div>
    </main>
  );
}
