import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, AppInfo, CardStatus, LoginOutput } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ClientError } from '../api/client';
import { Header } from '../components/Header';
import { LoginForm } from '../components/LoginForm';
import { ReaderStatus } from '../components/ReaderStatus';
import { Queue } from './Queue';
import { DossierView } from './DossierView';
import { SettingsView } from './SettingsView';
import { AuditView } from './AuditView';
import { FirstRunSetup } from './FirstRunSetup';
import { CentreSyncState } from './CentreSyncState';
import { StoreIntegrityBanner } from './StoreIntegrityBanner';
import { useIdle } from '../lib/useIdle';
import { CallPanel } from './CallPanel';
import { ReportView } from './ReportView';
import { AccountsView } from './AccountsView';

type View = { name: 'queue' } | { name: 'dossier'; id: string } | { name: 'settings' } | { name: 'audit' } | { name: 'report' } | { name: 'accounts' };

/** The clerk's counter: login, dossier queue + search, reopen/edit/reprint/export/delete, settings, audit, reader. */
export function CounterApp(props: { api: ApiClient; info: AppInfo; idleMs: number }) {
  const { api, info } = props;
  const { t } = useI18n();
  const [login, setLogin] = useState<LoginOutput | null>(null);
  const [view, setView] = useState<View>({ name: 'queue' });
  const [setupRequired, setSetupRequired] = useState(!!info.setupRequired);
  const [status, setStatus] = useState<CardStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Shown on the queue after the dossier view is gone (the result of "Xoá dữ liệu công dân").
  const [notice, setNotice] = useState<string | null>(null);

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

  if (setupRequired && !login) {
    return (
      <div className="app counter">
        <Header demo={info.demo} status={status} title={t('counter.title')} />
        <main className="screen setup-screen">
          <FirstRunSetup
            api={api}
            onDone={(l) => {
              setSetupRequired(false);
              setLogin(l);
              setNotice(t('setup.done'));
              setView({ name: 'settings' });
            }}
          />
        </main>
      </div>
    );
  }
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
    ...(login.user.role === 'admin' ? [{ v: 'settings' as const, k: 'counter.settings' as const }, { v: 'accounts' as const, k: 'accounts.nav' as const }] : []),
    { v: 'audit', k: 'counter.audit' },
    // The head's report: the server refuses it to a plain clerk (Access 'head'); the item only saves a dead end.
    ...(login.user.role === 'head' || login.user.role === 'admin' ? [{ v: 'report' as const, k: 'cq.report' as const }] : []),
  ];
  return (
    <div className="app counter" data-view={view.name}>
      {/* The reader status has its own panel in the side bar here; the header keeps room for the title. */}
      <Header demo={info.demo} status={null} activeReader={status} title={t('counter.title')}>
        <CentreSyncState api={api} token={login.token} />
        <span className="user">{t('counter.user', { name: login.user.displayName })}</span>
        <button type="button" className="btn btn-ghost" onClick={logout}>
          {t('counter.logout')}
        </button>
      </Header>
      <StoreIntegrityBanner api={api} token={login.token} />
      <div className="counter-body">
        <nav className="sidebar" aria-label={t('counter.title')}>
          {nav.map((n) => (
            <button key={n.v} type="button" className={`nav-item${view.name === n.v ? ' active' : ''}`} aria-current={view.name === n.v ? 'page' : undefined} onClick={() => (setNotice(null), setView({ name: n.v } as View))}>
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
          {(view.name === 'queue' || view.name === 'dossier') && <CallPanel api={api} token={login.token} onOpenDossier={(id) => (setNotice(null), setView({ name: 'dossier', id }))} onError={fail} />}
          {view.name === 'queue' && <Queue api={api} token={login.token} onOpen={(id) => (setNotice(null), setView({ name: 'dossier', id }))} onError={fail} />}
          {notice && (
            <p className="notice" role="status" data-testid="counter-notice">
              {notice}
            </p>
          )}
          {view.name === 'dossier' && (
            <DossierView
              api={api}
              token={login.token}
              id={view.id}
              onBack={() => setView({ name: 'queue' })}
              onDeleted={(n) => (setNotice(t('dossier.deleted', { n })), setView({ name: 'queue' }))}
              onError={fail}
            />
          )}
          {view.name === 'settings' && <SettingsView api={api} token={login.token} readers={status?.machineReaders ?? status?.readers.map((r) => r.name) ?? []} onError={fail} />}
          {view.name === 'audit' && <AuditView api={api} token={login.token} onError={fail} />}
          {view.name === 'report' && <ReportView api={api} token={login.token} onError={fail} />}
          {view.name === 'accounts' && <AccountsView api={api} token={login.token} onError={fail} />}
        </main>
      </div>
    </div>
  );
}
