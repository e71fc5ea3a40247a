/** The last few calls, newest first (a citizen who looked away a moment still finds their number). */
import type { DisplayView } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import { clockTime } from './clock';

/** As many as fit beside four waiting groups on a 16:9 screen (sizes follow the screen height). */
const SHOWN = 4;

export function RecentCalls({ recent }: { recent: DisplayView['recent'] }) {
  const { t, lang } = useI18n();
  return (
    <section className="display-panel display-recent" aria-labelledby="display-recent-title">
      <h2 id="display-recent-title">{t('display.recent')}</h2>
      {recent.length === 0 ? (
        <p className="display-empty">{t('display.noCalls')}</p>
      ) : (
        <ol className="display-list">
          {recent.slice(0, SHOWN).map((c, i) => (
            <li key={`${c.at}-${c.counter}-${c.label}-${i}`} aria-label={t('display.recentItem', { label: c.label, counter: c.counter, time: clockTime(c.at, lang) })}>
              <span className="display-list-number" aria-hidden="true">{c.label}</span>
              <span className="display-list-arrow" aria-hidden="true">→</span>
              <span className="display-list-counter" aria-hidden="true">
                {t('display.counter', { counter: c.counter })}
                {c.kind === 'recall' ? <span className="display-recall"> ({t('display.recall')})</span> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
