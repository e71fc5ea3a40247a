import type { CardIdentity } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import { IdentityView } from './IdentityView';

/**
 * The card's data and what the checks proved. A card that failed a check does not go on by itself: the citizen is
 * told plainly to go to the counter; the clerk's override (logged in the audit trail) is the secondary way on.
 */
export function IdentityScreen(props: { identity: CardIdentity; invalid: boolean; overriddenBy: string | null; onStartOver: () => void; onOverride: () => void; onChoose: () => void }) {
  const { t } = useI18n();
  const blocked = props.invalid && !props.overriddenBy;
  return (
    <main className="screen identity-screen">
      <h1>{t('identity.title')}</h1>
      <IdentityView identity={props.identity} />
      {props.overriddenBy && (
        <p className="notice" role="status">
          {t('identity.overridden', { name: props.overriddenBy })}
        </p>
      )}
      {blocked ? (
        <p className="lead go-to-counter" data-testid="go-to-counter">
          {t('identity.goToCounter')}
        </p>
      ) : (
        <p className="help">{t('identity.keepCard')}</p>
      )}
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onStartOver}>
          {t(blocked ? 'identity.done' : 'common.startOver')}
        </button>
        {blocked ? (
          <button type="button" className="btn btn-secondary" onClick={props.onOverride}>
            {t('identity.override')}
          </button>
        ) : (
          <button type="button" className="btn btn-primary big" onClick={props.onChoose}>
            {t('identity.choose')}
          </button>
        )}
      </div>
    </main>
  );
}
