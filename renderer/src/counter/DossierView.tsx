import { useEffect, useState } from 'react';
import type { ApiClient, Dossier, FormDefinition } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { FieldEditor } from '../components/FieldEditor';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { PdfPreview, download } from '../components/PdfPreview';
import { editField } from '../lib/fields';

/** One dossier: edit (provenance "cán bộ sửa"), reprint, slip, export, hand over, delete the citizen's data. */
export function DossierView(props: { api: ApiClient; token: string; id: string; onBack: () => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, id, onError } = props;
  const [d, setD] = useState<Dossier | null>(null);
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [fields, setFields] = useState<Dossier['fields']>([]);
  const [active, setActive] = useState<string | null>(null);
  const [pdf, setPdf] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => {
    api.call('dossier.get', { id }, token).then((x) => {
      setD(x);
      setFields(x.fields);
      api.call('forms.get', { formId: x.formId }).then(setDef, onError);
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
      {d.verificationOverride && (
        <p className="banner banner-invalid" role="note">
          {t('dossier.override')}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => act(api.call('dossier.update', { id, fields }, token), (x) => (setD(x), setMsg(t('dossier.saved'))))}>
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
          <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
            {t('dossier.delete')}
          </button>
        )}
      </div>
      {msg && (
        <p className="notice" role="status">
          {msg}
        </p>
      )}
      {confirmDelete && (
        <div className="card-panel confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{t('dossier.deleteConfirm', { id: idNumber })}</p>
          <div className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => act(api.call('dossier.deleteCitizen', { idNumber }, token), (r) => (setConfirmDelete(false), setMsg(t('dossier.deleted', { n: r.deleted })), props.onBack()))}>
              {t('dossier.delete')}
            </button>
          </div>
        </div>
      )}
      <div className="dossier-split">
        <div className="form-scroll">
          <FieldEditor def={def} fields={fields} issues={[]} editor="clerk" active={active} onFocus={setActive} onChange={(k, v) => setFields(editField(fields, k, v, 'clerk'))} />
          {active && <OnScreenKeyboard value={fields.find((f) => f.key === active)?.value ?? ''} onChange={(v) => setFields(editField(fields, active, v, 'clerk'))} onDone={() => setActive(null)} />}
        </div>
        {pdf && <PdfPreview pdfBase64={pdf} />}
      </div>
      <h2>{t('dossier.history')}</h2>
      <ul className="history">
        {d.history.map((h, i) => (
          <li key={i}>
            {new Date(h.at).toLocaleString('vi-VN')} — {h.status} — {h.actor}
          </li>
        ))}
      </ul>
    </section>
  );
}

