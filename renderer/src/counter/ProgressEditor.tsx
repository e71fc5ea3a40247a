import { useEffect, useState } from 'react';
import type { ApiClient, DossierProgress, DossierProgressState } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import './counterQueue.css';

// A record, not the contract's list: the renderer imports only types from the contract, and a missing state fails tsc.
const STATES: Record<DossierProgressState, MessageKey> = {
  received: 'cq.progress.received',
  processing: 'cq.progress.processing',
  result_ready: 'cq.progress.result_ready',
  returned: 'cq.progress.returned',
};

/**
 * The centre's day YYYY-MM-DD as the server counts it (src/queue/ticketNumber.ts centreDay: Vietnam time, UTC+7, no
 * daylight saving), whatever time zone this PC's browser is set to: tickets, ratings and "overdue" use that day.
 */
export function centreDay(d = new Date()): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Where the dossier stands for the citizen (đã tiếp nhận / đang xử lý / có kết quả / đã trả) and the promised
 * return date, as the kiosk's status look-up shows them. The server records who set it and when.
 */
export function ProgressEditor(props: { api: ApiClient; token: string; id: string; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, id, onError } = props;
  const [saved, setSaved] = useState<DossierProgress | null | undefined>(undefined);
  const [state, setState] = useState<DossierProgressState | ''>('');
  const [expected, setExpected] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const show = (p: DossierProgress | null): void => {
    setSaved(p);
    setState(p?.state ?? '');
    setExpected(p?.expectedReturn ?? '');
  };
  useEffect(() => {
    api.call('progress.get', { id }, token).then(show, onError);
  }, [api, token, id, onError]);
  if (saved === undefined) return null;
  const overdue = saved && saved.state !== 'returned' && saved.expectedReturn !== null && saved.expectedReturn < centreDay();
  const changed = state !== (saved?.state ?? '') || expected !== (saved?.expectedReturn ?? '');
  return (
    <section className="progress-editor" aria-labelledby="progress-title" data-testid="progress-editor">
      <h2 id="progress-title">{t('cq.progress')}</h2>
      <form
        className="progress-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!state) return;
          setMsg(null);
          api.call('progress.set', { id, state, expectedReturn: expected || null }, token).then((p) => (show(p), setMsg(t('cq.progress.saved'))), onError);
        }}
      >
        <div className="field">
          <label htmlFor="progress-state">{t('cq.progress.state')}</label>
          <select id="progress-state" value={state} onChange={(e) => setState(e.target.value as DossierProgressState | '')}>
            {!saved && <option value="">{t('cq.progress.none')}</option>}
            {(Object.keys(STATES) as DossierProgressState[]).map((s) => (
              <option key={s} value={s}>
                {t(STATES[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="progress-expected">{t('cq.progress.expected')}</label>
          <input id="progress-expected" type="date" value={expected} onChange={(e) => setExpected(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!state || !changed}>
          {t('cq.progress.save')}
        </button>
        {overdue && (
          <span className="progress-overdue" data-testid="progress-overdue">
            {t('cq.progress.overdue')}
          </span>
        )}
      </form>
      {saved && <p className="help">{t('cq.progress.updated', { at: new Date(saved.updatedAt).toLocaleString('vi-VN'), actor: saved.actor })}</p>}
      {msg && (
        <p className="notice" role="status" data-testid="progress-saved">
          {msg}
        </p>
      )}
      <p className="help">{t('cq.progress.help')}</p>
    </section>
  );
}
