import type { Locale } from '@kontor/contract/users';
import en from './en.json';
import de from './de.json';
import zhCN from './zh-CN.json';
import ro from './ro.json';

export type Tree = { [k: string]: string | Tree };

/**
 * The translations: the shared file per language plus each feature's own (`features/<f>/locales/<lang>.json`), so a
 * feature's strings live with its code. Feature files hold their own top-level keys; a key defined twice is an error.
 */
const featureFiles = import.meta.glob<Tree>('../features/*/locales/*.json', { eager: true, import: 'default' });

function mergeInto(target: Tree, source: Tree, path: string): void {
  for (const [k, v] of Object.entries(source)) {
    const here = target[k];
    if (here === undefined) target[k] = typeof v === 'string' ? v : structuredClone(v);
    else if (typeof here === 'string' || typeof v === 'string') throw new Error(`translation key ${path}${k} is defined twice`);
    else mergeInto(here, v, `${path}${k}.`);
  }
}

function build(lang: Locale, base: Tree): Tree {
  const tree = structuredClone(base);
  for (const [file, content] of Object.entries(featureFiles)) if (file.endsWith(`/locales/${lang}.json`)) mergeInto(tree, content, '');
  return tree;
}

export const translations: Record<Locale, Tree> = { en: build('en', en), de: build('de', de), 'zh-CN': build('zh-CN', zhCN), ro: build('ro', ro) };
