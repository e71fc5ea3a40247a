import { useState } from 'react';
import type { ApiClient, LoginOutput } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import { ClientError } from '../api/client';

/**
 * First run on an empty data folder: no account exists, so the counter creates the administrator and the office
 * names printed in "Kính gửi" and "Làm tại", then continues signed in to the settings (reader, printer, trust store).
 */
export function FirstRunSetup(props: { api: ApiClient; onDone: (login: LoginOutput) => void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ username: 'admin', displayName: '', password: '', confirm: '', communeName: '', provinceName: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof v, label: string, type = 'text', autoComplete = 'off') => (
    <div className="field" key={k}>
      <label htmlFor={`setup-${k}`}>{label}</label>
      <input id={`setup-${k}`} type={type} autoComplete={autoComplete} value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} required={k !== 'communeName' && k !== 'provinceName'} />
    </div>
  );
  return (
    <form
      className="setup card-panel"
      aria-labelledby="setup-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (v.password.length < 8) return setError(t('setup.passwordShort'));
        if (v.password !== v.confirm) return setError(t('setup.passwordMismatch'));
        if (!/^[A-Za-z0-9._-]{2,64}$/.test(v.username)) return setError(t('setup.usernameRule'));
        setBusy(true);
        setError(null);
        const office = v.communeName.trim() && v.provinceName.trim() ? { office: { communeName: v.communeName.trim(), provinceName: v.provinceName.trim() } } : {};
        props.api.call('setup.createAdmin', { username: v.username, displayName: v.displayName.trim() || v.username, password: v.password, ...office }).then(props.onDone, (err: unknown) => {
          setBusy(false);
          setError(t(errorKey(err instanceof ClientError ? err.code : undefined)));
        });
      }}
    >
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <h2>{t('setup.admin')}</h2>
      {field('username', t('login.username'), 'text', 'username')}
      {field('displayName', t('setup.displayName'))}
      {field('password', t('login.password'), 'password', 'new-password')}
      {field('confirm', t('setup.confirm'), 'password', 'new-password')}
      <h2>{t('setup.office')}</h2>
      <p className="help">{t('setup.officeHelp')}</p>
      {field('communeName', t('settings.communeName'))}
      {field('provinceName', t('settings.provinceName'))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </div>
    </form>
  );
}
