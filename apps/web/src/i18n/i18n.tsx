import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { catalogueId, type MessageKey } from './catalogue';

export type Locale = 'id' | 'en';
/** Indonesian is in the app's script; English is loaded when chosen (loadLanguage). */
const catalogues: Partial<Record<Locale, Record<MessageKey, string>>> = { id: catalogueId };
export type { MessageKey };
const STORAGE_KEY = 'renja.locale';

/** Makes a language's catalogue available to translator(); English is a chunk of its own. */
export async function loadLanguage(locale: Locale): Promise<void> {
  if (locale === 'en' && !catalogues.en) catalogues.en = (await import('./catalogue.en')).catalogueEn;
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Fills "{name}" placeholders; a missing value is left visible rather than silently dropped. */
export function interpolate(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale] ?? catalogueId;
  return (key, values) => interpolate(catalogue[key] ?? catalogueId[key] ?? key, values);
}

interface I18n {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

/** The language chosen last in this browser (main.tsx loads its catalogue before the first render). */
export function initialLocale(): Locale {
  // Only the language preference is kept in the browser (never a secret).
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    const apply = () => {
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = next;
      setLocaleState(next);
    };
    // Switched once its catalogue is here (had it failed to load, translator() would show Indonesian).
    void loadLanguage(next).then(apply, apply);
  }, []);
  const value = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  document.documentElement.lang = locale;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
