import { describe, expect, it } from 'vitest';
import { perModule, type OrgDefault } from '@kontor/contract/permissions';
import { useHarness } from '../../test/harness.ts';
import { makeContact } from '../../test/factories.ts';
import { systemActor, type Actor } from '../permissions/actor.ts';
import { joinableRecord, visibleRecords } from './visible-records.ts';

const { h, admin } = useHarness();

/** A non-administrator as the auth hook builds one, with the id sets that vary from user to user. */
const reader = (id: number, ownerIds: number[], shareRoleIds: number[], orgDefault: OrgDefault): Actor => ({
  ...systemActor(id),
  isAdmin: false,
  ownerIds,
  shareRoleIds,
  orgDefaults: perModule(() => orgDefault),
});

describe('the visibility condition', () => {
  it('binds who asks: one statement text for every user, whatever their id and subordinates', async () => {
    const db = h.database.db;
    const sqlFor = (actor: Actor) =>
      visibleRecords(db, actor, 'contacts')
        .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'contacts.account_id').on(joinableRecord(actor, 'accounts', 'accounts')))
        .select('contacts.id')
        .compile();
    for (const orgDefault of ['private', 'read_write'] as const) {
      const one = sqlFor(reader(424242, [424242], [], orgDefault));
      const many = sqlFor(reader(123456, [123456, 8, 9, 10], [3, 4], orgDefault));
      expect(many.sql).toBe(one.sql);
      expect(one.sql).not.toMatch(/424242|123456/);
      expect(many.parameters).toContain(123456);
    }
  });

  it('finds the same records with one owner, several and none below', async () => {
    const owner = Number(admin.userId);
    const mine = await makeContact(admin, { lastName: 'Bound', restrictedTo: [] });
    const ids = async (actor: Actor) => (await visibleRecords(h.database.db, actor, 'contacts').select('id').where('last_name', '=', 'Bound').execute()).map((r) => String(r.id));
    for (const orgDefault of ['private', 'read_write'] as const) {
      expect(await ids(reader(owner, [owner], [], orgDefault))).toEqual([mine.id]);
      expect(await ids(reader(999_999, [999_999, owner, 5], [1, 2], orgDefault))).toEqual([mine.id]);
      expect(await ids(reader(999_999, [999_999], [], orgDefault))).toEqual([]);
    }
  });
});
