import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, DossierStatus, DossierSummary } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { deviceLabel, useCentreStatus } from './CentreSyncState';

const STATUSES: DossierStatus[] = ['draft', 'completed', 'printed', 'handed_over'];

/** The dossier queue with search (name or ID number) and a status filter. */
export function Queue(props: { api: ApiClient; token: string; onOpen: (id: string) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<DossierSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<DossierStatus | ''>('');
  const { api, token, onError } = props;
  const load = useCallback(() => {
    const p = query.trim() ? api.call('dossier.search', { query: query.trim() }, token) : api.call('dossier.list', filter ? { status: filter, limit: 200 } : { limit: 200 }, token);
    // Erased dossiers keep only an id and a history: they are not work for the counter.
    p.then((r) => setRows(r.filter((x) => (filter ? x.status === filter : x.status !== 'purged'))), onError);
  }, [api, token, query, filter, onError]);
  useEffect(() => {
    load();
    // Only the filter re-queries by itself; search runs on submit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter]);
  // A centre device: dossiers of the other PCs arrive with each sync, so the queue follows the sync status.
  const centre = useCentreStatus(api, token);
  useEffect(() => api.on('centre.status', () => load()), [api, load]);
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
              <th scope="col">{t('counter.col.device')}</th>
              <th scope="col" className="col-updated">{t('counter.col.updated')}</th>
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
                <td>
                  {t(`status.${r.status}`)}
                  {r.needsReview && (
                    <span className="badge badge-warn" data-testid="needs-review">
                      {' '}
                      {t('counter.needsReview')}
                    </span>
                  )}
                </td>
                <td title={r.originDevice} data-testid="made-on">
                  {deviceLabel(r.originDevice, centre, t)}
                </td>
                <td className="col-updated">{new Date(r.updatedAt).toLocaleString('vi-VN')}</td>
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

