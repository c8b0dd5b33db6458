/** Merging contacts (issue #16): what moves, which values survive, unions, the strictest restriction, hostile input. */
import { describe, expect, it } from 'vitest';
import type { Contact } from '@kontor/contract/contacts';
import type { ContactPage } from '@kontor/contract/record-pages';
import type { Lead, LeadConversion } from '@kontor/contract/leads';
import { useHarness } from '../../../test/harness.ts';
import { makeActivity, makeAttachment, makeContact, makeDeal, makeLead, makeNote } from '../../../test/factories.ts';
import { addSourceId, merge, rawState, type ErrorAnswer } from './merge-test-kit.ts';

const { h, admin } = useHarness();

/** A contact with one of everything that can hang on a contact: a deal (and one in the recycle bin), an activity, a note, a file. */
async function contactWithItems(tag: string, extra: Parameters<typeof makeContact>[1] = {}) {
  const contact = await makeContact(admin, { lastName: `Merge ${tag}`, ...extra });
  const deal = await makeDeal(admin, { name: `Deal ${tag}`, contactId: contact.id });
  const binned = await makeDeal(admin, { name: `Binned deal ${tag}`, contactId: contact.id });
  expect((await admin.delete(`/api/v1/deals/${binned.id}`)).statusCode).toBe(204);
  const activity = await makeActivity(admin, { subject: `Call ${tag}`, contactId: contact.id });
  const note = await makeNote(admin, { contactId: contact.id }, `<p>Note ${tag}</p>`);
  const file = await makeAttachment(admin, 'contacts', contact.id, `${tag}.txt`);
  return { contact, deal, binned, activity, note, file };
}

describe('merging contacts', () => {
  it('moves every kind of related record to the survivor and leaves the merged records as tombstones', async () => {
    const [a, b, c] = [await contactWithItems('A'), await contactWithItems('B'), await contactWithItems('C')];
    // A fourth contact made by converting a lead: the lead's link moves too.
    const lead = await makeLead(admin);
    const conversion = (await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version })).json<LeadConversion>();
    const converted = (await admin.get(`/api/v1/contacts/${conversion.contactId}`)).json<Contact>();
    const convertedNote = await makeNote(admin, { contactId: converted.id }, '<p>Note L</p>');
    await addSourceId(h.database.db, 'contacts', `crm-b-${Date.now()}`, b.contact.id);
    const mergedIds = [b.contact.id, c.contact.id, converted.id];

    const done = await merge(admin, 'contacts', { survivorId: a.contact.id, mergedIds });
    expect(done.record.id).toBe(a.contact.id);

    const all = [a, b, c];
    const page = (await admin.get(`/api/v1/contacts/${a.contact.id}/page`)).json<ContactPage>();
    expect(page.deals?.open.data.map((d) => d.id).sort()).toEqual(all.map((x) => x.deal.id).sort());
    expect(page.activities?.open.data.map((x) => x.id).sort()).toEqual(all.map((x) => x.activity.id).sort());
    expect(page.notes.data.map((n) => n.id).sort()).toEqual([...all.map((x) => x.note.id), convertedNote.id].sort());
    expect(page.attachments.data.map((f) => f.id).sort()).toEqual(all.map((x) => x.file.id).sort());
    // The merged records' own history shows on the survivor's timeline, with one `merged` entry naming them.
    const timeline = (await admin.get(`/api/v1/contacts/${a.contact.id}/timeline?since=all&limit=200`)).json<ContactPage['timeline']>().data;
    expect(timeline.filter((e) => e.kind === 'created' && e.module === 'contacts' && e.recordId === a.contact.id)).toHaveLength(4);
    const merged = timeline.filter((e) => e.kind === 'merged');
    expect(merged.map((e) => e.details)).toEqual([{ mergeId: done.mergeId, mergedIds, mergedNames: [b.contact.fullName, c.contact.fullName, converted.fullName] }]);
    expect((await admin.get(`/api/v1/leads/${lead.id}`)).json<Lead>().convertedContactId).toBe(a.contact.id);

    // Nothing points at the merged records now: deals in the recycle bin and import source ids moved too.
    const left = await rawState(h.database.db, 'contacts', mergedIds);
    for (const table of ['deals', 'activities', 'notes', 'attachments', 'timeline', 'leads', 'import_source_ids']) expect(left[table], table).toEqual([]);
    const survivorState = await rawState(h.database.db, 'contacts', [a.contact.id]);
    expect(survivorState.deals?.map((d) => d.name).sort()).toEqual(['A', 'B', 'C'].flatMap((t) => [`Binned deal ${t}`, `Deal ${t}`]).sort());
    expect(survivorState.import_source_ids).toHaveLength(1);
    expect(left.records?.map((r) => [r.merged_into_id, r.deleted_at !== null])).toEqual(mergedIds.map(() => [Number(a.contact.id), true]));
    expect(left.records?.map((r) => r.version)).toEqual([b.contact.version + 1, c.contact.version + 1, converted.version + 1]);
    // The tombstones are gone from lists and search, and not in the recycle bin.
    const list = (await admin.get(`/api/v1/contacts?q=${encodeURIComponent('Merge B')}`)).json<{ data: Contact[] }>().data;
    expect(list.map((x) => x.id)).not.toContain(b.contact.id);
    const bin = (await admin.get('/api/v1/recycle-bin?module=contacts&limit=100')).json<{ data: Array<{ id: string }> }>().data;
    expect(bin.map((x) => x.id)).not.toContain(b.contact.id);
  });

  it('takes the chosen values, else the most recently updated non-empty one, and keeps the owner unless chosen', async () => {
    const key = `tier${Date.now()}`;
    expect((await admin.post('/api/v1/custom-fields', { module: 'contacts', key, label: 'Tier', type: 'text' })).statusCode).toBe(201);
    const sales = await h.client('sales');
    const a = await makeContact(admin, { firstName: 'Anna', lastName: 'Alt', position: 'Clerk', department: 'Sales', customFields: { [key]: 'gold' } });
    const b = await makeContact(admin, { firstName: 'Anne', lastName: 'Neu', ownerId: sales.userId, customFields: { [key]: 'silver' } });
    const c = await makeContact(admin, { firstName: 'Ann', lastName: 'Neuer', birthday: '1980-02-03' });
    // B is changed last: its non-empty values win where nothing is chosen.
    const bNow = (await admin.patch(`/api/v1/contacts/${b.id}`, { position: 'Director', emailOptOut: true, version: b.version })).json<Contact>();
    const done = await merge(admin, 'contacts', {
      survivorId: a.id,
      mergedIds: [b.id, c.id],
      fields: { firstName: a.id, [`customFields.${key}`]: a.id },
      versions: { [a.id]: a.version, [b.id]: bNow.version },
    });
    expect(done.record).toMatchObject({
      firstName: 'Anna', // chosen
      lastName: 'Neu', // B, the most recently updated
      position: 'Director',
      department: 'Sales', // only A has one
      birthday: '1980-02-03', // only C has one
      emailOptOut: true,
      ownerId: admin.userId, // the survivor's: ownership moves only when chosen
      customFields: { [key]: 'gold' },
    });
    const x = await makeContact(admin);
    const y = await makeContact(admin, { ownerId: sales.userId });
    expect((await merge(admin, 'contacts', { survivorId: x.id, mergedIds: [y.id], fields: { ownerId: y.id } })).record.ownerId).toBe(sales.userId);
  });

  it('refuses fields that are not the module\'s and sources outside the merge, naming each', async () => {
    const [a, b, other] = [await makeContact(admin), await makeContact(admin), await makeContact(admin)];
    const res = await admin.post('/api/v1/contacts/merge', { survivorId: a.id, mergedIds: [b.id], fields: { nickname: a.id, lastName: other.id, tags: a.id, 'customFields.nope': a.id, createdAt: b.id }, versions: { [other.id]: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorAnswer>().error.details?.fields).toMatchObject({
      'fields.nickname': { code: 'merge_field' },
      'fields.lastName': { code: 'merge_source' },
      'fields.tags': { code: 'merge_field' },
      'fields.customFields.nope': { code: 'merge_field' },
      'fields.createdAt': { code: 'merge_field' },
      [`versions.${other.id}`]: { code: 'merge_source' },
    });
    expect((await admin.get(`/api/v1/contacts/${b.id}`)).statusCode).toBe(200);
  });

  it('unions contact points and tags without repeats, with one primary per kind (the survivor\'s)', async () => {
    const a = await makeContact(admin, {
      emails: [{ label: 'work', value: 'anna@acme.example', primary: true }],
      websites: [{ label: 'website', value: 'https://acme.example/', primary: true }],
      addresses: [{ label: 'work', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE', primary: true }],
      tags: ['VIP'],
    });
    const b = await makeContact(admin, {
      emails: [{ label: 'home', value: 'Anna@ACME.example', primary: false }, { label: 'home', value: 'anna@home.example', primary: true }],
      phones: [{ label: 'work', value: '+49 30 123456', primary: true }],
      websites: [{ label: 'website', value: 'https://acme.example', primary: true }],
      addresses: [{ label: 'home', street: 'hauptstr. 1', city: 'berlin', postalCode: '10115', country: 'de', primary: true }],
      tags: ['vip', 'Key'],
    });
    const c = await makeContact(admin, { emails: [], phones: [{ label: 'mobile', value: '+49 (0)30 123456', primary: true }, { label: 'mobile', value: '+44 20 7946 0958', primary: false }], tags: ['key'] });
    const { record } = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id, c.id] });
    expect((record.emails as Array<{ value: string; primary: boolean }>).map((e) => [e.value, e.primary])).toEqual([['anna@acme.example', true], ['anna@home.example', false]]);
    expect((record.phones as Array<{ e164: string; primary: boolean }>).map((p) => [p.e164, p.primary])).toEqual([['+4930123456', true], ['+442079460958', false]]);
    expect((record.websites as unknown[]).length).toBe(1);
    expect((record.addresses as unknown[]).length).toBe(1);
    expect([...(record.tags as string[])].sort()).toEqual(['Key', 'VIP']);
    expect(record.primaryEmail).toBe('anna@acme.example');
    expect(record.primaryPhone).toBe('+49 30 123456');
  });

  it('restricts the survivor to the users on every restricted list (the strictest wins), and leaves it open when none is', async () => {
    const [u1, u2, u3] = [await h.client('sales'), await h.client('sales'), await h.client('sales')];
    const a = await makeContact(admin, { restrictedTo: [u1.userId, u2.userId] });
    const b = await makeContact(admin, { restrictedTo: [u2.userId, u3.userId] });
    const c = await makeContact(admin);
    const { record } = await merge(admin, 'contacts', { survivorId: c.id, mergedIds: [a.id, b.id] });
    expect(record.restrictedTo).toEqual([u2.userId]);
    expect((await u1.get(`/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await u2.get(`/api/v1/contacts/${c.id}`)).statusCode).toBe(200);
    const history = (await admin.get(`/api/v1/contacts/${c.id}/history`)).json<{ data: Array<{ action: string }> }>();
    expect(history.data.map((e) => e.action)).toContain('record.restrict');

    const open = await merge(admin, 'contacts', { survivorId: (await makeContact(admin)).id, mergedIds: [(await makeContact(admin)).id] });
    expect(open.record.restrictedTo).toBeNull();
  });

  it('moves a contact to the account of the record whose account is chosen (one account per contact holds)', async () => {
    const [acc1, acc2] = [(await admin.post('/api/v1/accounts', { name: `One ${Date.now()}` })).json<{ id: string }>(), (await admin.post('/api/v1/accounts', { name: `Two ${Date.now()}` })).json<{ id: string }>()];
    const a = await makeContact(admin, { accountId: acc1.id });
    const b = await makeContact(admin, { accountId: acc2.id });
    const { record } = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id], fields: { accountId: b.id } });
    expect(record.accountId).toBe(acc2.id);
  });

  it('answers 400 for hostile values: ids out of range, NUL, six records, a record twice', async () => {
    const [a, b] = [await makeContact(admin), await makeContact(admin)];
    const bodies: Array<[Record<string, unknown>, string]> = [
      [{ survivorId: '2147483648', mergedIds: [b.id] }, 'survivorId'],
      [{ survivorId: a.id, mergedIds: ['9223372036854775808'] }, 'mergedIds.0'],
      [{ survivorId: a.id, mergedIds: [`${b.id}\u0000`] }, 'mergedIds.0'],
      [{ survivorId: a.id, mergedIds: ['1', '2', '3', '4', '5'] }, 'mergedIds'],
      [{ survivorId: a.id, mergedIds: [] }, 'mergedIds'],
      [{ survivorId: a.id, mergedIds: [b.id, b.id] }, 'mergedIds'],
      [{ survivorId: a.id, mergedIds: [a.id] }, 'mergedIds'],
      [{ survivorId: a.id, mergedIds: [b.id], fields: { lastName: '2147483648' } }, 'fields.lastName'],
      [{ survivorId: a.id, mergedIds: [b.id], versions: { [a.id]: 2147483648 } }, `versions.${a.id}`],
      [{ survivorId: a.id, mergedIds: [b.id], fields: { ['x'.repeat(81)]: a.id } }, 'fields'],
      [{ survivorId: a.id, mergedIds: [b.id], extra: true }, ''],
    ];
    for (const [body, field] of bodies) {
      const res = await admin.post('/api/v1/contacts/merge', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      const err = res.json<ErrorAnswer>().error;
      expect(err.code).toBe('validation_failed');
      if (field) expect(Object.keys(err.fields ?? {}).some((f) => f === field || f.startsWith(`${field}.`) || field.startsWith(f)), `${field} in ${JSON.stringify(err.fields)}`).toBe(true);
    }
    for (const url of ['/api/v1/merges/2147483648', '/api/v1/merges/abc']) expect((await admin.get(url)).statusCode).toBe(400);
    expect((await admin.post('/api/v1/merges/2147483648/undo')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/merges/2147483647')).statusCode).toBe(404);
  });
});
