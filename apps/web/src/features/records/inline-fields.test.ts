import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import { inlineSpec, updateSchemas, writableKeys, type InlineModule, type InlineRecord, type SpecContext } from './inline-specs';
import { changedKeys, checkPatch, customPatchErrors, draftOf, messageFor, numberText, parseNumberText, patchOf, sameDraft, type InlineSpec } from './inline-values';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;
const def = (key: string, type: CustomFieldDefinition['type'], required = false): CustomFieldDefinition => ({
  id: key, module: 'accounts', key, label: key.toUpperCase(), type, options: type === 'picklist' ? ['a', 'b'] : [], required, position: 0, version: 1,
});
const defs = [def('size', 'number'), def('segment', 'picklist', true), def('vip', 'checkbox')];
const ctx: SpecContext = { t, defs, contactTypes: [{ value: '1', label: 'Cold' }], pipelines: [], stages: [] };
const access = { edit: true, delete: true, share: true };
const account = (extra: Record<string, unknown> = {}): InlineRecord => ({
  id: '7', version: 3, access, customFields: { size: 12 }, name: 'Acme', website: 'acme.com', employees: 250, annualRevenue: 1234.5, industry: null,
  parentAccountId: null, parentAccountName: null, billingAddress: { street: 'Hauptstr. 1', city: 'Bremen', region: '', postalCode: '28195', country: 'DE' },
  ownerId: '1', updatedAt: '2026-01-01T10:00:00.000Z', photoUrl: null, tags: [], ...extra,
});
const spec = (module: InlineModule, key: string, record = account()): InlineSpec => {
  const s = inlineSpec(module, key, record, ctx);
  if (!s) throw new Error(`${key} is not editable`);
  return s;
};

describe('numbers as typed in the user locale', () => {
  it.each([
    ['1,500', 'en', 1500], ['1,500.25', 'en', 1500.25], ['1.5', 'en', 1.5], ['12 000', 'en', 12000], ['1,234', 'zh-CN', 1234],
    ['1.500', 'de', 1500], ['1.500,5', 'de', 1500.5], ['1234,5', 'de', 1234.5], ['1234.5', 'de', 1234.5], ['1.234.567', 'ro', 1234567],
    ['-5', 'en', -5], ['0', 'de', 0],
  ])('%s (%s) is %s', (text, locale, n) => expect(parseNumberText(text, locale)).toBe(n));

  it('empty is null; anything else stays text so the schema can say what is wrong', () => {
    expect(parseNumberText('', 'en')).toBeNull();
    expect(parseNumberText('   ', 'de')).toBeNull();
    expect(parseNumberText('abc', 'en')).toBe('abc');
    expect(parseNumberText('1,5', 'en')).toBe('1,5');
    expect(parseNumberText('12abc', 'de')).toBe('12abc');
  });

  it('a stored number shows ungrouped with the locale decimal separator, and reads back the same', () => {
    expect(numberText(1234.5, 'de')).toBe('1234,5');
    expect(numberText(1234.5, 'en')).toBe('1234.5');
    expect(numberText(9_999_999_999, 'de')).toBe('9999999999');
    expect(numberText(null, 'en')).toBe('');
    for (const locale of ['en', 'de', 'zh-CN', 'ro']) expect(parseNumberText(numberText(1234567.25, locale), locale)).toBe(1234567.25);
  });
});

describe('editor values to and from the record', () => {
  it('a text field: the draft is the value, the patch what was typed', () => {
    const s = spec('accounts', 'website');
    expect(draftOf(s, account(), 'en')).toEqual({ kind: 'text', value: 'acme.com' });
    expect(patchOf(s, { kind: 'text', value: 'example.org' }, 'en')).toEqual({ website: 'example.org' });
  });

  it('a number field in German', () => {
    const s = spec('accounts', 'annualRevenue');
    expect(draftOf(s, account(), 'de')).toEqual({ kind: 'text', value: '1234,5' });
    expect(patchOf(s, { kind: 'text', value: '2.000,75' }, 'de')).toEqual({ annualRevenue: 2000.75 });
    expect(patchOf(s, { kind: 'text', value: '' }, 'de')).toEqual({ annualRevenue: null });
  });

  it('choices, records, ticks, dates and addresses', () => {
    expect(patchOf(spec('accounts', 'industry'), { kind: 'choice', value: 'software' }, 'en')).toEqual({ industry: 'software' });
    expect(patchOf(spec('accounts', 'parentAccountId'), { kind: 'record', value: '9', label: 'Parent' }, 'en')).toEqual({ parentAccountId: '9' });
    const contact = account({ accountId: null, accountName: null, emailOptOut: true, birthday: '--05-17' });
    expect(draftOf(spec('contacts', 'emailOptOut', contact), contact, 'en')).toEqual({ kind: 'flag', value: true });
    expect(patchOf(spec('contacts', 'birthday', contact), { kind: 'text', value: ' ' }, 'en')).toEqual({ birthday: null });
    const address = draftOf(spec('accounts', 'billingAddress'), account(), 'en');
    expect(address).toEqual({ kind: 'address', value: { street: 'Hauptstr. 1', city: 'Bremen', region: '', postalCode: '28195', country: 'DE' } });
  });

  it('a custom field goes into customFields, typed as the form sends it', () => {
    const s = spec('accounts', 'customFields.size');
    expect(draftOf(s, account(), 'en')).toEqual({ kind: 'custom', value: 12 });
    expect(patchOf(s, { kind: 'custom', value: '40' }, 'en')).toEqual({ customFields: { size: 40 } });
    expect(patchOf(spec('accounts', 'customFields.vip'), { kind: 'custom', value: null }, 'en')).toEqual({ customFields: { vip: false } });
  });

  it('an unchanged draft is the same (a record picked again under another label too)', () => {
    expect(sameDraft({ kind: 'record', value: '9', label: 'A' }, { kind: 'record', value: '9', label: null })).toBe(true);
    expect(sameDraft({ kind: 'text', value: 'a' }, { kind: 'text', value: 'a ' })).toBe(false);
  });
});

describe('checks with the update schema', () => {
  const fields = (module: InlineModule, patch: Record<string, unknown>) => checkPatch(updateSchemas[module], patch)?.issues.map((i) => i.path.join('.')) ?? [];

  it('valid values pass', () => {
    expect(checkPatch(updateSchemas.accounts, { employees: 250, website: 'acme.com', name: 'Acme' })).toBeNull();
    expect(checkPatch(updateSchemas.deals, { amount: null, expectedCloseDate: '2026-05-01' })).toBeNull();
  });

  it('employees "abc", a website that is no address, an empty name, a bad date are refused by field', () => {
    expect(fields('accounts', patchOf(spec('accounts', 'employees'), { kind: 'text', value: 'abc' }, 'en'))).toEqual(['employees']);
    expect(fields('accounts', { employees: 12.5 })).toEqual(['employees']);
    expect(fields('accounts', { website: 'not a url' })).toEqual(['website']);
    expect(fields('accounts', { name: '   ' })).toEqual(['name']);
    expect(fields('leads', { lastName: '' })).toEqual(['lastName']);
    expect(fields('deals', { expectedCloseDate: '2026-13-01' })).toEqual(['expectedCloseDate']);
    expect(fields('accounts', { billingAddress: { street: 'x'.repeat(251), city: '', region: '', postalCode: '', country: '' } })).toEqual(['billingAddress.street']);
  });

  it('emptying a required custom field is refused; other fields of the patch only', () => {
    expect(customPatchErrors({ customFields: { segment: null } }, defs)).toEqual({ 'customFields.segment': 'required' });
    expect(customPatchErrors({ customFields: { size: null } }, defs)).toEqual({});
  });

  it('the message for the field edited: its own (or a part of it), else the first', () => {
    expect(messageFor('billingAddress', { 'billingAddress.city': 'too long' })).toBe('too long');
    expect(messageFor('firstName', { lastName: 'a first or a last name is required' })).toBe('a first or a last name is required');
    expect(messageFor('name', {})).toBeNull();
  });
});

describe('what someone else changed', () => {
  it('the writable fields that differ, custom fields one by one, a new photo; stamps and version are not changes', () => {
    const before = account();
    const after = account({ version: 4, updatedAt: '2026-01-02T10:00:00.000Z', website: 'acme.org', employees: 300, customFields: { size: 13, extra: 'x' }, photoUrl: '/p.png' });
    expect(changedKeys(before, after, writableKeys('accounts'))).toEqual(['website', 'employees', 'customFields.extra', 'customFields.size', 'photoUrl']);
    expect(changedKeys(before, account({ version: 9 }), writableKeys('accounts'))).toEqual([]);
  });

  it('addresses and tags compare by value', () => {
    const before = account({ tags: ['a'] });
    const after = account({ tags: ['a', 'b'], billingAddress: { ...(account().billingAddress as object), city: 'Hamburg' } });
    expect(changedKeys(before, after, writableKeys('accounts'))).toEqual(['billingAddress', 'tags']);
  });

  it('derived names are not compared: only what a user can write', () => {
    expect(writableKeys('deals')).not.toContain('probability');
    expect(writableKeys('contacts')).not.toContain('fullName');
    expect(writableKeys('leads')).toContain('status');
  });
});

describe('which fields are edited in place', () => {
  it('stamps, computed values and unknown keys stay plain', () => {
    for (const key of ['createdAt', 'updatedAt', 'primaryEmail', 'primaryPhone', 'nope']) expect(inlineSpec('accounts', key, account(), ctx)).toBeNull();
    const deal = account({ status: 'open', accountId: null });
    for (const key of ['probability', 'status', 'closedAt']) expect(inlineSpec('deals', key, deal, ctx)).toBeNull();
  });

  it('nothing for a reader without the edit right; the owner only with the share right', () => {
    expect(inlineSpec('accounts', 'name', account({ access: { ...access, edit: false } }), ctx)).toBeNull();
    expect(inlineSpec('accounts', 'ownerId', account({ access: { ...access, share: false } }), ctx)).toBeNull();
    expect(spec('accounts', 'ownerId').kind).toBe('owner');
  });

  it('editor kinds by field', () => {
    const kinds = (module: InlineModule, keys: string[], record = account()) => keys.map((k) => inlineSpec(module, k, record, ctx)?.kind ?? null);
    expect(kinds('accounts', ['name', 'phone', 'employees', 'industry', 'parentAccountId', 'contactType', 'billingAddress', 'description', 'customFields.size', 'customFields.gone'])).toEqual([
      'text', 'text', 'number', 'select', 'record', 'select', 'address', 'textarea', 'custom', null,
    ]);
    const contact = account({ accountId: null });
    expect(kinds('contacts', ['salutation', 'firstName', 'birthday', 'emailOptOut', 'accountId', 'leadSource'], contact)).toEqual(['select', 'text', 'birthday', 'checkbox', 'record', 'select']);
    expect(kinds('leads', ['email', 'status', 'source', 'company'], account({ status: 'new' }))).toEqual(['text', 'select', 'select', 'text']);
    expect(inlineSpec('accounts', 'parentAccountId', account(), ctx)).toMatchObject({ exclude: ['7'] });
    expect(inlineSpec('accounts', 'website', account(), ctx)).toMatchObject({ input: 'url' });
  });

  it('a contact with an account moves only by the explicit move', () => {
    expect(inlineSpec('contacts', 'accountId', account({ accountId: '3', accountName: 'X' }), ctx)).toBeNull();
  });

  it('a converted lead takes only its description and owner', () => {
    const lead = account({ status: 'converted' });
    expect(['firstName', 'status', 'email', 'customFields.size', 'description', 'ownerId'].map((k) => inlineSpec('leads', k, lead, ctx)?.kind ?? null)).toEqual([
      null, null, null, null, 'textarea', 'owner',
    ]);
    expect((inlineSpec('leads', 'status', account({ status: 'new' }), ctx) as { options: { value: string }[] }).options.map((o) => o.value)).not.toContain('converted');
  });

  it('deals: stage and pipeline while open, lost reason when lost, the contact search limited to the account', () => {
    const stages = [{ value: '1', label: 'A' }];
    const pipelines = [{ value: '1', label: 'P' }, { value: '2', label: 'Q' }];
    const open = account({ status: 'open', accountId: '5' });
    expect(inlineSpec('deals', 'stageId', open, { ...ctx, stages })?.kind).toBe('select');
    expect(inlineSpec('deals', 'pipelineId', open, { ...ctx, pipelines })?.kind).toBe('select');
    expect(inlineSpec('deals', 'pipelineId', open, { ...ctx, pipelines: pipelines.slice(0, 1) })).toBeNull();
    expect(inlineSpec('deals', 'stageId', account({ status: 'won' }), { ...ctx, stages })).toBeNull();
    expect(inlineSpec('deals', 'lostReason', open, ctx)).toBeNull();
    expect(inlineSpec('deals', 'lostReason', account({ status: 'lost' }), ctx)?.kind).toBe('text');
    expect(inlineSpec('deals', 'contactId', open, ctx)).toMatchObject({ kind: 'record', module: 'contacts', params: { accountId: '5' } });
    expect(inlineSpec('deals', 'amount', open, ctx)?.kind).toBe('number');
  });
});
