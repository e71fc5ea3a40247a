import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, ClerkAccount } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ClientError } from '../api/client';
import './accounts.css';

type Role = ClerkAccount['role'];
const ROLES: readonly Role[] = ['clerk', 'head', 'admin'];
const ROLE_KEY: Readonly<Record<Role, MessageKey>> = { clerk: 'accounts.role.clerk', head: 'accounts.role.head', admin: 'accounts.role.admin' };
const COLUMNS = ['login.username', 'accounts.displayName', 'accounts.role'] as const;
// The same rules as the contract's users.create schema, checked here first so the message can say which one failed.
const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 256;
const DISPLAY_NAME_MAX = 100;
const EMPTY = { username: '', displayName: '', role: 'clerk' as Role, password: '', confirm: '' };

/** The same name in another case counts as taken: the server refuses it too (one person, one sign-in name). */
const taken = (users: readonly ClerkAccount[], username: string) => users.some((u) => u.username.toLowerCase() === username.toLowerCase());

/**
 * Staff accounts, for the administrator: who may sign in at the counters, and a new clerk, head of centre
 * ("trưởng trung tâm", who also reads the report) or administrator. The server decides (users.* are admin-only);
 * this screen only explains its rules before asking.
 */
export function AccountsView(props: { api: ApiClient; token: string; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, onError } = props;
  const [users, setUsers] = useState<ClerkAccount[] | null>(null);
  const [v, setV] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => api.call('users.list', {}, token).then((u) => (setUsers(u), u)), [api, token]);
  useEffect(() => {
    reload().catch(onError);
  }, [reload, onError]);

  const check = (): string | null => {
    if (!USERNAME.test(v.username)) return t('setup.usernameRule');
    if (users && taken(users, v.username)) return t('accounts.taken', { username: v.username });
    if (!v.displayName.trim()) return t('accounts.displayNameRequired');
    if (v.password.length < PASSWORD_MIN) return t('setup.passwordShort');
    if (v.password !== v.confirm) return t('setup.passwordMismatch');
    return null;
  };

  const submit = async (): Promise<void> => {
    const problem = check();
    setNotice(null);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const made = await api.call('users.create', { username: v.username, displayName: v.displayName.trim(), role: v.role, password: v.password }, token);
      setV(EMPTY);
      setNotice(t('accounts.created', { username: made.username, role: t(ROLE_KEY[made.role]) }));
      await reload();
    } catch (e) {
      const code = e instanceof ClientError ? e.code : undefined;
      if (code === 'UNAUTHORIZED') return onError(e);
      // Every rule but "taken" was checked above, so INVALID_INPUT here is most likely another admin taking the
      // name meanwhile: the fresh list says for sure.
      const now = code === 'INVALID_INPUT' ? await reload().catch(() => null) : null;
      setError(now && taken(now, v.username) ? t('accounts.taken', { username: v.username }) : t(errorKey(code)));
    } finally {
      setBusy(false);
    }
  };

  const field = (k: 'username' | 'displayName' | 'password' | 'confirm', label: MessageKey, help: MessageKey | null, type: string, autoComplete: string, maxLength: number) => (
    <div className="field">
      <label htmlFor={`acc-${k}`}>{t(label)}</label>
      <input
        id={`acc-${k}`}
        type={type}
        autoComplete={autoComplete}
        maxLength={maxLength}
        value={v[k]}
        aria-describedby={help ? `acc-${k}-help` : undefined}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
        required
      />
      {help && (
        <p id={`acc-${k}-help`} className="field-help">
          {t(help)}
        </p>
      )}
    </div>
  );

  return (
    <section aria-labelledby="accounts-title" className="accounts">
      <h1 id="accounts-title">{t('accounts.title')}</h1>
      <div className="accounts-split">
        <div>
          {users === null ? (
            <p role="status">{t('common.loading')}</p>
          ) : (
            <table className="queue" data-testid="accounts-list">
              <caption className="accounts-count">{t('accounts.count', { n: users.length })}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((k) => (
                    <th scope="col" key={k}>
                      {t(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.username}>
                    <td>{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{t(ROLE_KEY[u.role])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <form
          className="accounts-form"
          aria-labelledby="accounts-new"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id="accounts-new">{t('accounts.new')}</h2>
          <div className="accounts-pair">
            {field('username', 'login.username', 'accounts.usernameHelp', 'text', 'off', 64)}
            {field('displayName', 'accounts.displayName', null, 'text', 'off', DISPLAY_NAME_MAX)}
          </div>
          <div className="field">
            <label htmlFor="acc-role">{t('accounts.role')}</label>
            <select id="acc-role" value={v.role} aria-describedby="acc-role-help" onChange={(e) => setV({ ...v, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_KEY[r])}
                </option>
              ))}
            </select>
            <p id="acc-role-help" className="field-help">
              {t('accounts.roleHelp')}
            </p>
          </div>
          <div className="accounts-pair">
            {field('password', 'login.password', 'accounts.passwordHelp', 'password', 'new-password', PASSWORD_MAX)}
            {field('confirm', 'setup.confirm', null, 'password', 'new-password', PASSWORD_MAX)}
          </div>
          {error && (
            <p className="error" role="alert" data-testid="accounts-error">
              {error}
            </p>
          )}
          {notice && (
            <p className="notice" role="status" data-testid="accounts-notice">
              {notice}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('accounts.submit')}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
