import { describe, expect, it } from 'vitest';
import { checkDraft, draftKey, draftOfKey } from './check-draft';
import { acceptableValue, defaultChoices, defaultSource, differingKeys, isEmptyValue, mergeKeys, mergeRequest, newestFirst, type MergeSource } from './merge-fields';

const rows = (...values: string[]) => values.map((value) => ({ value }));
const noPoints = { emails: [], phones: [], websites: [] };

describe('the check on entry asks only with something that can find a duplicate (issue #16)', () => {
  it('leaves out half-typed e-mails, phones and websites, and repeats', () => {
    const draft = checkDraft('contacts', { firstName: ' Anna ', lastName: '', points: { emails: rows('anna@', 'Anna@Example.com', 'Anna@Example.com'), phones: rows('12'), websites: [] } });
    expect(draft).toEqual({ firstName: 'Anna', lastName: undefined, accountId: undefined, emails: ['Anna@Example.com'], phones: [] });
  });

  it('asks nothing for a contact with only a name and no account, and asks for a name in an account', () => {
    expect(checkDraft('contacts', { firstName: 'Anna', lastName: 'Schmidt', accountId: null, points: noPoints })).toBeNull();
    expect(checkDraft('contacts', { firstName: 'Anna', lastName: 'Schmidt', accountId: '7', points: noPoints })).toMatchObject({ accountId: '7' });
  });

  it('asks for an account by a name of two letters or more, or by a website', () => {
    expect(checkDraft('accounts', { name: 'A', points: noPoints })).toBeNull();
    expect(checkDraft('accounts', { name: 'Ac', points: noPoints })).toMatchObject({ name: 'Ac' });
    expect(checkDraft('accounts', { name: '', points: { ...noPoints, websites: rows('https://acme.example/about') } })).toMatchObject({ websites: ['https://acme.example/about'] });
  });

  it('goes through the debounce as a string and back through the contract, with the record being edited left out', () => {
    const draft = checkDraft('accounts', { name: 'Acme', points: noPoints });
    expect(draftOfKey(draftKey(draft), '42')).toEqual({ name: 'Acme', emails: [], phones: [], websites: [], excludeId: '42' });
    expect(draftOfKey('', undefined)).toBeNull();
    expect(draftOfKey(JSON.stringify({ name: 'x'.repeat(101) }), undefined)).toBeNull();
  });
});

const record = (id: string, updatedAt: string, fields: Record<string, unknown>, customFields: Record<string, unknown> = {}): MergeSource =>
  ({ id, version: Number(id), updatedAt, customFields, ...fields }) as MergeSource;

describe('a merge asks only about values that differ and defaults to the newest non-empty one (issue #16)', () => {
  const older = record('1', '2026-01-01T10:00:00.000Z', { firstName: 'Anna', lastName: 'Schmidt', position: 'CEO', department: null, birthday: null }, { tier: 'gold' });
  const newer = record('2', '2026-03-01T10:00:00.000Z', { firstName: 'Anna', lastName: 'Schmitt', position: '', department: 'Sales', birthday: null }, { tier: null });
  const defs = [{ key: 'tier' }] as Parameters<typeof mergeKeys>[1];
  const keys = mergeKeys('contacts', defs);

  it('names the form fields and the custom fields, never contact points, tags or restricted access', () => {
    expect(keys).toContain('customFields.tier');
    expect(keys).not.toContain('emails');
    expect(keys).not.toContain('tags');
    expect(keys).not.toContain('restrictedTo');
  });

  it('treats every kind of empty alike', () => {
    expect([null, undefined, '', '  ', false, [], { street: '', city: null }].every(isEmptyValue)).toBe(true);
    expect([true, 0, 'x', ['a'], { city: 'Berlin' }].some(isEmptyValue)).toBe(false);
    expect(differingKeys([older, newer], keys)).toEqual(['lastName', 'position', 'department', 'customFields.tier']);
  });

  it('keeps the newest record and, per field, the newest value that is not empty, as the server does', () => {
    expect(newestFirst([older, newer]).map((r) => r.id)).toEqual(['2', '1']);
    expect(defaultSource([older, newer], 'lastName', '1')).toBe('2');
    expect(defaultSource([older, newer], 'position', '1')).toBe('1');
    expect(defaultSource([older, newer], 'customFields.tier', '2')).toBe('1');
    // nothing anywhere: the survivor's
    expect(defaultSource([older, newer], 'birthday', '1')).toBe('1');
    expect(defaultChoices([older, newer], keys, '1')).toEqual({ lastName: '2', position: '1', department: '2', 'customFields.tier': '1' });
  });

  it('on equal times prefers the survivor, then the order given', () => {
    const a = record('5', '2026-01-01T10:00:00.000Z', { position: 'A' });
    const b = record('6', '2026-01-01T10:00:00.000Z', { position: 'B' });
    expect(defaultSource([a, b], 'position', '6')).toBe('6');
    expect(defaultSource([a, b], 'position', '9')).toBe('5');
  });

  it('keeps the survivor\'s owner, never takes a hidden account or a parent inside the merge', () => {
    const hidden = record('3', '2026-05-01T10:00:00.000Z', { ownerId: '8', accountId: '70', accountName: null, parentAccountId: '4', parentAccountName: 'Acme' });
    const seen = record('4', '2026-02-01T10:00:00.000Z', { ownerId: '9', accountId: '71', accountName: 'Beta', parentAccountId: '80', parentAccountName: 'Gamma' });
    expect(defaultSource([hidden, seen], 'ownerId', '4')).toBe('4');
    expect(defaultSource([hidden, seen], 'accountId', '3')).toBe('4');
    expect(defaultSource([hidden, seen], 'parentAccountId', '3')).toBe('4');
    expect(acceptableValue([hidden, seen], hidden, 'accountId')).toBe(false);
    expect(acceptableValue([hidden, seen], hidden, 'parentAccountId')).toBe(false);
    expect(acceptableValue([hidden, seen], seen, 'parentAccountId')).toBe(true);
  });

  it('sends the survivor, the others, each differing field and the versions shown', () => {
    const body = mergeRequest('1', [older, newer], { ...defaultChoices([older, newer], keys, '1'), lastName: '1', firstName: '2' }, keys);
    expect(body).toEqual({
      survivorId: '1',
      mergedIds: ['2'],
      fields: { lastName: '1', position: '1', department: '2', 'customFields.tier': '1' },
      versions: { '1': 1, '2': 2 },
    });
  });
});
