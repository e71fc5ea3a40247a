/** How many people wait in each procedure group. */
import type { DisplayView } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';

export function WaitingByGroup({ groups }: { groups: DisplayView['waitingByGroup'] }) {
  const { t } = useI18n();
  const total = groups.reduce((n, g) => n + g.waiting, 0);
  return (
    <section className="display-panel display-waiting" aria-labelledby="display-waiting-title">
      <h2 id="display-waiting-title">{t('display.waiting')}</h2>
      {total === 0 ? (
        <p className="display-empty">{t('display.waitingNone')}</p>
      ) : (
        <ul className="display-list">
          {groups.map((g) => (
            <li key={g.groupId} data-group={g.groupId}>
              <span className="display-group">{g.label}</span>
              <span className="display-group-count">{t('display.waitingCount', { n: g.waiting })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
