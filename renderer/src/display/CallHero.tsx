/** The newest call, as large as the screen allows: "17 → Quầy 2", with the sentence the loudspeaker reads. */
import { useI18n } from '../i18n/i18n';

export interface LatestCall {
  counter: number;
  label: string;
  kind: 'call' | 'recall';
  /** Changes with every call, so the same number called again flashes again. */
  seq: number;
}

export function CallHero({ call }: { call: LatestCall | null }) {
  const { t } = useI18n();
  return (
    <section className="display-hero" aria-labelledby="display-hero-title">
      <h2 id="display-hero-title" className="display-hero-title">
        {call?.kind === 'recall' ? t('display.recallLatest') : t('display.latest')}
      </h2>
      {call ? (
        <div key={call.seq} className="display-hero-call flash" data-testid="display-latest" role="status" aria-live="assertive" aria-atomic="true">
          <p className="display-hero-line" aria-hidden="true">
            <span className="display-hero-number">{call.label}</span>
            <span className="display-hero-arrow">→</span>
            <span className="display-hero-counter">{t('display.counter', { counter: call.counter })}</span>
          </p>
          <p className="display-hero-caption">{t('display.caption', { label: call.label, counter: call.counter })}</p>
        </div>
      ) : (
        <p className="display-hero-empty" role="status">
          {t('display.noCalls')}
        </p>
      )}
    </section>
  );
}
