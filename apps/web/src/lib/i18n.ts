import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales, type Locale } from '@kontor/contract/users';
import { translations } from '../locales/resources.ts';

const STORAGE_KEY = 'kontor.locale';

export const languageNames: Record<Locale, string> = { en: 'English', de: 'Deutsch', 'zh-CN': '简体中文', ro: 'Română' };

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  for (const lang of navigator.languages ?? []) {
    if (isLocale(lang)) return lang;
    const base = lang.split('-')[0];
    if (base === 'zh') return 'zh-CN';
    if (isLocale(base)) return base;
  }
  return 'en';
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(translations).map(([lang, tree]) => [lang, { translation: tree }])),
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: [...locales],
  interpolation: { escapeValue: false },
  returnNull: false,
});

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
