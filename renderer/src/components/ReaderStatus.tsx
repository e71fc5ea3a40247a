import type { CardStatus } from '../../../src/api/contract';
import { CARD_ERROR_TO_API } from '../../../src/api/errorCodes';
import { errorKey, useI18n } from '../i18n/i18n';

/**
 * The reader in use, when the machine has more than one (a kiosk PC with a contact and a contactless reader, say):
 * the status is about the chosen reader only, so without its name a clerk cannot tell which one to put the card on.
 */
export function activeReaderName(status: CardStatus | null): string | null {
  const s = status?.state;
  if (!status || !s || s.state === 'service-down' || s.state === 'no-reader' || !s.reader) return null;
  return (status.machineReaders ?? status.readers).length > 1 ? s.reader : null;
}

/** One line per reader state (anchors.md §D: DigiDoc4's NoPCSC / NoReader / NoCard / Loading states). */
export function ReaderStatus(props: { status: CardStatus | null; compact?: boolean }) {
  const { t } = useI18n();
  const s = props.status?.state;
  if (!s) return null;
  const tone = s.state === 'card-present' || s.state === 'reading' ? 'ok' : s.state === 'no-card' ? 'neutral' : 'bad';
  const active = props.compact ? activeReaderName(props.status) : null;
  const text =
    s.state === 'service-down'
      ? t('reader.service-down', { reason: s.reason })
      : s.state === 'no-reader'
        ? t('reader.no-reader')
        : s.state === 'error'
          ? t('reader.error', { message: t(errorKey(CARD_ERROR_TO_API[s.code] ?? 'INTERNAL')) })
          : // In the header with several readers the name comes first, then the state in a few words.
            active
            ? t(`reader.short.${s.state}`)
            : t(`reader.${s.state}`, { reader: s.reader });
  return (
    <div className={`reader-status reader-${tone}${props.compact ? ' compact' : ''}`} role="status" aria-live="polite" data-state={s.state}>
      {!props.compact && <strong>{t('reader.title')}: </strong>}
      {active && (
        <>
          <span data-testid="active-reader">{t('reader.active', { reader: active })}</span>
          {' — '}
        </>
      )}
      {text}
    </div>
  );
}

/** Only the name of the reader in use (several readers), for a header whose full reader status is shown elsewhere. */
export function ActiveReader(props: { status: CardStatus | null }) {
  const { t } = useI18n();
  const active = activeReaderName(props.status);
  if (!active) return null;
  return (
    <div className="reader-status compact reader-neutral" data-testid="active-reader">
      {t('reader.active', { reader: active })}
    </div>
  );
}
