import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { CONCAT_SEPARATOR, orderedConcat } from '../../db/dialect.ts';
import { nowIso } from '../../lib/time.ts';

const palette = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#f97316', '#64748b', '#84cc16'];

/** Tag names are unique without regard to case or surrounding space. */
export const tagKey = (name: string): string => name.trim().toLocaleLowerCase('en');

export function defaultTagColor(name: string): string {
  let h = 0;
  for (const ch of tagKey(name)) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[h % palette.length] ?? '#64748b';
}

/**
 * The tags with these names, created where missing (duplicates dropped): their ids in input order, and their stored names in the order a
 * record shows them (by key, in the database's collation) when every one already existed (else null).
 */
async function ensureTagRows(trx: Transaction<DB> | Kysely<DB>, names: string[]): Promise<{ ids: number[]; ordered: string[] | null }> {
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(tagKey(n))) byKey.set(tagKey(n), n.trim());
  if (byKey.size === 0) return { ids: [], ordered: [] };
  const keys = [...byKey.keys()];
  const existing = await trx.selectFrom('tags').select(['id', 'name', 'name_key']).where('name_key', 'in', keys).orderBy('name_key').execute();
  const ids = new Map(existing.map((t) => [t.name_key, t.id]));
  const now = nowIso();
  for (const [key, name] of byKey) {
    if (ids.has(key)) continue;
    // Two requests may create the same new tag at once (PostgreSQL runs them side by side): the second one waits for
    // the first to commit, inserts nothing, and reads the first one's row.
    const row =
      (await trx
        .insertInto('tags')
        .values({ name, name_key: key, color: defaultTagColor(name), created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('name_key').doNothing())
        .returning('id')
        .executeTakeFirst()) ?? (await trx.selectFrom('tags').select('id').where('name_key', '=', key).executeTakeFirstOrThrow());
    ids.set(key, row.id);
  }
  return { ids: keys.map((k) => ids.get(k)).filter((id): id is number => id !== undefined), ordered: existing.length === byKey.size ? existing.map((t) => t.name) : null };
}

/**
 * Tags many new records at once (an import's chunk): the tags they name are found or created once for all of them,
 * then one insert links them.
 */
export async function addTagsToNewRecords(trx: Transaction<DB>, module: Module, tagged: ReadonlyArray<{ recordId: number; names: readonly string[] }>): Promise<void> {
  const all = tagged.flatMap((t) => t.names);
  if (all.length === 0) return;
  const { ids } = await ensureTagRows(trx, all);
  const keys = [...new Set(all.map(tagKey))];
  const idOf = new Map(keys.map((k, i) => [k, ids[i]]));
  const rows = tagged.flatMap((t) => [...new Set(t.names.map(tagKey))].flatMap((k) => {
    const tagId = idOf.get(k);
    return tagId === undefined ? [] : [{ module, record_id: t.recordId, tag_id: tagId }];
  }));
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('record_tags').values(rows.slice(i, i + 1000)).execute();
}

/** Whether `names` would give a record with the tags `current` (stored names) the same tags. */
export function sameTags(current: readonly string[], names: readonly string[]): boolean {
  const a = new Set(current.map(tagKey));
  const b = new Set(names.map(tagKey));
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/** Sets the record's tags; answers its tag names as a read shows them (read back only when a tag was created). */
export async function setRecordTags(trx: Transaction<DB>, module: Module, recordId: number, names: string[], opts: { fresh?: boolean } = {}): Promise<string[]> {
  const { ids: tagIds, ordered } = await ensureTagRows(trx, names);
  if (!opts.fresh) await trx.deleteFrom('record_tags').where('module', '=', module).where('record_id', '=', recordId).execute();
  if (tagIds.length) await trx.insertInto('record_tags').values(tagIds.map((tag_id) => ({ module, record_id: recordId, tag_id }))).execute();
  return ordered ?? (await loadTagNames(trx, module, [recordId])).get(recordId) ?? [];
}

export async function deleteRecordTags(trx: Transaction<DB>, module: Module, recordIds: number[]): Promise<void> {
  if (recordIds.length) await trx.deleteFrom('record_tags').where('module', '=', module).where('record_id', 'in', recordIds).execute();
}

/** Tag names per record, for a page of records in one query. */
export async function loadTagNames(db: Kysely<DB>, module: Module, recordIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (recordIds.length === 0) return out;
  const rows = await db
    .selectFrom('record_tags')
    .innerJoin('tags', 'tags.id', 'record_tags.tag_id')
    .select(['record_tags.record_id', 'tags.name'])
    .where('record_tags.module', '=', module)
    .where('record_tags.record_id', 'in', recordIds)
    .orderBy('tags.name_key')
    .execute();
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push(r.name);
    out.set(r.record_id, list);
  }
  return out;
}

/** "Has the tag named `name`", as an EXISTS over record_tags, for the list filter of either module. */
export function hasTag(module: Module, name: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from record_tags rt join tags t on t.id = rt.tag_id
    where rt.module = ${sql.lit(module)} and rt.record_id = ${sql.ref(`${module}.id`)} and t.name_key = ${tagKey(name)})`;
}

/** The record's tag names, ordered, as one value of a list row (no second query per page). */
export function tagNamesColumn(db: Kysely<DB>, module: Module): RawBuilder<string | null> {
  const names = orderedConcat(db, sql`t.name`, sql`t.name_key`);
  return sql<string | null>`(select ${names} from record_tags rt join tags t on t.id = rt.tag_id
    where rt.module = ${sql.lit(module)} and rt.record_id = ${sql.ref(`${module}.id`)})`;
}

export const splitTagNames = (value: string | null): string[] => (value ? value.split(CONCAT_SEPARATOR) : []);
