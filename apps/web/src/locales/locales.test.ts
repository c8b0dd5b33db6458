import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '@kontor/contract/users';
import { loadTranslations, type Tree } from './resources.ts';

/** Each language as the app loads it (its own chunk: shared file, feature files and loading strings merged). */
const all: Record<string, Tree> = Object.fromEntries(await Promise.all(locales.map(async (l) => [l, await loadTranslations(l)] as const)));
const en = await loadTranslations('en');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
/** Keys with plural suffixes folded into their base key (languages need different plural forms). */
const baseKeys = (tree: Tree) => new Set([...leaves(tree).keys()].map((k) => k.replace(PLURAL, '')));

describe('translations', () => {
  const enKeys = [...baseKeys(en)].sort();

  for (const [lang, tree] of Object.entries(all)) {
    it(`${lang} has exactly the keys of en`, () => {
      expect([...baseKeys(tree)].sort()).toEqual(enKeys);
    });

    it(`${lang} has every plural form its language needs`, () => {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const keys = [...leaves(tree).keys()];
      const pluralBases = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      for (const base of pluralBases) for (const c of categories) expect(keys, `${lang}: ${base}_${c}`).toContain(`${base}_${c}`);
    });

    it(`${lang} has no empty strings and keeps every {{placeholder}} of en`, () => {
      const mine = leaves(tree);
      const english = leaves(en);
      for (const [key, value] of mine) {
        expect(value.trim(), `${lang}: ${key}`).not.toBe('');
        const ref = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
        const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((v) => v !== 'count').sort();
        if (ref) expect(vars(value), `${lang}: ${key}`).toEqual(vars(ref));
      }
    });
  }

  it('translations differ from English (not copies)', () => {
    const english = leaves(en);
    for (const lang of ['de', 'zh-CN', 'ro']) {
      const mine = leaves(all[lang] ?? {});
      const same = [...mine].filter(([k, v]) => english.get(k) === v).length;
      expect(same / mine.size, lang).toBeLessThan(0.15);
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('keys used in the code', () => {
  it('every static t(\'key\') exists in en', () => {
    const english = new Set([...leaves(en).keys()].map((k) => k.replace(PLURAL, '')));
    const missing: string[] = [];
    for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = m[1] ?? '';
        if (!english.has(key)) missing.push(`${key} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
