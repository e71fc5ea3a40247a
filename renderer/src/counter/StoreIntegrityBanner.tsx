import { useEffect, useState } from 'react';
import type { ApiClient, StoreIntegrity } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';

/**
 * The store's background integrity check, for the clerks: nothing while it is fine; a damaged file names the
 * backup to restore from (`motcua restore`), a check that could not run says it will be tried again.
 */
export function StoreIntegrityBanner(props: { api: ApiClient; token: string }) {
  const { t } = useI18n();
  const [s, setS] = useState<StoreIntegrity | null>(null);
  useEffect(() => {
    props.api.call('store.integrity', {}, props.token).then(setS, () => undefined);
    return props.api.on('store.integrity', setS);
  }, [props.api, props.token]);
  if (!s || (s.state !== 'damaged' && s.state !== 'check_failed')) return null;
  const text = s.state === 'damaged' ? t('integrity.damaged', { backup: s.latestBackup ?? '—' }) : t('integrity.checkFailed', { problem: s.problems[0] ?? '—' });
  return (
    <div className="banner banner-invalid" role="alert" data-testid="store-integrity" data-state={s.state}>
      {text}
    </div>
  );
}
