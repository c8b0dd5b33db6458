import { describe, expect, it } from 'vitest';
import type { DuplicateListResponse } from '@kontor/contract/duplicates';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';
import { problemsOf, runImport, waitForImport } from '../imports/import-test-kit.ts';

/** The import's dedupe options ask the duplicates' matcher (issue #16), and what an import creates joins the clusters. */
const { admin } = useHarness();
const csv = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));
let seq = 0;
const u = () => `${Date.now().toString(36)}${(seq += 1)}`;

describe('imports and the duplicates matcher', () => {
  it('skips a row whose name is a similar spelling of a contact in the same account', async () => {
    const company = `Similar Co ${u()}`;
    const acc = await makeAccount(admin, { name: company });
    await makeContact(admin, { firstName: 'Johann', lastName: 'Meyer', accountId: acc.id });
    const file = csv(`First Name,Last Name,Company\nJohan,Meier,${company}\nKlara,Schulz,${company}\n`);
    const imp = await runImport(admin, 'contacts', 'similar.csv', file, { options: { dedupe: { mode: 'skip', matchOn: ['name_account'] } } });
    expect(imp.counts).toMatchObject({ created: 1, skipped: 1 });
    expect((await problemsOf(admin, imp.id))[0]).toMatchObject({ line: 2, code: 'duplicate', outcome: 'skipped' });
    // Matching on e-mail only, the same row is created: the options choose the reasons.
    const byEmail = await runImport(admin, 'contacts', 'similar2.csv', csv(`First Name,Last Name,Company\nJohan,Meier,${company}\n`), { options: { dedupe: { mode: 'skip', matchOn: ['email'] } } });
    expect(byEmail.counts).toMatchObject({ created: 1, skipped: 0 });
  });

  it('keeps the clusters current for what an import creates', async () => {
    const email = `imported.${u()}@example.com`;
    const existing = await makeContact(admin, { lastName: `Existing${u()}`, emails: [{ label: 'work', value: email, primary: true }] });
    const imp = await runImport(admin, 'contacts', 'create.csv', csv(`First Name,Last Name,E-mail Address\nIm,Ported,${email}\n`), { options: { dedupe: { mode: 'create', matchOn: ['email'] } } });
    expect(imp.counts).toMatchObject({ created: 1 });
    const list = (await admin.get('/api/v1/contacts/duplicates?limit=100')).json<DuplicateListResponse>();
    const cluster = list.data.find((c) => c.records.some((r) => r.id === existing.id));
    expect(cluster?.records).toHaveLength(2);
    expect(cluster?.pairs[0]?.reasons[0]).toEqual({ code: 'email', value: email });
  });

  it('an import undo keeps records merged since (the merge\'s undo needs the tombstone)', async () => {
    const k = u();
    const imp = await runImport(admin, 'contacts', 'merge-me.csv', csv(`First Name,Last Name,E-mail Address\nAda,Merge${k},ada.${k}@example.com\nAda,Merge${k},ADA.${k}@example.com\n`), {
      options: { dedupe: { mode: 'create', matchOn: ['email'] } },
    });
    expect(imp.counts).toMatchObject({ created: 2 });
    const ids = (await admin.get(`/api/v1/contacts?q=Merge${k}`)).json<{ data: Array<{ id: string }> }>().data.map((c) => c.id).sort();
    expect(ids).toHaveLength(2);
    const merged = await admin.post('/api/v1/contacts/merge', { survivorId: ids[0], mergedIds: [ids[1]] });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await admin.post(`/api/v1/imports/${imp.id}/undo`, {})).statusCode).toBe(202);
    expect((await waitForImport(admin, imp.id, ['undone', 'failed'])).status).toBe('undone');
    expect((await admin.get(`/api/v1/contacts/${ids[0]}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/contacts/${ids[1]}`)).statusCode).toBe(307);
    const { mergeId } = merged.json<{ mergeId: string }>();
    expect((await admin.post(`/api/v1/merges/${mergeId}/undo`, {})).statusCode).toBe(200);
  });
});
