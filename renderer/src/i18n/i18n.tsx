import { createContext, useContext } from 'react';
import { catalogues, format, type Lang, type MessageKey } from './messages';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function makeT(lang: Lang): T {
  return (key, vars) => format(catalogues[lang][key] ?? key, vars);
}

export const I18nContext = createContext<{ lang: Lang; t: T; setLang: (l: Lang) => void }>({ lang: 'vi', t: makeT('vi'), setLang: () => undefined });

export function useI18n(): { lang: Lang; t: T; setLang: (l: Lang) => void } {
  return useContext(I18nContext);
}

/** Message key of an API error code, falling back to INTERNAL for unknown codes. */
export function errorKey(code: string | undefined): MessageKey {
  const k = `error.${code ?? 'INTERNAL'}`;
  return (k in catalogues.vi ? k : 'error.INTERNAL') as MessageKey;
}
