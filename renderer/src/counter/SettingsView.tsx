import { useEffect, useState } from 'react';
import type { ApiClient, AppSettings } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { CentreSettings } from './CentreSettings';
import { QueueSettings } from './QueueSettings';

/** The administrator's settings: office names, printer, reader, retention, backups, idle time; trust store import. */
export function SettingsView(props: { api: ApiClient; token: string; readers: string[]; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, onError } = props;
  const [s, setS] = useState<AppSettings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [trustMsg, setTrustMsg] = useState<string | null>(null);
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
        <div className="field">
          <label htmlFor="set-queue-counter">{t('cq.settings.counter')}</label>
          <input id="set-queue-counter" type="number" min={1} max={99} value={s.queueCounter ?? ''} onChange={(e) => setS({ ...s, queueCounter: e.target.value ? Number(e.target.value) : null })} />
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
      <CentreSettings api={api} token={token} onError={onError} />
      <QueueSettings api={api} token={token} onError={onError} onSaved={(x) => setS((p) => p && { ...p, queueKiosk: x.queueKiosk, queueGroups: x.queueGroups })} />
      <h2>{t('settings.trust')}</h2>
      <p className="help">{t('settings.trustHelp')}</p>
      {/* Chromium's own file button says "Choose File" in English at 21 px: a labelled button of ours opens it. */}
      <input
        id="trust-file"
        className="file-input"
        type="file"
        accept=".der,.cer,.crt,.pem,.ml,.crl"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          setTrustMsg(null);
          f.arrayBuffer().then((buf) => {
            let bin = '';
            new Uint8Array(buf).forEach((b) => (bin += String.fromCharCode(b)));
            api.call('trust.import', { fileName: f.name, dataBase64: btoa(bin) }, token).then((r) => setTrustMsg(t('settings.trustImported', { name: r.stored })), onError);
          }, onError);
        }}
      />
      <label htmlFor="trust-file" className="btn btn-secondary file-button">
        {t('settings.trustFile')}
      </label>
      {trustMsg && (
        <p className="notice" role="status" data-testid="trust-imported">
          {trustMsg}
        </p>
      )}
    </section>
  );
}

