import type { Kysely } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { recordsForRules } from '../records/visible-records.ts';
import { websiteDomain, type DuplicateProfile } from './duplicate-keys.ts';

/**
 * The identifying parts of live records, for the duplicate upkeep (issue #16). The upkeep keeps keys and pairs for the
 * whole database, whoever wrote, so it reads rows regardless of the caller (`recordsForRules`); nothing read here is
 * answered to anyone: every answer that shows a record reads it again through `visibleRecords`.
 * Records in the recycle bin and merged tombstones have no profile (they are nobody's duplicate).
 */
export async function loadProfiles(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<Map<number, DuplicateProfile>> {
  const out = new Map<number, DuplicateProfile>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await profileRows(db, module, { ids: ids.slice(i, i + 500) });
    if (rows.length === 0) continue;
    for (const r of rows) out.set(r.id, { ...r, module, emails: [], phones: [], websites: [] });
    const points = await db
      .selectFrom('contact_points')
      .select(['record_id', 'kind', 'value', 'e164'])
      .where('module', '=', module)
      .where('record_id', 'in', rows.map((r) => r.id))
      .where('kind', 'in', ['emails', 'phones', 'websites'])
      .execute();
    addPoints(out, points);
  }
  return out;
}

/**
 * The live records after `afterId` in id order, `limit` of them (a rebuild's keyset walk), in two range reads: the
 * rows, and their contact points from the `(module, record_id)` index.
 */
export async function profilesAfter(db: Kysely<DB>, module: DuplicateModule, afterId: number, limit: number): Promise<{ lastId: number | null; profiles: Map<number, DuplicateProfile> }> {
  const rows = await profileRows(db, module, { after: afterId, limit });
  const lastId = rows[rows.length - 1]?.id ?? null;
  const out = new Map<number, DuplicateProfile>();
  if (lastId === null) return { lastId, profiles: out };
  for (const r of rows) out.set(r.id, { ...r, module, emails: [], phones: [], websites: [] });
  const points = await db
    .selectFrom('contact_points')
    .select(['record_id', 'kind', 'value', 'e164'])
    .where('module', '=', module)
    .where('record_id', '>', afterId)
    .where('record_id', '<=', lastId)
    .where('kind', 'in', ['emails', 'phones', 'websites'])
    .execute();
  addPoints(out, points);
  return { lastId, profiles: out };
}

type ProfileRow = Pick<DuplicateProfile, 'id' | 'firstName' | 'lastName' | 'name' | 'accountId' | 'updatedAt'>;

/** Live rows by id, or a page after an id in id order: the parts of a profile the record's own row holds. */
async function profileRows(db: Kysely<DB>, module: DuplicateModule, scope: { ids: readonly number[] } | { after: number; limit: number }): Promise<ProfileRow[]> {
  if (module === 'contacts') {
    let q = recordsForRules(db, 'contacts').select(['id', 'first_name', 'last_name', 'account_id', 'updated_at']).where('deleted_at', 'is', null);
    q = 'ids' in scope ? q.where('id', 'in', [...scope.ids]) : q.where('id', '>', scope.after).orderBy('id').limit(scope.limit);
    return (await q.execute()).map((r) => ({ id: r.id, firstName: r.first_name ?? '', lastName: r.last_name ?? '', name: '', accountId: r.account_id, updatedAt: r.updated_at }));
  }
  let q = recordsForRules(db, 'accounts').select(['id', 'name', 'updated_at']).where('deleted_at', 'is', null);
  q = 'ids' in scope ? q.where('id', 'in', [...scope.ids]) : q.where('id', '>', scope.after).orderBy('id').limit(scope.limit);
  return (await q.execute()).map((r) => ({ id: r.id, firstName: '', lastName: '', name: r.name, accountId: null, updatedAt: r.updated_at }));
}

function addPoints(out: Map<number, DuplicateProfile>, points: ReadonlyArray<{ record_id: number; kind: string; value: string; e164: string | null }>): void {
  for (const p of points) {
    const profile = out.get(p.record_id);
    if (!profile) continue;
    if (p.kind === 'emails') profile.emails.push(p.value.trim().toLowerCase());
    else if (p.kind === 'phones') {
      if (p.e164) profile.phones.push(p.e164);
    } else {
      const domain = websiteDomain(p.value);
      if (domain) profile.websites.push(domain);
    }
  }
}
