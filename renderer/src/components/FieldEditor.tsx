import type { FieldIssue, FilledField, FormDefinition, Provenance } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

import { isNumericField } from '../lib/fields';

export function ProvenanceBadge(props: { provenance: Provenance }) {
  const { t } = useI18n();
  return <span className={`prov prov-${props.provenance}`}>{t(`form.prov.${props.provenance}` as MessageKey)}</span>;
}

/**
 * The pre-filled form, grouped by the official section headings, each field with its provenance mark
 * ("từ chip", "suy ra", "người dân khai", "cán bộ sửa"). Editing a value changes its provenance to the editor's.
 */
export function FieldEditor(props: {
  def: FormDefinition;
  fields: FilledField[];
  issues: FieldIssue[];
  editor: 'citizen' | 'clerk';
  active: string | null;
  onFocus: (key: string) => void;
  onChange: (key: string, value: string) => void;
  readOnly?: boolean;
}) {
  const { t, lang } = useI18n();
  const groups = [...new Set(props.fields.map((f) => f.group))];
  const defOf = (key: string) => props.def.fields.find((f) => f.key === key);
  return (
    <div className="form-fields">
      {groups.map((g) => (
        <fieldset key={g} className="form-group">
          <legend>{g}</legend>
          {props.fields
            .filter((f) => f.group === g)
            .map((f) => {
              const d = defOf(f.key);
              const issue = props.issues.find((i) => i.key === f.key);
              const id = `field-${f.key}`;
              const label = lang === 'en' && d?.labelEn ? d.labelEn : f.label;
              // The catalogue's help and examples, under the field being edited (where the citizen is looking).
              const help = props.active === f.key && !props.readOnly ? d?.help : undefined;
              return (
                <div key={f.key} className={`field${props.active === f.key ? ' field-active' : ''}${issue ? ' field-issue' : ''}`} data-field={f.key}>
                  <label htmlFor={id}>
                    {label}
                    {d?.validation?.required && <span className="req"> ({t('form.required')})</span>}
                  </label>
                  <ProvenanceBadge provenance={f.provenance} />
                  {d?.options ? (
                    <select id={id} value={f.value} disabled={props.readOnly} onChange={(e) => props.onChange(f.key, e.target.value)} aria-invalid={!!issue}>
                      <option value="">—</option>
                      {d.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <TextInput
                      id={id}
                      multiline={d?.type === 'textarea'}
                      value={f.value}
                      readOnly={props.readOnly}
                      inputMode={isNumericField(props.def, f.key) ? 'numeric' : 'text'}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={!!issue}
                      aria-describedby={[issue || f.attention ? `${id}-note` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined}
                      onFocus={(e) => {
                        // Review: read-only values stay focusable for screen readers but open no keyboard.
                        if (props.readOnly) return;
                        props.onFocus(f.key);
                        // The keyboard takes the lower half: keep the edited field in sight.
                        setTimeout(() => e.target.scrollIntoView?.({ block: 'center' }), 50);
                      }}
                      onChange={(e) => props.onChange(f.key, e.target.value.normalize('NFC'))}
                    />
                  )}
                  {help && (
                    <p id={`${id}-help`} className="field-help">
                      {help}
                    </p>
                  )}
                  {(issue || f.attention) && (
                    <p id={`${id}-note`} className="field-note" role={issue ? 'alert' : undefined}>
                      {issue?.message ?? `${t('form.attention')}: ${f.attention}`}
                    </p>
                  )}
                  {f.choices && f.choices.length > 0 && !props.readOnly && (
                    <div className="choices">
                      {f.choices.map((c) => (
                        <button key={c} type="button" className={`btn btn-choice${c === f.value ? ' active' : ''}`} aria-pressed={c === f.value} onClick={() => props.onChange(f.key, c)}>
                          {t('form.choice', { value: c })}
                        </button>
                      ))}
                    </div>
                  )}
                </div>
              );
            })}
        </fieldset>
      ))}
    </div>
  );
}


type TextProps = React.InputHTMLAttributes<HTMLInputElement> & React.TextareaHTMLAttributes<HTMLTextAreaElement>;

/** One line, or several for one-entry-per-line fields; a textarea wraps long values instead of cutting them off. */
function TextInput(props: TextProps & { multiline: boolean; readOnly?: boolean }) {
  const { multiline, ...rest } = props;
  const lines = Math.min(6, Math.max(2, String(rest.value ?? '').split('\n').length + 1));
  return multiline || (props.readOnly && String(rest.value ?? '').length > 40) ? <textarea rows={multiline ? lines : 2} {...(rest as React.TextareaHTMLAttributes<HTMLTextAreaElement>)} /> : <input {...(rest as React.InputHTMLAttributes<HTMLInputElement>)} />;
}
