import { useEffect, useState } from 'react';
import type { ApiClient, AppSettings } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { fromDraft, removeGroup, toDraft, validateDraft, type DraftErrors, type QueueChoice, type QueueDraft } from './queueSettingsRules';
import './queueSettings.css';

/**
 * The administrator's queue settings: this PC's kiosk number (its offline ticket block K<n>-nnn), the procedure
 * groups (name, which kiosk choices land in each, which counters call each) and the no-show policy. Its own form,
 * saved with settings.set on its own keys only; `onSaved` hands the saved values to the enclosing settings view so
 * its own Save does not send back the old groups.
 */
export function QueueSettings(props: { api: ApiClient; token: string; onError: (e: unknown) => void; onSaved?: (s: AppSettings) => void }) {
  const { t } = useI18n();
  const { api, token, onError, onSaved } = props;
  const [d, setD] = useState<QueueDraft | null>(null);
  const [centre, setCentre] = useState(false);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [msg, setMsg] = useState<{ ok: boolean; key: MessageKey } | null>(null);
  useEffect(() => {
    api.call('settings.get', {}).then((s) => setD(toDraft(s.queueGroups, s.queueKiosk)), onError);
    api.call('queue.info', {}).then((i) => setCentre(i.centre), () => undefined);
  }, [api, onError]);
  if (!d) return null;

  const edit = (next: QueueDraft) => {
    setD(next);
    setMsg(null);
    // Once a save was refused, the marks follow the edits so a corrected field clears at once.
    if (Object.keys(errors).length) setErrors(validateDraft(next));
  };
  const err = (k: string) => errors[k];
  const note = (k: string) => {
    const e = err(k);
    return e ? (
      <p className="field-note" id={`qs-${k}-err`}>
        {t(e)}
      </p>
    ) : null;
  };
  const described = (k: string, help?: string) => [err(k) ? `qs-${k}-err` : '', help ?? ''].filter(Boolean).join(' ') || undefined;
  const choiceName = (c: QueueChoice) => (c === 'OTHER' ? t('qs.other') : t(`form.short.${c}` as MessageKey));
  const num = (k: 'kiosk' | 'noShowMinutes' | 'noShowMax', label: MessageKey, help?: string) => (
    <div className={`field${err(k) ? ' field-issue' : ''}`}>
      <label htmlFor={`qs-${k}`}>{t(label)}</label>
      <input id={`qs-${k}`} inputMode="numeric" value={d[k]} aria-invalid={!!err(k)} aria-describedby={described(k, help)} onChange={(e) => edit({ ...d, [k]: e.target.value })} />
      {note(k)}
    </div>
  );

  const save = () => {
    const found = validateDraft(d);
    setErrors(found);
    if (Object.keys(found).length) {
      setMsg({ ok: false, key: 'qs.notSaved' });
      return;
    }
    api.call('settings.set', { settings: fromDraft(d) }, token).then(
      (s) => {
        setD(toDraft(s.queueGroups, s.queueKiosk));
        setMsg({ ok: true, key: 'qs.saved' });
        onSaved?.(s);
      },
      (e: unknown) => {
        // The same rules run here first, so a refusal means the rules drifted: say it in words, nothing was saved.
        if ((e as { code?: string }).code === 'INVALID_INPUT') setMsg({ ok: false, key: 'qs.err.server' });
        else onError(e);
      },
    );
  };

  return (
    <section className="queue-settings" aria-labelledby="qs-title">
      <h2 id="qs-title">{t('qs.title')}</h2>
      <p className="help">{t('qs.help')}</p>
      <p className={centre ? 'notice' : 'help'} data-testid="qs-centre-help">
        {centre ? `${t('qs.centreOn')} ` : ''}
        {t('qs.centreHelp')}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="qs-row">
          {num('kiosk', 'qs.kiosk', 'qs-kiosk-help')}
          {num('noShowMinutes', 'qs.noShowMinutes', 'qs-noshow-help')}
          {num('noShowMax', 'qs.noShowMax', 'qs-noshow-help')}
        </div>
        <p className="help" id="qs-kiosk-help">
          {t('qs.kioskHelp', { n: d.kiosk.trim() || '1' })}
        </p>
        <p className="help" id="qs-noshow-help">
          {t('qs.noShowHelp')}
        </p>
        <h3>{t('qs.groups')}</h3>
        <p className="help" id="qs-groups-help">
          {t('qs.groupsHelp')}
        </p>
        {err('groups') && <p className="error">{t(err('groups')!)}</p>}
        <div className="qs-groups">
          {d.groups.map((g, i) => {
            const n = i + 1;
            const set = (patch: Partial<typeof g>) => edit({ ...d, groups: d.groups.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            const field = (k: 'id' | 'label' | 'counters', label: MessageKey) => (
              <div className={`field qs-${k}${err(`g.${i}.${k}`) ? ' field-issue' : ''}`}>
                <label htmlFor={`qs-g${i}-${k}`}>{t(label)}</label>
                <input id={`qs-g${i}-${k}`} value={g[k]} aria-invalid={!!err(`g.${i}.${k}`)} aria-describedby={described(`g.${i}.${k}`, 'qs-groups-help')} onChange={(e) => set({ [k]: e.target.value })} />
                {note(`g.${i}.${k}`)}
              </div>
            );
            return (
              <fieldset key={i} className="qs-group" data-testid={`qs-group-${n}`}>
                <legend>{`${t('qs.group', { n })}${g.label.trim() ? `: ${g.label.trim()}` : ''}`}</legend>
                {field('label', 'qs.groupLabel')}
                {field('id', 'qs.groupId')}
                {field('counters', 'qs.groupCounters')}
                <button type="button" className="btn btn-secondary qs-remove" onClick={() => edit(removeGroup(d, i))}>
                  {t('qs.removeGroup', { n })}
                </button>
              </fieldset>
            );
          })}
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => edit({ ...d, groups: [...d.groups, { id: `NHOM_${d.groups.length + 1}`, label: '', counters: '' }] })}>
          {t('qs.addGroup')}
        </button>
        <h3>{t('qs.choices')}</h3>
        <div className="qs-choices">
          {d.choices.map((c, ci) => (
            <div key={c.choice} className={`field${err(`c.${c.choice}`) ? ' field-issue' : ''}`}>
              <label htmlFor={`qs-c-${c.choice}`}>{t('qs.choiceGroup', { choice: choiceName(c.choice) })}</label>
              <select
                id={`qs-c-${c.choice}`}
                value={c.group === null ? '' : String(c.group)}
                aria-invalid={!!err(`c.${c.choice}`)}
                aria-describedby={described(`c.${c.choice}`)}
                onChange={(e) => edit({ ...d, choices: d.choices.map((x, j) => (j === ci ? { ...x, group: e.target.value === '' ? null : Number(e.target.value) } : x)) })}
              >
                <option value="">{t('qs.noGroupOption')}</option>
                {d.groups.map((g, i) => (
                  <option key={i} value={String(i)}>
                    {`${t('qs.group', { n: i + 1 })}: ${g.label.trim() || g.id}`}
                  </option>
                ))}
              </select>
              {note(`c.${c.choice}`)}
            </div>
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t('qs.save')}
          </button>
        </div>
        {msg && (
          <p className={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'} data-testid="qs-msg">
            {t(msg.key)}
          </p>
        )}
      </form>
    </section>
  );
}
