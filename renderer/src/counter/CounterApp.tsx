import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, AppInfo, AppSettings, AuditEntry, CardStatus, Dossier, DossierStatus, DossierSummary, FormDefinition, LoginOutput } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ClientError } from '../api/client';
import { Header } from '../components/Header';
import { LoginForm } from '../components/LoginForm';
import { ReaderStatus } from '../components/ReaderStatus';
import { FieldEditor, editField } from '../components/FieldEditor';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { PdfPreview, download } from '../components/PdfPreview';
import { useIdle } from '../lib/useIdle';

type View = { name: 'queue' } | { name: 'dossier'; id: string } | { name: 'settings' } | { name: 'audit' };
const STATUSES: DossierStatus[] = ['draft', 'completed', 'printed', 'handed_over'];

/** The clerk's counter: login, dossier queue + search, reopen/edit/reprint/export/delete, settings, audit, reader. */
export function CounterApp(props: { api: ApiClient; info: AppInfo; idleMs: number }) {
  const { api, info } = props;
  const { t } = useI18n();
  const [login, setLogin] = useState<LoginOutput | null>(null);
  const [view, setView] = useState<View>({ name: 'queue' });
  const [status, setStatus] = useState<CardStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.call('card.status', {}).then(setStatus, () => undefined);
    return api.on('card.status', setStatus);
  }, [api]);

  const logout = useCallback(() => {
    if (login) api.call('auth.logout', {}, login.token).catch(() => undefined);
    setLogin(null);
    setView({ name: 'queue' });
  }, [api, login]);
  useIdle(Math.max(props.idleMs, 60_000) * 5, !!login, logout);

  const fail = useCallback(
    (e: unknown) => {
      const code = e instanceof ClientError ? e.code : undefined;
      if (code === 'UNAUTHORIZED') setLogin(null);
      setError(t(errorKey(code)));
    },
    [t],
  );

  if (!login) {
    return (
      <div className="app counter">
        <Header demo={info.demo} status={status} title={t('counter.title')} />
        <main className="screen login-screen">
          <LoginForm api={api} title={t('login.title')} onLogin={setLogin} />
          <ReaderStatus status={status} />
        </main>
      </div>
    );
  }
  const nav: { v: View['name']; k: MessageKey }[] = [
    { v: 'queue', k: 'counter.queue' },
    ...(login.user.role === 'admin' ? [{ v: 'settings' as const, k: 'counter.settings' as const }] : []),
    { v: 'audit', k: 'counter.audit' },
  ];
  return (
    <div className="app counter" data-view={view.name}>
      {/* The reader status has its own panel in the side bar here; the header keeps room for the title. */}
      <Header demo={info.demo} status={null} title={t('counter.title')}>
        <span className="user">{t('counter.user', { name: login.user.displayName })}</span>
        <button type="button" className="btn btn-ghost" onClick={logout}>
          {t('counter.logout')}
        </button>
      </Header>
      <div className="counter-body">
        <nav className="sidebar" aria-label={t('counter.title')}>
          {nav.map((n) => (
            <button key={n.v} type="button" className={`nav-item${view.name === n.v ? ' active' : ''}`} aria-current={view.name === n.v ? 'page' : undefined} onClick={() => setView({ name: n.v } as View)}>
              {t(n.k)}
            </button>
          ))}
          <ReaderStatus status={status} />
        </nav>
        <main className="counter-main">
          {error && (
            <div className="banner banner-invalid" role="alert">
              {error}{' '}
              <button type="button" className="btn btn-ghost" onClick={() => setError(null)}>
                {t('common.close')}
              </button>
            </div>
          )}
          {view.name === 'queue' && <Queue api={api} token={login.token} onOpen={(id) => setView({ name: 'dossier', id })} onError={fail} />}
          {view.name === 'dossier' && <DossierView api={api} token={login.token} id={view.id} onBack={() => setView({ name: 'queue' })} onError={fail} />}
          {view.name === 'settings' && <SettingsView api={api} token={login.token} readers={status?.readers.map((r) => r.name) ?? []} onError={fail} />}
          {view.name === 'audit' && <AuditView api={api} token={login.token} onError={fail} />}
        </main>
      </div>
    </div>
  );
}

function Queue(props: { api: ApiClient; token: string; onOpen: (id: string) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<DossierSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<DossierStatus | ''>('');
  const { api, token, onError } = props;
  const load = useCallback(() => {
    const p = query.trim() ? api.call('dossier.search', { query: query.trim() }, token) : api.call('dossier.list', filter ? { status: filter, limit: 200 } : { limit: 200 }, token);
    p.then((r) => setRows(filter ? r.filter((x) => x.status === filter) : r), onError);
  }, [api, token, query, filter, onError]);
  useEffect(() => {
    load();
    // Only the filter re-queries by itself; search runs on submit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter]);
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('counter.queue')}</h1>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label htmlFor="search" className="sr-only">
          {t('counter.search')}
        </label>
        <input id="search" type="search" placeholder={t('counter.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn btn-primary">
          {t('counter.searchButton')}
        </button>
        <label htmlFor="status-filter" className="sr-only">
          {t('counter.col.status')}
        </label>
        <select id="status-filter" value={filter} onChange={(e) => setFilter(e.target.value as DossierStatus | '')}>
          <option value="">{t('counter.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-secondary" onClick={load}>
          {t('counter.refresh')}
        </button>
      </form>
      {rows && rows.length === 0 && <p>{t('counter.empty')}</p>}
      {rows && rows.length > 0 && (
        <table className="queue" data-testid="queue">
          <thead>
            <tr>
              <th scope="col">{t('counter.col.id')}</th>
              <th scope="col">{t('counter.col.form')}</th>
              <th scope="col">{t('counter.col.name')}</th>
              <th scope="col">{t('counter.col.idNumber')}</th>
              <th scope="col">{t('counter.col.status')}</th>
              <th scope="col">{t('counter.col.updated')}</th>
              <th scope="col">
                <span className="sr-only">{t('counter.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{t(`form.short.${r.formId}`)}</td>
                <td>{r.fullName}</td>
                <td>{r.idNumber}</td>
                <td>{t(`status.${r.status}`)}</td>
                <td>{new Date(r.updatedAt).toLocaleString('vi-VN')}</td>
                <td>
                  <button type="button" className="btn btn-secondary" onClick={() => props.onOpen(r.id)}>
                    {t('counter.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DossierView(props: { api: ApiClient; token: string; id: string; onBack: () => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, id, onError } = props;
  const [d, setD] = useState<Dossier | null>(null);
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [fields, setFields] = useState<Dossier['fields']>([]);
  const [active, setActive] = useState<string | null>(null);
  const [pdf, setPdf] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => {
    api.call('dossier.get', { id }, token).then((x) => {
      setD(x);
      setFields(x.fields);
      api.call('forms.get', { formId: x.formId }).then(setDef, onError);
    }, onError);
  }, [api, token, id, onError]);
  if (!d || !def) return <p role="status">{t('common.loading')}</p>;
  // The citizen is the holder of the first card: the first chip-sourced ID number field of the form.
  const idKey = def.fields.find((f) => f.type === 'idNumber' && f.source === 'CHIP')?.key;
  const idNumber = fields.find((f) => f.key === idKey)?.value ?? '';
  const act = <T,>(p: Promise<T>, then: (v: T) => void): void => {
    setMsg(null);
    p.then(then, onError);
  };
  return (
    <section aria-labelledby="dossier-title" className="dossier-view">
      <div className="toolbar">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1 id="dossier-title">{t('dossier.title', { id: d.id })}</h1>
        <span className={`status status-${d.status}`}>{t(`status.${d.status}`)}</span>
      </div>
      <p className="form-name">{def.title}</p>
      {d.verificationOverride && (
        <p className="banner banner-invalid" role="note">
          {t('dossier.override')}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => act(api.call('dossier.update', { id, fields }, token), (x) => (setD(x), setMsg(t('dossier.saved'))))}>
          {t('dossier.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => act(api.call('print.declaration', { id, mode: 'preview' }, token), (r) => (setPdf(r.pdfBase64 ?? null), setD({ ...d, status: r.dossierStatus })))}>
          {t('dossier.reprint')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => act(api.call('print.slip', { id, mode: 'preview' }, token), (r) => setPdf(r.pdfBase64 ?? null))}>
          {t('dossier.slip')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => act(api.call('dossier.export', { id, format: 'json' }, token), (r) => download(r.fileName, r.mime, r.dataBase64))}>
          {t('dossier.exportJson')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => act(api.call('dossier.export', { id, format: 'pdf' }, token), (r) => download(r.fileName, r.mime, r.dataBase64))}>
          {t('dossier.exportPdf')}
        </button>
        {d.status !== 'handed_over' && (
          <button type="button" className="btn btn-secondary" onClick={() => act(api.call('dossier.transition', { id, to: 'handed_over' }, token), setD)}>
            {t('dossier.handOver')}
          </button>
        )}
        {/^\d{12}$/.test(idNumber) && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
            {t('dossier.delete')}
          </button>
        )}
      </div>
      {msg && (
        <p className="notice" role="status">
          {msg}
        </p>
      )}
      {confirmDelete && (
        <div className="card-panel confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{t('dossier.deleteConfirm', { id: idNumber })}</p>
          <div className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => act(api.call('dossier.deleteCitizen', { idNumber }, token), (r) => (setConfirmDelete(false), setMsg(t('dossier.deleted', { n: r.deleted })), props.onBack()))}>
              {t('dossier.delete')}
            </button>
          </div>
        </div>
      )}
      <div className="dossier-split">
        <div className="form-scroll">
          <FieldEditor def={def} fields={fields} issues={[]} editor="clerk" active={active} onFocus={setActive} onChange={(k, v) => setFields(editField(fields, k, v, 'clerk'))} />
          {active && <OnScreenKeyboard value={fields.find((f) => f.key === active)?.value ?? ''} onChange={(v) => setFields(editField(fields, active, v, 'clerk'))} onDone={() => setActive(null)} />}
        </div>
        {pdf && <PdfPreview pdfBase64={pdf} />}
      </div>
      <h2>{t('dossier.history')}</h2>
      <ul className="history">
        {d.history.map((h, i) => (
          <li key={i}>
            {new Date(h.at).toLocaleString('vi-VN')} — {h.status} — {h.actor}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SettingsView(props: { api: ApiClient; token: string; readers: string[]; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, onError } = props;
  const [s, setS] = useState<AppSettings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    api.call('settings.get', {}).then(setS, onError);
  }, [api, onError]);
  if (!s) return <p role="status">{t('common.loading')}</p>;
  const text = (k: 'communeName' | 'provinceName' | 'communeCode' | 'provinceCode', label: MessageKey) => (
    <div className="field" key={k}>
      <label htmlFor={`set-${k}`}>{t(label)}</label>
      <input id={`set-${k}`} value={s[k]} onChange={(e) => setS({ ...s, [k]: e.target.value })} />
    </div>
  );
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <form
        className="settings"
        onSubmit={(e) => {
          e.preventDefault();
          api.call('settings.set', { settings: s }, token).then((x) => (setS(x), setMsg(t('settings.saved'))), onError);
        }}
      >
        {text('communeName', 'settings.communeName')}
        {text('provinceName', 'settings.provinceName')}
        {text('communeCode', 'settings.communeCode')}
        {text('provinceCode', 'settings.provinceCode')}
        <div className="field">
          <label htmlFor="set-printer">{t('settings.printer')}</label>
          <input id="set-printer" value={s.printer ?? ''} onChange={(e) => setS({ ...s, printer: e.target.value || null })} />
        </div>
        <div className="field">
          <label htmlFor="set-reader">{t('settings.reader')}</label>
          <input id="set-reader" list="reader-list" value={s.reader ?? ''} onChange={(e) => setS({ ...s, reader: e.target.value || null })} />
          <datalist id="reader-list">
            {props.readers.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="set-retention">{t('settings.retentionDays')}</label>
          <input id="set-retention" type="number" min={1} max={3650} value={s.retentionDays} onChange={(e) => setS({ ...s, retentionDays: Number(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor="set-backup-dir">{t('settings.backupDir')}</label>
          <input id="set-backup-dir" value={s.backupDir ?? ''} onChange={(e) => setS({ ...s, backupDir: e.target.value || null })} />
        </div>
        <div className="field">
          <label htmlFor="set-backup-every">{t('settings.backupEveryMinutes')}</label>
          <input id="set-backup-every" type="number" min={0} max={1440} value={s.backupEveryMinutes} onChange={(e) => setS({ ...s, backupEveryMinutes: Number(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor="set-idle">{t('settings.idleSeconds')}</label>
          <input id="set-idle" type="number" min={5} max={3600} value={s.idleSeconds} onChange={(e) => setS({ ...s, idleSeconds: Number(e.target.value) })} />
        </div>
        <div className="field field-check">
          <input id="set-silent" type="checkbox" checked={s.kioskSilentPrint} onChange={(e) => setS({ ...s, kioskSilentPrint: e.target.checked })} />
          <label htmlFor="set-silent">{t('settings.kioskSilentPrint')}</label>
        </div>
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
        {msg && (
          <p className="notice" role="status">
            {msg}
          </p>
        )}
      </form>
      <h2>{t('settings.trust')}</h2>
      <label htmlFor="trust-file">{t('settings.trustFile')}</label>
      <input
        id="trust-file"
        type="file"
        accept=".der,.cer,.crt,.pem,.ml"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          f.arrayBuffer().then((buf) => {
            let bin = '';
            new Uint8Array(buf).forEach((b) => (bin += String.fromCharCode(b)));
            api.call('trust.import', { fileName: f.name, dataBase64: btoa(bin) }, token).then((r) => setMsg(t('settings.trustImported', { name: r.stored })), onError);
          }, onError);
        }}
      />
    </section>
  );
}

function AuditView(props: { api: ApiClient; token: string; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const { api, token, onError } = props;
  useEffect(() => {
    api.call('audit.list', { limit: 200 }, token).then(setRows, onError);
  }, [api, token, onError]);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.record')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td>{r.seq}</td>
              <td>{new Date(r.at).toLocaleString('vi-VN')}</td>
              <td>{r.actor}</td>
              <td>{r.action}</td>
              <td>{r.recordId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
