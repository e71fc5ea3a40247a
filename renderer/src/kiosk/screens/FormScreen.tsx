import type { FieldIssue, FilledForm, FormDefinition } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import { FieldEditor } from '../../components/FieldEditor';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { isLatinField, isMultilineField, isNumericField } from '../../lib/fields';

/**
 * The problems the review shows: one per field, and only for fields on the form, so the count in the banner is the
 * number of red notes the citizen can see.
 */
export function visibleIssues(filled: FilledForm, issues: FieldIssue[]): FieldIssue[] {
  const keys = new Set(filled.fields.map((f) => f.key));
  const seen = new Set<string>();
  return issues.filter((i) => keys.has(i.key) && !seen.has(i.key) && seen.add(i.key));
}

/** The pre-filled form (editing, with the on-screen keyboard) and the review of the same fields (read-only). */
export function FormScreen(props: {
  def: FormDefinition;
  filled: FilledForm;
  issues: FieldIssue[];
  reviewing: boolean;
  active: string | null;
  busy: boolean;
  onFocus: (key: string | null) => void;
  onEdit: (key: string, value: string) => void;
  onReview: () => void;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const { def, filled, reviewing } = props;
  const editing = reviewing ? null : props.active;
  const issues = visibleIssues(filled, props.issues);
  return (
    <main className={`screen form-screen${editing ? ' with-keyboard' : ''}${reviewing ? ' reviewing' : ''}`}>
      <div className="form-head">
        <h1>{reviewing ? t('review.title') : t('form.title')}</h1>
        <p className="form-name">{def.title}</p>
      </div>
      {!reviewing && <p className="help">{t('form.help')}</p>}
      {reviewing && issues.length > 0 && (
        <p className="banner banner-invalid" role="alert" data-testid="issue-count">
          {t('form.issues', { n: issues.length })}
        </p>
      )}
      <div className="form-scroll">
        <FieldEditor def={def} fields={filled.fields} issues={issues} editor="citizen" active={props.active} readOnly={reviewing} onFocus={props.onFocus} onChange={props.onEdit} />
      </div>
      {editing && (
        <OnScreenKeyboard
          layout={isNumericField(def, editing) ? 'numeric' : isLatinField(def, editing) ? 'plain' : 'text'}
          multiline={isMultilineField(def, editing)}
          value={filled.fields.find((f) => f.key === editing)?.value ?? ''}
          onChange={(v) => props.onEdit(editing, v)}
          onDone={() => props.onFocus(null)}
        />
      )}
      {!editing && (
        <div className="actions actions-bottom">
          <button type="button" className="btn btn-secondary" onClick={props.onBack}>
            {reviewing ? t('review.edit') : t('common.startOver')}
          </button>
          {reviewing ? (
            <button type="button" className="btn btn-primary big" disabled={props.busy || issues.length > 0} onClick={props.onConfirm}>
              {t('review.confirm')}
            </button>
          ) : (
            <button type="button" className="btn btn-primary big" onClick={props.onReview}>
              {t('form.review')}
            </button>
          )}
        </div>
      )}
    </main>
  );
}
