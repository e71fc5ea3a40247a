import { useState } from 'react';
import type { ApiClient } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { centreStateText, useCentreStatus } from './CentreSyncState';

/** "Kết nối trung tâm": join the commune centre with the administrator's one-time code, see the sync status, leave. */
export function CentreSettings(props: { api: ApiClient; token: string; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, onError } = props;
  const s = useCentreStatus(api, token);
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [caPem, setCaPem] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const done = (m: string) => () => (setBusy(false), setMsg(m));
  const failed = (e: unknown) => (setBusy(false), onError(e));
  return (
    <section aria-labelledby="centre-title" data-testid="centre-settings">
      <h2 id="centre-title">{t('centre.title')}</h2>
      <p className="help">{t('centre.help')}</p>
      {s && !s.linked && <p>{t('centre.standalone')}</p>}
      {s?.linked && (
        <dl className="centre-status">
          <dt>{t('centre.statusLabel')}</dt>
          <dd data-testid="centre-settings-state">{centreStateText(s, t)}</dd>
          <dt>{t('centre.server')}</dt>
          <dd>{s.server}</dd>
          {s.deviceName && <dt>{t('centre.deviceName')}</dt>}
          {s.deviceName && <dd data-testid="centre-device-name">{s.deviceName}</dd>}
          <dt>{t('centre.device')}</dt>
          <dd>{s.deviceId}</dd>
          {s.lastSyncAt && <dd>{t('centre.lastSync', { time: new Date(s.lastSyncAt).toLocaleString('vi-VN') })}</dd>}
          {s.conflicts > 0 && <dd>{t('centre.conflicts', { n: s.conflicts })}</dd>}
        </dl>
      )}
      {s?.linked && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={() => {
            if (!window.confirm(t('centre.leaveConfirm'))) return;
            setBusy(true);
            api.call('centre.leave', {}, token).then(done(t('centre.left')), failed);
          }}
        >
          {t('centre.leave')}
        </button>
      )}
      {s && !s.linked && (
        <form
          className="settings"
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setMsg(null);
            api.call('centre.join', { server: server.trim(), code: code.trim(), ...(caPem.trim() ? { caPem: caPem.trim() } : {}) }, token).then(done(t('centre.joined')), failed);
          }}
        >
          <div className="field">
            <label htmlFor="centre-server">{t('centre.server')}</label>
            <input id="centre-server" required value={server} placeholder="192.168.1.10:5432/motcua" onChange={(e) => setServer(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="centre-code">{t('centre.code')}</label>
            <input id="centre-code" required autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="centre-ca">{t('centre.ca')}</label>
            <textarea id="centre-ca" rows={3} value={caPem} onChange={(e) => setCaPem(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('centre.joining') : t('centre.join')}
          </button>
        </form>
      )}
      {msg && (
        <p className="notice" role="status">
          {msg}
        </p>
      )}
    </section>
  );
}
