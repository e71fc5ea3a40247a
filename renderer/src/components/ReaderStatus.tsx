import type { CardStatus } from '../../../src/api/contract';
import { CARD_ERROR_TO_API } from '../../../src/api/errorCodes';
import { errorKey, useI18n } from '../i18n/i18n';


/** One line per reader state (anchors.md §D: DigiDoc4's NoPCSC / NoReader / NoCard / Loading states). */
export function ReaderStatus(props: { status: CardStatus | null; compact?: boolean }) {
  const { t } = useI18n();
  const s = props.status?.state;
  if (!s) return null;
  const text =
    s.state === 'service-down'
      ? t('reader.service-down', { reason: s.reason })
      : s.state === 'no-reader'
        ? t('reader.no-reader')
        : s.state === 'error'
          ? t('reader.error', { message: t(errorKey(CARD_ERROR_TO_API[s.code] ?? 'INTERNAL')) })
          : t(`reader.${s.state}`, { reader: s.reader });
  const tone = s.state === 'card-present' || s.state === 'reading' ? 'ok' : s.state === 'no-card' ? 'neutral' : 'bad';
  return (
    <div className={`reader-status reader-${tone}${props.compact ? ' compact' : ''}`} role="status" aria-live="polite" data-state={s.state}>
      {!props.compact && <strong>{t('reader.title')}: </strong>}
      {text}
    </div>
  );
}
