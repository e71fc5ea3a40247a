import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, DisplayView, QueueInfo, TicketView } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { ClientError, type WsClient } from '../api/client';
import { seedForms } from './formCache';
import './counterQueue.css';

type Msg = { kind: 'ok' | 'warn' | 'error'; text: string } | null;

/**
 * The counter this screen calls for: the device's (settings queueCounter), unless the page was opened with
 * `?counter=N` — one PC driving two counter screens (a small centre, or a relief clerk's window).
 */
function counterOf(info: QueueInfo | null): number | null {
  const n = Number(new URLSearchParams(window.location.search).get('counter'));
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : (info?.counter ?? null);
}

/** Codes the queue answers when a ticket is no longer where the counter thought (another counter took it, a restart). */
const STALE = new Set(['INVALID_TRANSITION', 'NOT_FOUND', 'QUEUE_WRONG_STATE', 'WRONG_STATE', 'CONFLICT']);

/**
 * The counter's call panel: this counter's number, "Gọi số tiếp theo" (which also closes the number being served),
 * "Gọi lại", "Vắng mặt", "Chuyển quầy…", "Xong", and how many wait per group. The number being served is the
 * queue's (queue.serving), so a reloaded or restarted counter screen shows it again. Calling a number that came
 * with a kiosk dossier opens that dossier.
 */
export function CallPanel(props: { api: ApiClient; token: string; onOpenDossier: (id: string) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, onError, onOpenDossier } = props;
  const [info, setInfo] = useState<QueueInfo | null>(null);
  const [serving, setServing] = useState<TicketView | null>(null);
  const [display, setDisplay] = useState<DisplayView | null>(null);
  const [msg, setMsg] = useState<Msg>(null);
  const [busy, setBusy] = useState(false);
  const [transfer, setTransfer] = useState<number | null>(null);
  const [online, setOnline] = useState(true);
  const counter = counterOf(info);

  useEffect(() => {
    api.call('queue.info', {}).then((i) => {
      setInfo(i);
      // Warm the form definitions a call may open, so the called dossier shows after a single round trip.
      api.call('forms.list', {}).then(seedForms, () => undefined);
    }, onError);
    const off = api.on('queue.display', setDisplay);
    // The browser host's socket says when it drops; Electron's IPC never does.
    const offConn = (api as Partial<WsClient>).onConnection?.((c) => {
      setOnline(c);
      // What the panel said before the drop is no longer news.
      if (!c) setMsg(null);
    });
    return () => {
      off();
      offConn?.();
    };
  }, [api, onError]);

  const reloadServing = useCallback(() => {
    if (counter !== null) api.call('queue.serving', { counter }, token).then(setServing, onError);
  }, [api, token, counter, onError]);
  // On start and after a reconnect (the host may have restarted): what this counter serves and who waits.
  useEffect(() => {
    if (!online) return;
    reloadServing();
    api.call('queue.display', {}).then(setDisplay, () => undefined);
  }, [online, reloadServing, api]);

  const act = (p: () => Promise<TicketView | null>, done: (x: TicketView | null) => Msg): void => {
    setBusy(true);
    setMsg(null);
    p().then(
      (x) => {
        setBusy(false);
        setTransfer(null);
        setServing(x && x.state === 'called' && x.counter === counter ? x : null);
        setMsg(done(x));
      },
      (e: unknown) => {
        setBusy(false);
        if (e instanceof ClientError && e.messageKey === 'error.CONNECTION') return setMsg({ kind: 'error', text: t('cq.connection') });
        if (e instanceof ClientError && STALE.has(e.code)) {
          setMsg({ kind: 'warn', text: t('cq.wrongState') });
          return reloadServing();
        }
        onError(e);
      },
    );
  };

  if (!info) return null;
  if (counter === null) {
    return (
      <section className="call-panel" aria-labelledby="call-title" data-testid="call-panel">
        <h2 id="call-title">{t('cq.panel')}</h2>
        <p className="notice" role="status" data-testid="call-no-counter">
          {t('cq.noCounter')}
        </p>
      </section>
    );
  }
  const groupLabel = (id: string): string => info.groups.find((g) => g.id === id)?.label ?? id;
  const mine = info.groups.filter((g) => g.counters.includes(counter));
  const others = [...new Set(info.groups.flatMap((g) => g.counters))].filter((c) => c !== counter).sort((a, b) => a - b);
  const waiting = (id: string): number => display?.waitingByGroup.find((w) => w.groupId === id)?.waiting ?? 0;
  const s = serving;
  const disabled = busy || !online;
  const label = (x: TicketView | null): string => x?.label ?? s?.label ?? '';

  return (
    <section className="call-panel" aria-labelledby="call-title" data-testid="call-panel">
      <div className="call-head">
        <h2 id="call-title">{t('cq.panel')}</h2>
        <span className="call-counter" data-testid="call-counter">
          {t('cq.counter', { n: counter })}
        </span>
      </div>
      <div className="call-body">
        <div className="call-serving" aria-live="polite" data-testid="call-serving">
          {s ? (
            <>
              <span className="call-serving-label">{t('cq.serving')}</span>
              <span className="call-number" data-testid="call-number">
                {s.label}
              </span>
              <span>{t('cq.ticketGroup', { group: groupLabel(s.groupId) })}</span>
              <span>{s.formId ? t('cq.ticketForm', { form: t(`form.short.${s.formId}`) }) : t('cq.ticketOther')}</span>
              {s.noShows > 0 && <span className="badge badge-warn">{t('cq.noShowCount', { n: s.noShows })}</span>}
              {s.dossierId && (
                <button type="button" className="btn btn-secondary" onClick={() => onOpenDossier(s.dossierId as string)}>
                  {t('cq.openDossier', { id: s.dossierId })}
                </button>
              )}
            </>
          ) : (
            <span className="call-none">{t('cq.servingNone')}</span>
          )}
        </div>
        <div className="call-actions">
          <button
            type="button"
            className="btn btn-primary call-next"
            disabled={disabled}
            onClick={() =>
              act(
                () => api.call('queue.callNext', { counter }, token),
                (x) => {
                  if (!x) return { kind: 'warn', text: t('cq.nobody') };
                  if (x.dossierId) onOpenDossier(x.dossierId);
                  return { kind: 'ok', text: t('cq.called', { label: x.label }) };
                },
              )
            }
          >
            {t('cq.next')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={disabled || !s} onClick={() => s && act(() => api.call('queue.recall', { ticketId: s.id, counter }, token), (x) => ({ kind: 'ok', text: t('cq.recalled', { label: label(x) }) }))}>
            {t('cq.recall')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={disabled || !s} onClick={() => s && act(() => api.call('queue.noShow', { ticketId: s.id, counter }, token), (x) => ({ kind: 'ok', text: t('cq.markedNoShow', { label: label(x) }) }))}>
            {t('cq.noShow')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={disabled || !s || others.length === 0} aria-expanded={transfer !== null} onClick={() => setTransfer(transfer === null ? (others[0] ?? null) : null)}>
            {t('cq.transfer')}
          </button>
          <button type="button" className="btn btn-primary" disabled={disabled || !s} onClick={() => s && act(() => api.call('queue.finish', { ticketId: s.id, counter }, token), (x) => ({ kind: 'ok', text: t('cq.finished', { label: label(x) }) }))}>
            {t('cq.finish')}
          </button>
        </div>
        {transfer !== null && s && (
          <form
            className="call-transfer"
            onSubmit={(e) => {
              e.preventDefault();
              act(() => api.call('queue.transfer', { ticketId: s.id, fromCounter: counter, toCounter: transfer }, token), (x) => ({ kind: 'ok', text: t('cq.transferred', { label: label(x), n: transfer }) }));
            }}
          >
            <label htmlFor="call-transfer-to">{t('cq.transferTo')}</label>
            <select id="call-transfer-to" value={transfer} onChange={(e) => setTransfer(Number(e.target.value))}>
              {others.map((c) => (
                <option key={c} value={c}>
                  {t('cq.counter', { n: c })}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn-primary" disabled={disabled}>
              {t('cq.transferGo')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setTransfer(null)}>
              {t('common.cancel')}
            </button>
          </form>
        )}
      </div>
      {!online && (
        <p className="banner banner-invalid" role="alert" data-testid="call-offline">
          {t('cq.offline')}
        </p>
      )}
      {msg && (
        <p className={`call-msg call-msg-${msg.kind}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid="call-msg">
          {msg.text}
        </p>
      )}
      <ul className="call-waiting" aria-label={t('cq.waiting')} data-testid="call-waiting">
        {info.groups.map((g) => (
          <li key={g.id} className={g.counters.includes(counter) ? 'mine' : undefined} data-group={g.id}>
            {t('cq.waitingGroup', { group: g.label, n: waiting(g.id) })}
          </li>
        ))}
      </ul>
      <p className="help">{t('cq.waitingMine', { groups: mine.map((g) => g.label).join(', ') || '–' })}</p>
    </section>
  );
}
