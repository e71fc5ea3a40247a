import type { FormDefinition } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';

export function ProcedureScreen(props: { forms: FormDefinition[]; busy: boolean; onChoose: (f: FormDefinition) => void; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen procedure-screen">
      <h1>{t('procedure.title')}</h1>
      {props.busy ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <ul className="procedures">
          {props.forms.map((f) => (
            <li key={f.id}>
              <button type="button" className="procedure" data-form={f.id} onClick={() => props.onChoose(f)}>
                <span className="procedure-title">{f.title}</span>
                <span className="procedure-meta">
                  {t('procedure.legal', { basis: f.legalBasis })}
                  {f.cards === 2 && <strong> · {t('procedure.cards2')}</strong>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('common.back')}
        </button>
      </div>
    </main>
  );
}
