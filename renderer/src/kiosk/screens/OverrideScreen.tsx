import type { ApiClient, LoginOutput } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import { LoginForm } from '../../components/LoginForm';

/** The clerk signs in at the kiosk to let an INVALID card go on (audited); a touch kiosk has only the on-screen keys. */
export function OverrideScreen(props: { api: ApiClient; onLogin: (l: LoginOutput) => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen override-screen">
      <LoginForm api={props.api} title={t('login.overrideTitle')} text={t('login.overrideText')} keyboard onLogin={props.onLogin} onCancel={props.onCancel} />
    </main>
  );
}
