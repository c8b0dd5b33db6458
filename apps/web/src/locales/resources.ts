import type { Locale } from '@kontor/contract/users';

export type Tree = { [k: string]: string | Tree };

/*
 * The translations of a language are the shared file (`locales/<lang>.json`) plus each feature's own
 * (`features/<f>/locales/<lang>.json`), so a feature's strings live with its code, plus the few strings shown when
 * loading fails (`locales/loading/<lang>.json`). Feature files hold their own top-level keys; a key defined twice is an
 * error. Each language is its own chunk (`bundles/<lang>.ts`), loaded before the first render for the initial language
 * and on a language change (issue #14); only the loading strings of all four languages ship with the app's entry.
 */

function mergeInto(target: Tree, source: Tree, path: string): void {
  for (const [k, v] of Object.entries(source)) {
    const here = target[k];
    if (here === undefined) target[k] = typeof v === 'string' ? v : structuredClone(v);
    else if (typeof here === 'string' || typeof v === 'string') throw new Error(`translation key ${path}${k} is defined twice`);
    else mergeInto(here, v, `${path}${k}.`);
  }
}

/** One language's tree: its shared file, then its feature files (a glob's answer) and its loading strings merged in. */
export function buildTranslations(lang: Locale, shared: Tree, features: Record<string, Tree>): Tree {
  const tree = structuredClone(shared);
  for (const content of Object.values(features)) mergeInto(tree, content, '');
  mergeInto(tree, loadingStrings[lang], '');
  return tree;
}

const loadingFiles = import.meta.glob<Tree>('./loading/*.json', { eager: true, import: 'default' });
const loadingOf = (lang: Locale): Tree => {
  const tree = loadingFiles[`./loading/${lang}.json`];
  if (!tree) throw new Error(`locales/loading/${lang}.json is missing`);
  return tree;
};

/** What the app can say before a language's chunk is there (or when it could not be loaded). */
export const loadingStrings: Record<Locale, Tree> = { en: loadingOf('en'), de: loadingOf('de'), 'zh-CN': loadingOf('zh-CN'), ro: loadingOf('ro') };

const bundles: Record<Locale, () => Promise<{ default: Tree }>> = {
  en: () => import('./bundles/en.ts'),
  de: () => import('./bundles/de.ts'),
  'zh-CN': () => import('./bundles/zh-CN.ts'),
  ro: () => import('./bundles/ro.ts'),
};

/** Loads one language's translations (its own chunk). */
export async function loadTranslations(lang: Locale): Promise<Tree> {
  return (await bundles[lang]()).default;
}
