/** The number each counter is serving now. */
import type { DisplayView } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';

export function ServingBoard({ current }: { current: DisplayView['current'] }) {
  const { t } = useI18n();
  const rows = [...current].sort((a, b) => a.counter - b.counter);
  return (
    <section className="display-panel display-serving" aria-labelledby="display-serving-title">
      <h2 id="display-serving-title">{t('display.serving')}</h2>
      {rows.length === 0 ? (
        <p className="display-empty">{t('display.servingNone')}</p>
      ) : (
        <ul className="display-serving-grid">
          {rows.map((c) => (
            <li key={c.counter} className="display-serving-item" data-counter={c.counter} aria-label={t('display.servingItem', { counter: c.counter, label: c.label })}>
              <span className="display-serving-counter" aria-hidden="true">{t('display.counter', { counter: c.counter })}</span>
              <span className="display-serving-number" aria-hidden="true">{c.label}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
