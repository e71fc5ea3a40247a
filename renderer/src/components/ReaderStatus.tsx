import type { CardStatus } from '../../../src/api/contract';
import { errorKey, useI18n } from '../i18n/i18n';

/**
 * The card service's error codes → the API's (same wording as card.read errors). Twin of CARD_CODES in
 * src/api/core.ts on purpose: a value import from the contract module would bundle zod (~90 KB) into the renderer.
 */
const CARD_TO_API: Record<string, string> = {
  ACCESS_DENIED: 'CARD_ACCESS_DENIED',
  CARD_REMOVED: 'CARD_REMOVED',
  NO_READER: 'CARD_NO_READER',
  NO_SERVICE: 'CARD_NO_SERVICE',
  TIMEOUT: 'CARD_TIMEOUT',
  MALFORMED_CARD: 'CARD_MALFORMED',
  CANCELLED: 'CARD_CANCELLED',
};

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
          ? t('reader.error', { message: t(errorKey(CARD_TO_API[s.code] ?? 'INTERNAL')) })
          : t(`reader.${s.state}`, { reader: s.reader });
  const tone = s.state === 'card-present' || s.state === 'reading' ? 'ok' : s.state === 'no-card' ? 'neutral' : 'bad';
  return (
    <div className={`reader-status reader-${tone}${props.compact ? ' compact' : ''}`} role="status" aria-live="polite" data-state={s.state}>
      {!props.compact && <strong>{t('reader.title')}: </strong>}
      {text}
    </div>
  );
}
