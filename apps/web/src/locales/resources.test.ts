import { describe, expect, it } from 'vitest';
import { buildTranslations, loadingStrings, loadTranslations } from './resources.ts';

describe('building a language', () => {
  it('merges feature files into the shared file and adds the loading strings', () => {
    const tree = buildTranslations('de', { nav: { accounts: 'Firmen' } }, { a: { nav: { contacts: 'Kontakte' } }, b: { deals: { title: 'Deals' } } });
    expect(tree).toEqual({ nav: { accounts: 'Firmen', contacts: 'Kontakte' }, deals: { title: 'Deals' }, ...loadingStrings.de });
  });

  it('refuses a key defined twice, naming it', () => {
    expect(() => buildTranslations('en', { nav: { accounts: 'Accounts' } }, { a: { nav: { accounts: 'Again' } } })).toThrow('translation key nav.accounts is defined twice');
    expect(() => buildTranslations('en', { nav: 'flat' }, { a: { nav: { accounts: 'Nested' } } })).toThrow('translation key nav is defined twice');
  });

  it('leaves the shared file as it was (each build starts from a copy)', () => {
    const shared = { nav: { accounts: 'Accounts' } };
    buildTranslations('en', shared, { a: { nav: { contacts: 'Contacts' } } });
    expect(shared).toEqual({ nav: { accounts: 'Accounts' } });
  });

  it('loads each language as a whole tree, the loading strings in its own language', async () => {
    const [en, de] = await Promise.all([loadTranslations('en'), loadTranslations('de')]);
    expect(en.loading).toEqual(loadingStrings.en.loading);
    expect(de.loading).toEqual(loadingStrings.de.loading);
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });
});
