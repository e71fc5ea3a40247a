import { useEffect, useState } from 'react';
import type { ApiClient, DossierSummary, FormId } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';

/**
 * "Xoá dữ liệu của tôi" on a citizen's request (Luật 91/2025/QH15 on personal data): every dossier that holds their
 * ID number goes, including joint ones (a marriage registration also holds the other party), so the clerk sees the
 * list and the joint ones are named before anything is deleted.
 */
export function DeleteCitizen(props: { api: ApiClient; token: string; idNumber: string; dossiers: DossierSummary[]; onCancel: () => void; onDeleted: (n: number) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [twoCard, setTwoCard] = useState<Set<FormId>>(new Set());
  const { api, onError } = props;
  useEffect(() => {
    api.call('forms.list', {}).then((forms) => setTwoCard(new Set(forms.filter((f) => f.cards === 2).map((f) => f.id))), onError);
  }, [api, onError]);
  // Joint: a two-card form, or a dossier found through this ID number although another person is its first party.
  const joint = props.dossiers.filter((d) => twoCard.has(d.formId) || d.idNumber !== props.idNumber);
  return (
    <div className="card-panel confirm" role="alertdialog" aria-labelledby="confirm-text" aria-describedby="confirm-list">
      <p id="confirm-text">{t('dossier.deleteConfirm', { id: props.idNumber, n: props.dossiers.length })}</p>
      <ul id="confirm-list" className="confirm-list">
        {props.dossiers.map((d) => (
          <li key={d.id}>
            {d.id} — {t(`form.short.${d.formId}`)} — {d.fullName}
          </li>
        ))}
      </ul>
      {joint.length > 0 && (
        <p className="banner banner-invalid" role="alert" data-testid="joint-warning">
          {t('dossier.deleteJoint', { n: joint.length })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => props.api.call('dossier.deleteCitizen', { idNumber: props.idNumber }, props.token).then((r) => props.onDeleted(r.deleted), props.onError)}>
          {t('dossier.delete')}
        </button>
      </div>
    </div>
  );
}
