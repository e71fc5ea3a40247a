import { useEffect, useMemo, useState } from 'react';
import type { ApiClient, AppInfo } from '../../src/api/contract';
import { I18nContext, makeT } from './i18n/i18n';
import type { Lang } from './i18n/messages';
import { KioskApp } from './kiosk/KioskApp';
import { CounterApp } from './counter/CounterApp';

export interface AppOptions {
  mode: 'kiosk' | 'counter' | null;
  /** Idle timeout override in ms (tests: ?idle=3000). */
  idleMs: number | null;
  lang: Lang;
}

export function optionsFromUrl(search: string): AppOptions {
  const q = new URLSearchParams(search);
  const mode = q.get('mode');
  const idle = Number(q.get('idle'));
  return { mode: mode === 'counter' || mode === 'kiosk' ? mode : null, idleMs: Number.isFinite(idle) && idle > 0 ? idle : null, lang: q.get('lang') === 'en' ? 'en' : 'vi' };
}

export function App(props: { api: ApiClient | null; options: AppOptions }) {
  const [lang, setLang] = useState<Lang>(props.options.lang);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [failed, setFailed] = useState(false);
  const i18n = useMemo(() => ({ lang, t: makeT(lang), setLang }), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    props.api?.call('app.info', {}).then(setInfo, () => setFailed(true));
  }, [props.api]);
  const t = i18n.t;
  let body: React.ReactNode;
  if (!props.api || failed) body = <p className="screen lead" role="alert">{t('app.disconnected')}</p>;
  else if (!info) body = <p className="screen lead" role="status">{t('app.connecting')}</p>;
  else {
    const mode = props.options.mode ?? info.mode;
    const idleMs = props.options.idleMs ?? info.idleSeconds * 1000;
    body = mode === 'counter' ? <CounterApp api={props.api} info={info} idleMs={idleMs} /> : <KioskApp api={props.api} info={info} idleMs={idleMs} />;
  }
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}
