import { sql, type Kysely } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';

/** SQL of the duplicate upkeep (issue #16): keys, pairs, clusters and dismissals; none of it reads a record table. */

const SLICE = 500;
const slices = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
};

export interface KeyRow {
  /** `keyHash` of the key's text. */
  key: number;
  record_id: number;
}

export async function keysOfRecords(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<KeyRow[]> {
  const out: KeyRow[] = [];
  for (const s of slices(ids)) out.push(...(await db.selectFrom('duplicate_keys').select(['key', 'record_id']).where('module', '=', module).where('record_id', 'in', s).execute()));
  return out;
}

export async function deleteKeys(db: Kysely<DB>, module: DuplicateModule, rows: readonly KeyRow[]): Promise<void> {
  const byRecord = new Map<number, number[]>();
  for (const r of rows) byRecord.set(r.record_id, [...(byRecord.get(r.record_id) ?? []), r.key]);
  for (const [id, keys] of byRecord) {
    for (const s of slices(keys)) await db.deleteFrom('duplicate_keys').where('module', '=', module).where('record_id', '=', id).where('key', 'in', s).execute();
  }
}

export async function insertKeys(db: Kysely<DB>, module: DuplicateModule, rows: readonly KeyRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('duplicate_keys')
      .values(rows.slice(i, i + 300).map((r) => ({ module, key: r.key, record_id: r.record_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Who else holds these keys: at most `perKey` records per key (the newest), so a key thousands share stays cheap. */
export async function holdersOfKeys(db: Kysely<DB>, module: DuplicateModule, keys: readonly number[], perKey: number): Promise<KeyRow[]> {
  const out: KeyRow[] = [];
  for (const s of slices([...new Set(keys)])) {
    const { rows } = await sql<KeyRow>`select key, record_id from (
        select key, record_id, row_number() over (partition by key order by record_id desc) as n
        from duplicate_keys where module = ${module} and key in (${sql.join(s)})) ranked
      where n <= ${perKey}`.execute(db);
    out.push(...rows);
  }
  return out;
}

export interface PairRow {
  low_id: number;
  high_id: number;
  score: number;
  reasons: string;
}

export async function pairsTouching(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<PairRow[]> {
  const out = new Map<string, PairRow>();
  for (const s of slices(ids)) {
    const rows = await db
      .selectFrom('duplicate_pairs')
      .select(['low_id', 'high_id', 'score', 'reasons'])
      .where('module', '=', module)
      .where((eb) => eb.or([eb('low_id', 'in', s), eb('high_id', 'in', s)]))
      .execute();
    for (const r of rows) out.set(`${r.low_id}:${r.high_id}`, r);
  }
  return [...out.values()];
}

export async function deletePairsTouching(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<void> {
  for (const s of slices(ids)) {
    await db
      .deleteFrom('duplicate_pairs')
      .where('module', '=', module)
      .where((eb) => eb.or([eb('low_id', 'in', s), eb('high_id', 'in', s)]))
      .execute();
  }
}

export async function insertPairs(db: Kysely<DB>, module: DuplicateModule, rows: readonly PairRow[]): Promise<void> {
  // Many pairs (a rebuild) go as JSON parameters of 20,000 rows: one statement instead of a hundred.
  if (rows.length > 1000) {
    for (let i = 0; i < rows.length; i += 20_000) {
      const json = JSON.stringify(rows.slice(i, i + 20_000).map((r) => [r.low_id, r.high_id, r.score, r.reasons]));
      await (isSqlite(db)
        ? sql`insert or replace into duplicate_pairs (module, low_id, high_id, score, reasons)
            select ${module}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 from json_each(${json}) j`
        : sql`insert into duplicate_pairs (module, low_id, high_id, score, reasons)
            select ${module}, (j.value ->> 0)::integer, (j.value ->> 1)::integer, (j.value ->> 2)::integer, j.value ->> 3 from jsonb_array_elements(${json}::jsonb) j
            on conflict (module, low_id, high_id) do update set score = excluded.score, reasons = excluded.reasons`
      ).execute(db);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('duplicate_pairs')
      .values(rows.slice(i, i + 200).map((r) => ({ module, ...r })))
      .onConflict((oc) => oc.columns(['module', 'low_id', 'high_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), reasons: eb.ref('excluded.reasons') })))
      .execute();
  }
}

/** Pairs marked "not a duplicate" among records touching these ids, as `low:high`. */
export async function dismissedTouching(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const s of slices(ids)) {
    const rows = await db
      .selectFrom('duplicate_dismissals')
      .select(['low_id', 'high_id'])
      .where('module', '=', module)
      .where((eb) => eb.or([eb('low_id', 'in', s), eb('high_id', 'in', s)]))
      .execute();
    for (const r of rows) out.add(`${r.low_id}:${r.high_id}`);
  }
  return out;
}

export async function insertDismissals(db: Kysely<DB>, module: DuplicateModule, pairs: ReadonlyArray<[number, number]>, userId: number, at: string): Promise<void> {
  if (!pairs.length) return;
  await db
    .insertInto('duplicate_dismissals')
    .values(pairs.map(([low_id, high_id]) => ({ module, low_id, high_id, created_by: userId, created_at: at })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const [low, high] of pairs) await db.deleteFrom('duplicate_pairs').where('module', '=', module).where('low_id', '=', low).where('high_id', '=', high).execute();
}

export async function clustersOf(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const s of slices(ids)) {
    const rows = await db.selectFrom('duplicate_members').select('cluster_id').where('module', '=', module).where('record_id', 'in', s).execute();
    for (const r of rows) out.add(r.cluster_id);
  }
  return [...out];
}

export async function membersOfClusters(db: Kysely<DB>, clusterIds: readonly number[]): Promise<Array<{ cluster_id: number; record_id: number }>> {
  const out: Array<{ cluster_id: number; record_id: number }> = [];
  for (const s of slices(clusterIds)) out.push(...(await db.selectFrom('duplicate_members').select(['cluster_id', 'record_id']).where('cluster_id', 'in', s).execute()));
  return out;
}

export async function deleteClusters(db: Kysely<DB>, clusterIds: readonly number[]): Promise<void> {
  for (const s of slices(clusterIds)) {
    await db.deleteFrom('duplicate_members').where('cluster_id', 'in', s).execute();
    await db.deleteFrom('duplicate_clusters').where('id', 'in', s).execute();
  }
}

export interface NewCluster {
  score: number;
  members: number[];
}

export async function insertClusters(db: Kysely<DB>, module: DuplicateModule, clusters: readonly NewCluster[], at: string): Promise<void> {
  for (let i = 0; i < clusters.length; i += 200) {
    const batch = clusters.slice(i, i + 200);
    const ids = await db
      .insertInto('duplicate_clusters')
      .values(batch.map((c) => ({ module, score: c.score, size: c.members.length, updated_at: at })))
      .returning('id')
      .execute();
    const members = batch.flatMap((c, j) => c.members.map((record_id) => ({ module, record_id, cluster_id: Number(ids[j]?.id) })));
    for (let k = 0; k < members.length; k += 300) await db.insertInto('duplicate_members').values(members.slice(k, k + 300)).execute();
  }
}

/** Empties every module's keys, pairs and clusters at once (SQLite truncates a table deleted without a condition). */
export async function clearAll(db: Kysely<DB>): Promise<void> {
  for (const table of ['duplicate_members', 'duplicate_clusters', 'duplicate_pairs', 'duplicate_keys', 'duplicate_pending'] as const) await db.deleteFrom(table).execute();
}

/** Empties a module's keys, pairs and clusters (a rebuild starts from nothing; dismissals stay). */
export async function clearModule(db: Kysely<DB>, module: DuplicateModule): Promise<void> {
  await db.deleteFrom('duplicate_members').where('module', '=', module).execute();
  await db.deleteFrom('duplicate_clusters').where('module', '=', module).execute();
  await db.deleteFrom('duplicate_pairs').where('module', '=', module).execute();
  await db.deleteFrom('duplicate_keys').where('module', '=', module).execute();
  await db.deleteFrom('duplicate_pending').where('module', '=', module).execute();
}

/** Whether migration 021 is in (the upkeep runs before it too, in the migrations' own transactions). */
export async function duplicateTablesExist(db: Kysely<DB>): Promise<boolean> {
  const { rows } = isSqlite(db)
    ? await sql<{ found: number }>`select count(*) as found from sqlite_master where type = 'table' and name = 'duplicate_pending'`.execute(db)
    : await sql<{ found: number }>`select count(*) as found from pg_class where oid = to_regclass('duplicate_pending')`.execute(db);
  return Number(rows[0]?.found ?? 0) > 0;
}

/**
 * PostgreSQL: one upkeep at a time, until the transaction ends. Two transactions regrouping the same cluster at once
 * would both delete it and both insert its members (a unique violation); SQLite's single writer serialises them anyway.
 * The upkeep writes only the duplicate tables, so waiting here cannot deadlock with the writes before it.
 */
export async function lockUpkeep(db: Kysely<DB>): Promise<void> {
  if (!isSqlite(db)) await sql`select pg_advisory_xact_lock(160016)`.execute(db);
}

export async function takePending(db: Kysely<DB>, limit: number): Promise<Array<{ module: string; record_id: number }>> {
  return db.selectFrom('duplicate_pending').select(['module', 'record_id']).orderBy('module').orderBy('record_id').limit(limit).execute();
}

export async function clearPending(db: Kysely<DB>, module: string, ids: readonly number[]): Promise<void> {
  for (const s of slices(ids)) await db.deleteFrom('duplicate_pending').where('module', '=', module).where('record_id', 'in', s).execute();
}

/**
 * Many keys at once, for a rebuild: `[key, record_id]` pairs as one JSON parameter. SQLite collects them in a
 * temporary table and `finishBulkKeys` inserts them in key order (appending to the primary key's b-tree instead of
 * splitting pages all over it: 4 s -> 2 s per 600,000 keys); PostgreSQL inserts them as they come. Both must run on one
 * connection (`db.connection()`).
 */
export async function stageBulkKeys(db: Kysely<DB>, module: DuplicateModule, rows: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  if (isSqlite(db)) {
    await sql`create temp table if not exists duplicate_keys_staging (key integer not null, record_id integer not null)`.execute(db);
    await sql`insert into duplicate_keys_staging (key, record_id) select j.value ->> 0, j.value ->> 1 from json_each(${json}) j`.execute(db);
  } else {
    await sql`insert into duplicate_keys (module, key, record_id)
      select ${module}, (j.value ->> 0)::bigint, (j.value ->> 1)::integer from jsonb_array_elements(${json}::jsonb) j
      on conflict do nothing`.execute(db);
  }
}

export async function finishBulkKeys(db: Kysely<DB>, module: DuplicateModule): Promise<void> {
  if (!isSqlite(db)) return;
  await db.transaction().execute(async (trx) => {
    await sql`create temp table if not exists duplicate_keys_staging (key integer not null, record_id integer not null)`.execute(trx);
    await sql`insert or ignore into duplicate_keys (module, key, record_id) select ${module}, key, record_id from duplicate_keys_staging order by key, record_id`.execute(trx);
    await sql`delete from duplicate_keys_staging`.execute(trx);
  });
}

/** A page of a module's keys in (key, record_id) order after a position (a rebuild walks the index this way). */
export async function keysAfter(db: Kysely<DB>, module: DuplicateModule, after: KeyRow | null, limit: number): Promise<KeyRow[]> {
  let q = db.selectFrom('duplicate_keys').select(['key', 'record_id']).where('module', '=', module);
  if (after) q = q.where(sql<boolean>`(key, record_id) > (${after.key}, ${after.record_id})`);
  return q.orderBy('key').orderBy('record_id').limit(limit).execute();
}

export async function allDismissals(db: Kysely<DB>, module: DuplicateModule): Promise<Set<string>> {
  const rows = await db.selectFrom('duplicate_dismissals').select(['low_id', 'high_id']).where('module', '=', module).execute();
  return new Set(rows.map((r) => `${r.low_id}:${r.high_id}`));
}
