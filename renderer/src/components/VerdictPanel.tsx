import { useState } from 'react';
import type { CardIdentity, Verdict } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const ICON: Record<Verdict, string> = { VALID: '✔', INVALID: '✖', UNTRUSTED: '?', NOT_SUPPORTED: '–', NOT_CHECKED: '–' };
/** What each data group holds, in the citizen's words (ICAO 9303-10 §4.7; DG13 is Vietnam's personal data). */
const DG_NAMES: Record<string, MessageKey> = { '1': 'check.dg.DG1', '2': 'check.dg.DG2', '13': 'check.dg.DG13', '14': 'check.dg.DG14', '15': 'check.dg.DG15' };

/** A data group's words; the verification names them "13" (the card reader) or "DG13" (older results). */
function dataGroupName(t: ReturnType<typeof useI18n>['t'], dg: string): string {
  const n = dg.replace(/^DG/, '');
  const key = DG_NAMES[n];
  return key ? t(key) : t('check.dg.other', { dg: n });
}

/**
 * One sentence that says what the checks proved and what to do next; the per-check list (ICAO 9303-11 PA, CA, AA and
 * each data group's hash) behind "Chi tiết", each line a plain positive statement with "đạt" / "không đạt".
 * The words say what the chip check showed, never that the citizen was authenticated: "xác thực điện tử" is the
 * government identification system's term (Luật Căn cước 26/2023/QH15, Art. 3(16)).
 */
export function VerdictPanel(props: { identity: CardIdentity }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const v = props.identity.verification;
  const overall = props.identity.overall;
  const banner: MessageKey = props.identity.demo && overall === 'VALID' ? 'verdict.plain.demo' : (`verdict.plain.${overall}` as MessageKey);
  const rows: { label: string; verdict: Verdict }[] = [
    { label: t('check.accessControl'), verdict: 'VALID' },
    { label: t('check.passive'), verdict: v.passive },
    { label: t('check.chipAuthentication'), verdict: v.chipAuthentication },
    { label: t('check.activeAuthentication'), verdict: v.activeAuthentication },
    // DG3 (fingerprints) is EAC-protected and never read: a NOT_CHECKED data group is noise for citizens.
    ...Object.entries(v.dataGroups)
      .filter(([, verdict]) => verdict !== 'NOT_CHECKED')
      .map(([dg, verdict]) => ({ label: t('check.dataGroup', { what: dataGroupName(t, dg) }), verdict })),
  ];
  return (
    <section aria-labelledby="checks-title" className="verdicts">
      <h3 id="checks-title" className="sr-only">
        {t('identity.checks')}
      </h3>
      <div className={`banner banner-${overall.toLowerCase()}`} role={overall === 'INVALID' ? 'alert' : 'status'} data-testid="verdict-banner">
        {t(banner)}
      </div>
      <button type="button" className="btn btn-ghost details-toggle" aria-expanded={open} aria-controls="check-list" onClick={() => setOpen(!open)}>
        {t(open ? 'verdict.hideDetails' : 'verdict.details')}
      </button>
      {open && (
        <ul className="checks" id="check-list" data-testid="check-list">
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
      )}
    </section>
  );
}
