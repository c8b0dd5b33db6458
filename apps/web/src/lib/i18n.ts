import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales, type Locale } from '@kontor/contract/users';
import { loadingStrings, loadTranslations } from '../locales/resources.ts';

const STORAGE_KEY = 'kontor.locale';

export const languageNames: Record<Locale, string> = { en: 'English', de: 'Deutsch', 'zh-CN': '简体中文', ro: 'Română' };

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

/** The first of the browser's languages that Kontor speaks (`de-AT` is German, any `zh` is Chinese), if any. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? []): Locale | null {
  for (const lang of languages) {
    if (isLocale(lang)) return lang;
    const base = lang.split('-')[0];
    if (base === 'zh') return 'zh-CN';
    if (isLocale(base)) return base;
  }
  return null;
}

/**
 * The language before anyone signs in: the one last used in this browser, else the browser's own, else the
 * organisation's default (KONTOR_DEFAULT_LOCALE: the server writes it into index.html's `<html lang>`), else English.
 */
function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const lang = document.documentElement.lang;
  return browserLocale() ?? (isLocale(lang) ? lang : 'en');
}

void i18n.use(initReactI18next).init({
  // Only the strings shown when loading fails ship with the app; a language's own chunk is added by loadLocale.
  resources: Object.fromEntries(Object.entries(loadingStrings).map(([lang, tree]) => [lang, { translation: tree }])),
  lng: initialLocale(),
  // Every language has every key (locales.test.ts), so no fallback language is loaded beside the one shown.
  fallbackLng: false,
  supportedLngs: [...locales],
  interpolation: { escapeValue: false },
  returnNull: false,
});

const loaded = new Map<Locale, Promise<void>>();

/** Loads a language's translations once (a failed load may be tried again). */
export function loadLocale(lng: Locale): Promise<void> {
  let done = loaded.get(lng);
  if (!done) {
    done = loadTranslations(lng).then((tree) => {
      i18n.addResourceBundle(lng, 'translation', tree, true, true);
    });
    done.catch(() => loaded.delete(lng));
    loaded.set(lng, done);
  }
  return done;
}

/** Switches the UI language once its translations are there; a language that cannot be loaded leaves the UI as it is. */
export async function changeLocale(lng: Locale): Promise<void> {
  await loadLocale(lng);
  await i18n.changeLanguage(lng);
}

/** Before the first render: the initial language's translations. */
export const i18nReady: Promise<void> = loadLocale(currentLocale());

function applyDocumentLang(lng: string): void {
  document.documentElement.lang = lng;
}
applyDocumentLang(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyDocumentLang(lng);
  if (isLocale(lng)) localStorage.setItem(STORAGE_KEY, lng);
});

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

export default i18n;
