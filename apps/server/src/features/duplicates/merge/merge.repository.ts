import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB, MergesTable } from '../../../db/schema.ts';
import { nowIso } from '../../../lib/time.ts';
import type { Actor } from '../../permissions/actor.ts';
import { MAX_MERGE_CHAIN } from '../../records/tombstones.ts';
import { recordsForRules, updateVersionedRow, visibleRecords } from '../../records/visible-records.ts';
import type { SnapshotRecord } from './merge-snapshot.ts';

/** The SQL of merges (issue #16): the records' raw rows and side rows, tombstones, and the `merges` table. */

export type RawRow = Record<string, unknown> & {
  id: number;
  version: number;
  owner_id: number | null;
  restricted: number;
  deleted_at: string | null;
  merged_into_id: number | null;
  updated_at: string;
  updated_by: number | null;
};

/**
 * The rows of `ids` the actor may see, every column (a merge's snapshot keeps them all): the live ones, and only when
 * some are not live, those in the recycle bin or merged (deleted rows) as well.
 */
export async function visibleRawRows(db: Kysely<DB>, actor: Actor, module: DuplicateModule, ids: readonly number[]): Promise<RawRow[]> {
  const read = (deleted: boolean) => (visibleRecords(db, actor, module, { deleted }) as unknown as SelectQueryBuilder<DB, 'contacts', object>).selectAll().where('id', 'in', [...ids]).execute();
  const live = (await read(false)) as unknown as RawRow[];
  return live.length === ids.length ? live : [...live, ...((await read(true)) as unknown as RawRow[])];
}

/**
 * The rows of `ids` whoever may see them: for an undo, which puts back records the merging user was allowed to merge
 * (their rights were checked then) and compares them with what the merge left; nothing of them is answered.
 */
export async function rawRowsForUndo(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<RawRow[]> {
  if (ids.length === 0) return [];
  const qb = recordsForRules(db, module) as unknown as SelectQueryBuilder<DB, 'contacts', object>;
  return (await qb.selectAll().where('id', 'in', [...ids]).execute()) as unknown as RawRow[];
}

/** Contact points, tags and restricted lists of these records, as stored. */
export async function sideRows(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<Map<number, Omit<SnapshotRecord, 'row' | 'name'>>> {
  const list = [...ids];
  const [points, tags, access] = [
    await db.selectFrom('contact_points').selectAll().where('module', '=', module).where('record_id', 'in', list).orderBy('id').execute(),
    await db.selectFrom('record_tags').selectAll().where('module', '=', module).where('record_id', 'in', list).orderBy('tag_id').execute(),
    await db.selectFrom('record_access').selectAll().where('module', '=', module).where('record_id', 'in', list).orderBy('user_id').execute(),
  ];
  return new Map(
    list.map((id) => [
      id,
      {
        points: points.filter((p) => p.record_id === id),
        tags: tags.filter((r) => r.record_id === id),
        access: access.filter((r) => r.record_id === id),
      },
    ]),
  );
}

/** Makes a merged record a tombstone (deleted, not in the recycle bin, pointing at its survivor), at the version checked. */
export async function markMerged(db: Kysely<DB>, module: DuplicateModule, id: number, version: number, survivorId: number, actor: Actor): Promise<RawRow | undefined> {
  const now = nowIso();
  const set = { deleted_at: now, deleted_by: actor.id, updated_at: now, updated_by: actor.id, merged_into_id: survivorId };
  return (await updateVersionedRow(db, module as 'contacts', id, version, set)) as RawRow | undefined;
}

export type MergeRow = Selectable<MergesTable>;

export async function insertMerge(db: Kysely<DB>, row: { module: DuplicateModule; survivor_id: number; merged_ids: number[]; snapshot: string; created_by: number }): Promise<number> {
  const { id } = await db
    .insertInto('merges')
    .values({ ...row, merged_ids: JSON.stringify(row.merged_ids), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findMerge(db: Kysely<DB>, id: number): Promise<MergeRow | undefined> {
  return db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a merge undone, once (false: someone else undid it first). */
export async function markUndone(db: Kysely<DB>, id: number, actor: Actor): Promise<boolean> {
  const res = await db.updateTable('merges').set({ undone_at: nowIso(), undone_by: actor.id }).where('id', '=', id).where('undone_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Who last changed a record and when, by its newest timeline event (what an undo names when the record changed). */
export async function latestEvent(db: Kysely<DB>, module: DuplicateModule, id: number): Promise<{ actor_id: number | null; at: string } | undefined> {
  return db.selectFrom('timeline_events').select(['actor_id', 'at']).where('module', '=', module).where('record_id', '=', id).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Writes a record's row back as a snapshot holds it (every column but the id). */
export async function writeRow(db: Kysely<DB>, module: DuplicateModule, row: Readonly<Record<string, unknown>>): Promise<void> {
  const { id, ...set } = row;
  await db
    .updateTable(module as 'contacts')
    .set(set as Updateable<DB['contacts']>)
    .where('id', '=', Number(id))
    .execute();
}

/** Replaces the contact points, tags and restricted lists of these records with the snapshot's (tags that no longer exist are left out). */
export async function writeSideRows(db: Kysely<DB>, module: DuplicateModule, records: readonly SnapshotRecord[]): Promise<void> {
  const ids = records.map((r) => r.row.id);
  if (ids.length === 0) return;
  for (const table of ['contact_points', 'record_tags', 'record_access'] as const) {
    await db.deleteFrom(table).where('module', '=', module).where('record_id', 'in', ids).execute();
  }
  const points = records.flatMap((r) => r.points);
  if (points.length) await db.insertInto('contact_points').values(points as Array<Selectable<DB['contact_points']>>).execute();
  const tags = records.flatMap((r) => r.tags);
  if (tags.length) {
    const live = new Set((await db.selectFrom('tags').select('id').where('id', 'in', [...new Set(tags.map((t) => t.tag_id))]).execute()).map((t) => t.id));
    const kept = tags.filter((t) => live.has(t.tag_id));
    if (kept.length) await db.insertInto('record_tags').values(kept).execute();
  }
  const access = records.flatMap((r) => r.access);
  if (access.length) await db.insertInto('record_access').values(access).execute();
}

/**
 * Where a reference of a restored row should point now: a record merged since is followed to its survivor, and one
 * that is no longer live (purged, in the recycle bin) is cut, as a restore from the recycle bin cuts it. A rule over
 * accounts whoever may see them (the row keeps its link as it was; nothing is answered).
 */
export async function liveTargets(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  for (const start of new Set(ids)) {
    let current: number | null = start;
    let live: number | null = null;
    for (let step = 0; current !== null && live === null && step <= MAX_MERGE_CHAIN; step++) {
      const row: { deleted_at: string | null; merged_into_id: number | null } | undefined = await (recordsForRules(db, 'accounts') as unknown as SelectQueryBuilder<DB, 'accounts', object>)
        .select(['deleted_at', 'merged_into_id'])
        .where('id', '=', current)
        .executeTakeFirst();
      if (row && row.deleted_at === null) live = current;
      else current = row?.merged_into_id ?? null;
    }
    out.set(start, live);
  }
  return out;
}

/** The accounts whose parent chain, walked up from each of `ids`, comes back to where it started (a cycle). */
export async function accountsInCycles(db: Kysely<DB>, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: number }>`with recursive up(start, id, depth) as (
      select a.id, a.parent_account_id, 1 from accounts a where a.id in (${sql.join([...ids])}) and a.parent_account_id is not null
      union all
      select up.start, a.parent_account_id, up.depth + 1 from up join accounts a on a.id = up.id
      where a.parent_account_id is not null and up.id <> up.start and up.depth < 50
    ) select distinct start as id from up where id = start`.execute(db);
  return rows.map((r) => Number(r.id));
}
