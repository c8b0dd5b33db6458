import { describe, expect, it } from 'vitest';
import { companyWords, keyHash, isExactHash, nameWords, profileKeys, soundOf, websiteDomain, type DuplicateProfile } from './duplicate-keys.ts';
import { compareProfiles, nameSimilarity } from './duplicate-score.ts';

const person = (firstName: string, lastName: string, extra: Partial<DuplicateProfile> = {}): DuplicateProfile => ({
  id: 0, module: 'contacts', firstName, lastName, name: '', accountId: null, emails: [], phones: [], websites: [], updatedAt: '', ...extra,
});
const company = (name: string, extra: Partial<DuplicateProfile> = {}): DuplicateProfile => ({ ...person('', ''), module: 'accounts', name, ...extra });
const sim = (a: string, b: string) => nameSimilarity(nameWords(a), nameWords(b));

describe('blocking keys', () => {
  it('gives spellings of one name one sound', () => {
    expect(new Set(['Meier', 'Meyer', 'Maier', 'Mayer'].map((n) => soundOf(nameWords(n).join(''))))).toHaveProperty('size', 1);
    expect(soundOf('jonson')).toBe(soundOf('johnson'));
    expect(soundOf('schmidt')).toBe(soundOf('schmitt'));
    expect(soundOf('brown')).toBe(soundOf('brwon'));
    expect(soundOf('kowalski')).toBe(soundOf('cowalski'));
  });

  it('keys a contact by e-mail, phone and name sound within its account and company domain, never a mail provider', () => {
    const keys = profileKeys(person('Anna', 'Schmidt', { accountId: 7, emails: ['anna@acme.example', 'anna@gmail.com'], phones: ['+4930123456'] }));
    expect(keys.sort()).toEqual(['a:7:a5', 'd:acme.example:a5', 'e:anna@acme.example', 'e:anna@gmail.com', 'p:+4930123456'].sort());
    // A swapped name has the same key.
    expect(profileKeys(person('Schmidt', 'Anna', { accountId: 7 }))).toEqual(['a:7:a5']);
  });

  it('keys an account by website domain, core name and its sound with its numbers', () => {
    expect(websiteDomain('https://www.Acme.example/about')).toBe('acme.example');
    expect(websiteDomain('acme.example')).toBe('acme.example');
    expect(companyWords('ACME Industries GmbH & Co. KG')).toEqual(['acme', 'industries']);
    const keys = profileKeys(company('Filiale 12 GmbH', { websites: ['filiale.example'] }));
    expect(keys).toContain('w:filiale.example');
    expect(keys).toContain('n:filiale12');
    expect(keys.find((k) => k.startsWith('s:'))).toMatch(/\|12$/);
  });

  it('hashes keys to integers below 2^53, marking exact ones', () => {
    const h = keyHash('e:a@b.example');
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(isExactHash(h)).toBe(true);
    expect(isExactHash(keyHash('a:7:A5'))).toBe(false);
    expect(keyHash('e:a@b.example')).not.toBe(keyHash('e:a@b.exampl'));
  });
});

describe('name similarity and scores', () => {
  it('finds typos, swapped names, initials and middle names alike, and different people not', () => {
    expect(sim('Johann Meyer', 'Johan Meier')).toBeGreaterThan(0.85);
    expect(sim('Anna Schmidt', 'Schmidt Anna')).toBe(1);
    expect(sim('J. Smith', 'John Smith')).toBeGreaterThanOrEqual(0.9);
    expect(sim('Anna Maria Schmidt', 'Anna Schmidt')).toBe(0.95);
    expect(sim('Günther Wolf', 'Günther Hoffmann')).toBeLessThan(0.88);
    expect(sim('Deutsche Bank', 'Deutsche Bahn')).toBeLessThan(0.88);
    expect(sim('Filiale 12', 'Filiale 13')).toBe(0);
  });

  it('scores each reason with its weight and explains it', () => {
    expect(compareProfiles(person('A', 'B', { emails: ['x@y.example'] }), person('C', 'D', { emails: ['x@y.example'] }))).toEqual({ score: 90, reasons: [{ code: 'email', value: 'x@y.example' }] });
    expect(compareProfiles(person('A', 'B', { phones: ['+1'] }), person('C', 'D', { phones: ['+1'] })).score).toBe(75);
    const sameAccount = compareProfiles(person('Anna', 'Schmidt', { accountId: 3 }), person('Anna', 'Schmidt', { accountId: 3 }));
    expect(sameAccount).toEqual({ score: 95, reasons: [{ code: 'name_account', value: '3', similarity: 1 }] });
    expect(compareProfiles(person('Anna', 'Schmidt', { accountId: 3 }), person('Anna', 'Schmidt', { accountId: 4 })).score).toBe(0);
    const both = compareProfiles(person('A', 'B', { emails: ['x@y.example'], phones: ['+1'] }), person('C', 'D', { emails: ['x@y.example'], phones: ['+1'] }));
    expect(both.score).toBe(98);
    expect(compareProfiles(company('Quorvex Industries GmbH'), company('QUORVEX Industrie')).reasons[0]?.code).toBe('name');
    expect(compareProfiles(company('Acme', { websites: ['acme.example'] }), company('Other', { websites: ['acme.example'] })).score).toBe(80);
  });
});
