import { useRef, useState } from 'react';
import type { ApiClient, LoginOutput } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import { ClientError } from '../api/client';
import { OnScreenKeyboard } from './OnScreenKeyboard';

/** Sign-in; `keyboard` adds the on-screen keys (plain, no Telex) for a touch kiosk that has no physical keyboard. */
export function LoginForm(props: { api: ApiClient; title: string; text?: string; keyboard?: boolean; onLogin: (l: LoginOutput) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [typing, setTyping] = useState<'user' | 'pass' | null>(null);
  const passRef = useRef<HTMLInputElement>(null);
  return (
    <form
      className={`login card-panel${props.keyboard ? ' with-osk' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        props.api.call('auth.login', { username, password }).then(
          (l) => {
            setPassword('');
            props.onLogin(l);
          },
          (err: unknown) => {
            setBusy(false);
            setError(t(errorKey(err instanceof ClientError ? err.code : undefined)));
          },
        );
      }}
    >
      <h2>{props.title}</h2>
      {props.text && <p>{props.text}</p>}
      <label htmlFor="login-user">{t('login.username')}</label>
      <input id="login-user" autoComplete="username" value={username} onFocus={() => setTyping('user')} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor="login-pass">{t('login.password')}</label>
      <input id="login-pass" ref={passRef} type="password" autoComplete="current-password" value={password} onFocus={() => setTyping('pass')} onChange={(e) => setPassword(e.target.value)} required />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        {props.onCancel && (
          <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </div>
      {/* Below the buttons: "Đăng nhập" stays in sight above the keys on a 768 px screen. */}
      {props.keyboard && typing && (
        <OnScreenKeyboard
          layout="plain"
          value={typing === 'user' ? username : password}
          onChange={typing === 'user' ? setUsername : setPassword}
          onDone={() => (typing === 'user' ? passRef.current?.focus() : setTyping(null))}
        />
      )}
    </form>
  );
}
