import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** A column: its heading's message key, and a class for its cells' alignment (e.g. "num"). */
export type Column = MessageKey | { key: MessageKey; className?: string };

/** A table's heading row from message keys: one `<th scope="col">` per column, for screen readers' cell headers. */
export function ColumnHeads(props: { columns: readonly Column[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {props.columns.map((c) => {
          const { key, className } = typeof c === 'string' ? { key: c, className: undefined } : c;
          return (
            <th scope="col" key={key} className={className}>
              {t(key)}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
