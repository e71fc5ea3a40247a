import type { CardIdentity } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import { VerdictPanel } from '../../components/VerdictPanel';
import { isoToDisplay, titleCaseVi } from '../../lib/format';
import type { MessageKey } from '../../i18n/messages';

/** The verified identity: photo, the card's fields, and a verdict per check in plain words. */
export function IdentityView(props: { identity: CardIdentity }) {
  const { t } = useI18n();
  const h = props.identity.holder;
  const rows: [MessageKey, string | null][] = [
    ['field.fullName', titleCaseVi(h.fullName)],
    ['field.idNumber', h.idNumber],
    ['field.dateOfBirth', isoToDisplay(h.dateOfBirth)],
    ['field.sex', h.sex ? t(`sex.${h.sex}`) : null],
    ['field.nationality', h.nationality],
    ['field.ethnicity', h.ethnicity],
    ['field.placeOfOrigin', h.placeOfOrigin],
    ['field.placeOfResidence', h.placeOfResidence],
    ['field.dateOfIssue', isoToDisplay(h.dateOfIssue)],
    ['field.dateOfExpiry', h.dateOfExpiry ? isoToDisplay(h.dateOfExpiry) : t('field.noExpiry')],
  ];
  return (
    <div className="identity">
      <div className="identity-photo">
        {props.identity.photoDataUrl ? <img className="photo" src={props.identity.photoDataUrl} alt={t('identity.photoAlt')} /> : <div className="photo">{t('identity.noPhoto')}</div>}
        {props.identity.demo && <div className="demo-stamp">THẺ MẪU</div>}
      </div>
      <dl className="identity-fields" data-testid="identity-fields">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="kv">
              <dt>{t(k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <VerdictPanel identity={props.identity} />
    </div>
  );
}
