/** Every code the API can answer is translated in every language, and `errorMessage` / `fieldMessage` use them. */
import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { errorCodes, errorReasons } from '@kontor/contract/errors';
import { fieldErrorCodes } from '@kontor/contract/field-errors';
import { locales } from '@kontor/contract/users';
import { loadTranslations, type Tree } from '../../locales/resources.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage, fieldMessage, zodFieldErrors } from '../../lib/errors.ts';
import { contactCreateSchema } from '@kontor/contract/contacts';

const translations: Record<string, Tree> = Object.fromEntries(await Promise.all(locales.map(async (l) => [l, await loadTranslations(l)] as const)));
const de = translations.de ?? {};

const has = (tree: Tree, path: string): boolean => {
  const [head, ...rest] = path.split('.');
  const node = tree[head ?? ''];
  if (rest.length === 0) return typeof node === 'string' || (typeof tree[`${head}_other`] === 'string');
  return typeof node === 'object' && has(node, rest.join('.'));
};

describe('every code has a translation in every language', () => {
  for (const [lang, tree] of Object.entries(translations)) {
    it(`${lang}: field error codes`, () => expect(fieldErrorCodes.filter((c) => !has(tree, `fieldErrors.${c}`))).toEqual([]));
    it(`${lang}: error codes`, () => expect(errorCodes.filter((c) => !has(tree, `errors.${c}`))).toEqual([]));
    it(`${lang}: reasons`, () => expect(errorReasons.filter((r) => !has(tree, `errorReasons.${r}`))).toEqual([]));
  }
});

describe('messages by code', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'de', fallbackLng: false, resources: { de: { translation: de } }, interpolation: { escapeValue: false } });
  const t: TFunction = i18n.t.bind(i18n);

  it('a field problem from the server, with its params and plural', () => {
    expect(fieldMessage(t, { code: 'max_characters', params: { max: 100 }, message: 'at most 100 characters' })).toBe('Höchstens 100 Zeichen');
    expect(fieldMessage(t, { code: 'one_of', params: { allowed: 'a, b' }, message: 'one of: a, b' })).toBe('Einen dieser Werte wählen: a, b');
    expect(fieldMessage(t, 'required')).toBe('Pflichtfeld');
  });

  it("a code this version does not know shows the server's English", () => {
    expect(fieldMessage(t, { code: 'from_the_future', message: 'a newer rule' })).toBe('a newer rule');
  });

  it('the contract checked in the browser says codes too', () => {
    const r = contactCreateSchema.safeParse({ firstName: 'x'.repeat(500), emails: [{ value: 'nope' }] });
    if (r.success) throw new Error('expected a refusal');
    const errors = zodFieldErrors(r.error);
    expect(fieldMessage(t, errors['emails.0.value'] ?? 'invalid')).toBe('Keine gültige E-Mail-Adresse');
    expect(fieldMessage(t, errors.firstName ?? 'invalid')).toMatch(/^Höchstens \d+ Zeichen$/);
  });

  it('a refusal says its reason, else its code; never a generic sentence for a known code', () => {
    const body = (code: string, details?: object) => ({ error: { code, message: 'English from the server', ...(details && { details }) } });
    expect(errorMessage(t, ApiError.fromBody(403, body('forbidden', { reason: 'record_delete' }), 'Forbidden'))).toBe('Sie sehen diesen Datensatz, dürfen ihn aber nicht löschen.');
    expect(errorMessage(t, ApiError.fromBody(403, body('forbidden'), 'Forbidden'))).toBe((de.errors as Tree).forbidden);
    for (const code of errorCodes) {
      const text = errorMessage(t, ApiError.fromBody(400, body(code, { contactCount: 2 }), 'x'));
      expect(text, code).not.toBe(t('errors.unknown'));
      expect(text, code).not.toBe('English from the server');
    }
  });

  it("an error code this version does not know shows the server's message", () => {
    const e = new ApiError(409, 'teleported' as 'duplicate', 'The record moved to another galaxy.');
    expect(errorMessage(t, e)).toBe('The record moved to another galaxy.');
  });

  it('field problems arrive by code from details.fields; English-only fields are kept as they are', () => {
    const e = ApiError.fromBody(400, { error: { code: 'validation_failed', message: 'x', fields: { name: 'at most 100 characters', other: 'some words' }, details: { fields: { name: { code: 'max_characters', params: { max: 100 }, message: 'at most 100 characters' } } } } }, 'Bad');
    expect(fieldMessage(t, e.fields.name ?? 'invalid')).toBe('Höchstens 100 Zeichen');
    expect(fieldMessage(t, e.fields.other ?? 'invalid')).toBe('some words');
  });
});
