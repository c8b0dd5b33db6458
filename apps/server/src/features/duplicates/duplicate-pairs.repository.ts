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
  key: string;
  record_id: number;
}

export async function keysOfRecords(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<KeyRow[]> {
  const out: KeyRow[] = [];
  for (const s of slices(ids)) out.push(...(await db.selectFrom('duplicate_keys').select(['key', 'record_id']).where('module', '=', module).where('record_id', 'in', s).execute()));
  return out;
}

export async function deleteKeys(db: Kysely<DB>, module: DuplicateModule, rows: readonly KeyRow[]): Promise<void> {
  const byRecord = new Map<number, string[]>();
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
export async function holdersOfKeys(db: Kysely<DB>, module: DuplicateModule, keys: readonly string[], perKey: number): Promise<KeyRow[]> {
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

export async function takePending(db: Kysely<DB>, limit: number): Promise<Array<{ module: string; record_id: number }>> {
  return db.selectFrom('duplicate_pending').select(['module', 'record_id']).orderBy('module').orderBy('record_id').limit(limit).execute();
}

export async function clearPending(db: Kysely<DB>, module: string, ids: readonly number[]): Promise<void> {
  for (const s of slices(ids)) await db.deleteFrom('duplicate_pending').where('module', '=', module).where('record_id', 'in', s).execute();
}
