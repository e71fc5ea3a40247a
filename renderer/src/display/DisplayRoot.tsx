/** The hall display's page root: its own connection and language (?lang=en), none of the kiosk's or counter's state. */
import { useEffect, useMemo, useState } from 'react';
import { I18nContext, makeT } from '../i18n/i18n';
import type { Lang } from '../i18n/messages';
import type { WsClient } from '../api/client';
import { DisplayApp } from './DisplayApp';

export function DisplayRoot({ api, lang: initial }: { api: WsClient; lang: Lang }) {
  const [lang, setLang] = useState<Lang>(initial);
  const i18n = useMemo(() => ({ lang, t: makeT(lang), setLang }), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <I18nContext.Provider value={i18n}>
      <DisplayApp api={api} />
    </I18nContext.Provider>
  );
}
