import { useEffect, useState } from 'react';
import type { ApiClient, CentreStatus } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';

const hhmm = (iso: string): string => new Date(iso).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' });

/** The sync state in words, as the counter header shows it ("Đã đồng bộ", "Chờ gửi 12 hồ sơ — mất kết nối từ 09:40"). */
export function centreStateText(s: CentreStatus, t: ReturnType<typeof useI18n>['t']): string | null {
  switch (s.phase) {
    case 'standalone':
      return null;
    case 'refused':
      return t('centre.state.refused');
    case 'offline':
      return s.pending > 0 ? t('centre.state.offline', { n: s.pendingDossiers, time: hhmm(s.offlineSince ?? new Date().toISOString()) }) : t('centre.state.offlineNone', { time: hhmm(s.offlineSince ?? new Date().toISOString()) });
    case 'starting':
      return t('centre.state.starting');
    default:
      // 'syncing' flickers on every exchange; words change only when something waits.
      return s.pending > 0 ? t('centre.state.pending', { n: s.pendingDossiers }) : s.lastSyncAt ? t('centre.state.synced') : t('centre.state.syncing');
  }
}

/**
 * Where a dossier was made, as people call the machines ("Quầy 2", "Kiosk 1"): this PC, a device of the centre by
 * its enrolment name, or — for a device this PC has not heard of yet — the start of its id.
 */
export function deviceLabel(origin: string | undefined, s: CentreStatus | null, t: ReturnType<typeof useI18n>['t']): string {
  if (!origin || origin === s?.deviceId) return t('counter.thisDevice');
  const d = s?.devices?.find((x) => x.id === origin);
  if (!d) return t('counter.otherDevice', { id: origin.slice(0, 8) });
  return d.revoked ? t('counter.revokedDevice', { name: d.name }) : d.name;
}

/** Live centre status for counter screens; null until known. Standalone PCs show nothing. */
export function useCentreStatus(api: ApiClient, token: string): CentreStatus | null {
  const [s, setS] = useState<CentreStatus | null>(null);
  useEffect(() => {
    api.call('centre.status', {}, token).then(setS, () => undefined);
    return api.on('centre.status', setS);
  }, [api, token]);
  return s;
}

/** Counter header: where this PC stands with the centre. Never on the kiosk: citizens are not told about sync. */
export function CentreSyncState(props: { api: ApiClient; token: string }) {
  const { t } = useI18n();
  const s = useCentreStatus(props.api, props.token);
  const text = s && centreStateText(s, t);
  if (!s || !text) return null;
  const tone = s.phase === 'refused' ? 'invalid' : s.phase === 'offline' || s.pending > 0 ? 'warn' : 'ok';
  return (
    <span className={`centre-state centre-state-${tone}`} role="status" data-testid="centre-state" data-phase={s.phase}>
      {text}
    </span>
  );
}
