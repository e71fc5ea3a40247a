import { useEffect, useState } from 'react';
import type { ApiClient, Dossier, DossierSummary, FieldEdit, FormDefinition } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { FieldEditor } from '../components/FieldEditor';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { PdfPreview, download } from '../components/PdfPreview';
import { DeleteCitizen } from './DeleteCitizen';
import { ProgressEditor } from './ProgressEditor';
import { deviceLabel, useCentreStatus } from './CentreSyncState';
import { formDef } from './formCache';

/**
 * One dossier: edit (the server applies the edits and marks them "cán bộ sửa"), reprint, slip, export, hand over,
 * delete the citizen's data. An erased dossier keeps only its id, status and history: no action applies to it.
 */
export function DossierView(props: { api: ApiClient; token: string; id: string; onBack: () => void; onDeleted: (n: number) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, id, onError } = props;
  const [d, setD] = useState<Dossier | null>(null);
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [fields, setFields] = useState<Dossier['fields']>([]);
  const [edits, setEdits] = useState<FieldEdit[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [pdf, setPdf] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<DossierSummary[] | null>(null);
  // Concurrent edits name the PCs by their centre names (the history keeps device ids).
  const centre = useCentreStatus(api, token);
  const show = (x: Dossier): void => {
    setD(x);
    setFields(x.fields);
    setEdits([]);
  };
  useEffect(() => {
    api.call('dossier.get', { id }, token).then((x) => {
      show(x);
      formDef(api, x.formId).then(setDef, onError);
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
  const edit = (key: string, value: string): void => {
    setFields(fields.map((f) => (f.key === key ? { ...f, value } : f)));
    setEdits([...edits.filter((e) => e.key !== key), { key, value }]);
  };
  const erased = d.status === 'purged';
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
      {erased && (
        <p className="banner banner-untrusted" role="note" data-testid="erased">
          {t('dossier.erased')}
        </p>
      )}
      {d.verificationOverride && (
        <p className="banner banner-invalid" role="note">
          {t('dossier.override')}
        </p>
      )}
      {!erased && (
      <div className="toolbar">
        <button type="button" className="btn btn-primary" disabled={edits.length === 0} onClick={() => act(api.call('dossier.update', { id, edits }, token), (x) => (show(x), setMsg(t('dossier.saved'))))}>
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
          <button type="button" className="btn btn-danger" onClick={() => act(api.call('dossier.search', { query: idNumber, limit: 500 }, token), (rows) => setConfirmDelete(rows.filter((r) => r.status !== 'purged')))}>
            {t('dossier.delete')}
          </button>
        )}
      </div>
      )}
      {msg && (
        <p className="notice" role="status">
          {msg}
        </p>
      )}
      {!erased && <ProgressEditor api={api} token={token} id={id} onError={onError} />}
      {confirmDelete && (
        <DeleteCitizen
          api={api}
          token={token}
          idNumber={idNumber}
          dossiers={confirmDelete}
          onCancel={() => setConfirmDelete(null)}
          onDeleted={(n) => (setConfirmDelete(null), props.onDeleted(n))}
          onError={onError}
        />
      )}
      <div className="dossier-split">
        <div className="form-scroll">
          <FieldEditor def={def} fields={fields} issues={[]} editor="clerk" active={active} readOnly={erased} onFocus={setActive} onChange={edit} />
          {active && !erased && <OnScreenKeyboard value={fields.find((f) => f.key === active)?.value ?? ''} onChange={(v) => edit(active, v)} onDone={() => setActive(null)} />}
        </div>
        {pdf && <PdfPreview pdfBase64={pdf} toolbar />}
      </div>
      <h2>{t('dossier.history')}</h2>
      <ul className="history">
        {d.history.map((h, i) => (
          <li key={i}>
            {new Date(h.at).toLocaleString('vi-VN')} — {t(`history.${h.status}` as MessageKey)} — {h.actor === 'kiosk' || h.actor === 'system' ? t(`actor.${h.actor}`) : h.actor}
            {h.status === 'concurrent_edit' && h.overwritten && (
              <span data-testid="conflict-detail">
                {' — '}
                {t('history.concurrentDetail', { winner: deviceLabel(h.deviceId ?? undefined, centre, t), loser: deviceLabel(h.overwritten.deviceId ?? undefined, centre, t), actor: h.overwritten.actor })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

