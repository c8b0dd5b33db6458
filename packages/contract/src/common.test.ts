/** Ids fit PostgreSQL `integer` columns; names must show something and cannot reorder what they show. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { cleanName, idSchema, nameText, optionalNameText, versionSchema } from './common.ts';
import { fieldErrorOfIssue } from './field-errors.ts';

const messages = (r: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) => r.error?.issues.map((i) => fieldErrorOfIssue(i).message) ?? [];

describe('idSchema', () => {
  it.each(['1', '42', '2147483647'])('accepts %s', (v) => expect(idSchema.safeParse(v).success).toBe(true));
  it.each(['0', '-1', '01', '1.5', 'abc', '', ' 1', '2147483648', '9223372036854775808', '99999999999999999999', '1e3', 'a\u0000b'])('refuses %j', (v) => {
    const r = idSchema.safeParse(v);
    expect(r.success).toBe(false);
    expect(messages(r)).toContain('must be a record id');
  });
  it('keeps versions within integer columns too', () => {
    expect(versionSchema.safeParse(2147483647).success).toBe(true);
    expect(versionSchema.safeParse(2147483648).success).toBe(false);
  });
});

describe('nameText', () => {
  const name = nameText(20);
  it.each([
    ['José', 'José'],
    ['王小明', '王小明'],
    ["O'Brien", "O'Brien"],
    ['  Anna  ', 'Anna'],
    ['😀', '😀'], // a symbol is visible: emoji-only names are allowed
    ['#1', '#1'],
    ['\u200bAcme\u200b\ufeff', 'Acme'],
    ['\u202eexe.txt', 'exe.txt'],
    ['Acme \u2066GmbH\u2069', 'Acme GmbH'],
    ['a\u200db', 'a\u200db'], // zero-width joiners inside a name stay (emoji sequences, scripts that need them)
    ['\u202e  Acme', 'Acme'],
  ])('accepts %j as %j', (input, stored) => expect(name.parse(input)).toBe(stored));

  it.each([
    ['\u200b\u200b\u200b', 'must contain a visible character'],
    ['\u202e', 'must contain a visible character'],
    ['\u2066\u2069\u200d', 'must contain a visible character'],
    ['', 'required'],
    ['   ', 'required'],
    ['x'.repeat(21), 'at most 20 characters'],
  ])('refuses %j: %s', (input, message) => {
    const r = name.safeParse(input);
    expect(r.success).toBe(false);
    expect(messages(r)).toEqual([message]);
  });

  it('counts the length after cleaning', () => {
    expect(name.parse('\u202e'.repeat(10) + 'x'.repeat(20))).toBe('x'.repeat(20));
  });

  it('cleanName removes every bidi control and trims invisibles at the ends only', () => {
    expect(cleanName('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069a')).toBe('a');
    expect(cleanName('\u2060 a\u200bb \u200c')).toBe('a\u200bb');
  });
});

describe('optionalNameText', () => {
  const name = optionalNameText(10);
  it('clears the field with empty text or white space, and keeps null and undefined', () => {
    expect(name.parse('')).toBeNull();
    expect(name.parse('  ')).toBeNull();
    expect(name.parse(null)).toBeNull();
    expect(name.parse(undefined)).toBeUndefined();
  });
  it('refuses invisible text instead of silently clearing the field', () => {
    expect(messages(name.safeParse('\u200b\u200b\u200b'))).toEqual(['must contain a visible character']);
  });
  it('cleans like nameText', () => expect(name.parse(' \u202eAnna ')).toBe('Anna'));
});
