import type { CardIdentity, Verdict } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const ICON: Record<Verdict, string> = { VALID: '✔', INVALID: '✖', UNTRUSTED: '?', NOT_SUPPORTED: '–', NOT_CHECKED: '–' };

/** Overall banner plus one plain-language line per check (ICAO 9303-11 PA/CA/AA, per data group). */
export function VerdictPanel(props: { identity: CardIdentity }) {
  const { t } = useI18n();
  const v = props.identity.verification;
  const banner: Record<CardIdentity['overall'], MessageKey> = { VALID: 'identity.valid', INVALID: 'identity.invalid', UNTRUSTED: 'identity.untrusted', INCOMPLETE: 'identity.incomplete' };
  const rows: { label: string; verdict: Verdict }[] = [
    { label: t('check.accessControl'), verdict: 'VALID' },
    { label: t('check.passive'), verdict: v.passive },
    { label: t('check.chipAuthentication'), verdict: v.chipAuthentication },
    { label: t('check.activeAuthentication'), verdict: v.activeAuthentication },
    // DG3 (fingerprints) is EAC-protected and never read: a NOT_CHECKED data group is noise for citizens.
    ...Object.entries(v.dataGroups)
      .filter(([, verdict]) => verdict !== 'NOT_CHECKED')
      .map(([dg, verdict]) => ({ label: t('check.dataGroup', { dg: dg.replace(/^DG/, '') }), verdict })),
  ];
  return (
    <section aria-labelledby="checks-title" className="verdicts">
      <div className={`banner banner-${props.identity.overall.toLowerCase()}`} role={props.identity.overall === 'INVALID' ? 'alert' : 'status'} data-testid="verdict-banner">
        {t(banner[props.identity.overall])}
      </div>
      <h3 id="checks-title">{t('identity.checks')}</h3>
      <ul className="checks">
        {rows.map((r) => (
          <li key={r.label} className={`check check-${r.verdict.toLowerCase()}`}>
            <span aria-hidden="true" className="check-icon">
              {ICON[r.verdict]}
            </span>
            <span className="check-label">{r.label}</span>
            <span className="check-verdict">{t(`verdict.${r.verdict}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
