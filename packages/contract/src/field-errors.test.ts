/** Field errors by code: what each zod check answers, with params, and the English kept for API clients. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldCode, fieldError, fieldErrorCodes, fieldErrorMap, fieldErrorOfIssue, fieldErrorsOf, fieldErrorTexts, renderFieldText } from './field-errors.ts';
import { contactCreateSchema } from './contacts.ts';
import { activityCreateSchema } from './activities.ts';
import { accountListQuerySchema } from './accounts.ts';
import { nameText } from './common.ts';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input, { error: fieldErrorMap });
  if (r.success) throw new Error('expected a refusal');
  return fieldErrorsOf(r.error.issues);
};

describe('field errors by code', () => {
  it('a contact without a name, a long first name, a bad e-mail, a future birthday', () => {
    const e = errorsOf(contactCreateSchema, {});
    expect(e._?.code ?? e.lastName?.code).toBe('name_required');
    const more = errorsOf(contactCreateSchema, { firstName: 'x'.repeat(101), emails: [{ value: 'nope' }], birthday: '2999-01-01' });
    expect(more.firstName?.code).toBe('max_characters');
    expect(more.firstName?.message).toBe(`at most ${more.firstName?.params?.max} characters`);
    expect(more['emails.0.value']).toEqual({ code: 'email', message: 'not a valid e-mail address' });
    expect(more.birthday?.code).toBe('birthday');
  });

  it('absent is required (only the raw issue knows), an unknown option lists the allowed ones', () => {
    const e = errorsOf(z.object({ a: z.string(), b: z.enum(['x', 'y']) }), { b: 'z' });
    expect(e.a?.code).toBe('required');
    expect(e.b).toEqual({ code: 'one_of', params: { allowed: 'x, y' }, message: 'one of: x, y' });
    expect(errorsOf(nameText(10), '   ')._?.code).toBe('required');
    expect(errorsOf(nameText(10), '\u200b')._?.code).toBe('visible');
  });

  it('a union says what its branches say (an activity moment)', () => {
    const e = errorsOf(activityCreateSchema, { type: 'call', subject: 'Call', startAt: 'tomorrow' });
    expect(e.startAt?.code).toBe('datetime');
  });

  it("a schema's own English stays for API clients under the derived code", () => {
    const e = errorsOf(accountListQuerySchema, { createdAfter: '2020-01-01' });
    expect(e._?.code).toBe('unknown_keys');
    expect(e._?.params).toEqual({ keys: 'createdAfter' });
    expect(e._?.message).toMatch(/a list takes:.*filter/);
    const own = errorsOf(z.string().refine(() => false, 'some sentence'), 'x');
    expect(own._).toEqual({ code: 'invalid', message: 'some sentence' });
  });

  it('custom params reach the text; unknown braces stay', () => {
    const s = z.string().superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message: fieldCode('sort_field'), params: { allowed: 'a, b' } }));
    expect(errorsOf(s, 'x')._?.message).toBe('sort by one of a, b (prefix - for descending)');
    expect(fieldError('link_braces').message).toBe('braces are only for {fieldName} placeholders');
    expect(renderFieldText('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('keeps the English the API answered before codes', () => {
    expect(fieldError('negative').message).toBe('cannot be negative');
    expect(fieldError('name_required').message).toBe('a first or a last name is required');
    expect(fieldError('max_characters', { max: 200 }).message).toBe('at most 200 characters');
    expect(fieldErrorOfIssue({ code: 'custom', path: [], message: 'visible', input: '' }).message).toBe('must contain a visible character');
  });

  it('codes are unique identifiers', () => {
    for (const code of fieldErrorCodes) expect(code).toMatch(/^[a-z][a-z_]*$/);
    expect(new Set(fieldErrorCodes).size).toBe(Object.keys(fieldErrorTexts).length);
  });
});

describe('the contract names codes, not English', () => {
  // a sentence as a check's message: `message: '…'`, `error: '…'`, `.refine(fn, '…')`, `.regex(/…/, '…')`, `.int('…')`
  const english = [/\b(message|error):\s*['`]/, /\.(regex|refine)\(.*,\s*['`][^'`]*['`]\)[\])]*\s*[;,]?$/, /^\}\s*,\s*['`]/, /\.int\(['`]/];
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'field-errors.ts' && f !== 'errors.ts');
  it.each(files)('%s', (file) => {
    const found = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .map((line, i) => ({ line: line.trim(), at: i + 1 }))
      .filter(({ line }) => !line.startsWith('*') && !line.startsWith('//') && english.some((re) => re.test(line)));
    expect(found.map((f) => `${file}:${f.at}: ${f.line}`)).toEqual([]);
  });
});
