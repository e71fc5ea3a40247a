import { useEffect, useState } from 'react';
import type { ApiClient, AuditEntry } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { catalogues, type MessageKey } from '../i18n/messages';
import { ColumnHeads } from '../components/ColumnHeads';

const COLUMNS = ['audit.seq', 'audit.at', 'audit.actor', 'audit.action', 'audit.record'] as const;

/** An action's words from the catalogue; an action the catalogue does not know yet shows as recorded. */
function actionKey(action: string): MessageKey | null {
  const k = `audit.action.${action}`;
  return k in catalogues.vi ? (k as MessageKey) : null;
}

/** The audit trail (ids and hashes only, never personal data). */
export function AuditView(props: { api: ApiClient; token: string; onError: (e: unknown) => void }) {
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
        <ColumnHeads columns={COLUMNS} />
        <tbody>
          {rows.map((r) => {
            const action = actionKey(r.action);
            return (
              <tr key={r.seq}>
                <td>{r.seq}</td>
                <td>{new Date(r.at).toLocaleString('vi-VN')}</td>
                <td>{r.actor === 'kiosk' || r.actor === 'system' ? t(`actor.${r.actor}`) : r.actor}</td>
                <td>{action ? t(action) : r.action}</td>
                <td>{r.recordId}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
