import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import type { TimelineKind } from '@kontor/contract/timeline';
import type { DB } from '../../db/schema.ts';
import { boundIdSet, isSqlite } from '../../db/dialect.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { writableWhere } from '../permissions/writable-where.ts';
import { descriptorOf } from '../records/registry.ts';
import { nameFromColumns } from '../records/record-name.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { defaultTagColor, tagKey } from '../tags/record-tags.ts';
import type { PointKind } from '../contact-points/contact-points.repository.ts';
import { primaryCopies } from '../contact-points/primary-points.ts';
import { primaryPointValue, setPrimaryPoints } from '../contact-points/primary-points.repository.ts';
import { linkColumnsOf, selfContextColumn, type TimelineContext } from '../timeline/timeline-events.ts';

/**
 * The SQL of mass actions (issue #13): every statement takes a whole chunk of records (ids bound as one parameter,
 * `boundIdSet`), so a chunk of 1,000 records costs a handful of statements whatever it does. Callers pass only ids the
 * actor may change (`chunkCandidates`); each write touches only the rows it really changes, bumps their version and
 * stamps, and writes one timeline event per changed row with an `insert … select` that reads the value before.
 */

/** A selected record as a chunk sees it: its name (for a skip), where its events go, and what the actor may do. */
export interface CandidateRow {
  id: number;
  name: string;
  /** The actor has the right the action needs on it (`writableWhere`). */
  allowed: boolean;
  /** A converted lead (kept as it was converted: only its description, tags and owner change). */
  converted: boolean;
  /** Its link columns (account_id, contact_id, ...), for the context of its timeline events. */
  links: Record<string, unknown>;
}

const ids = (module: Module, list: readonly number[]) => sql<boolean>`${sql.ref(`${module}.id`)} in ${boundIdSet(list)}`;

/**
 * The live records among `list` the actor can see, with whether they may `right` each one (one statement). Records
 * not answered are gone or hidden.
 */
export async function chunkCandidates(db: Kysely<DB>, actor: Actor, module: Module, list: readonly number[], right: keyof RecordAccess): Promise<CandidateRow[]> {
  if (list.length === 0) return [];
  const t = sql.table(module);
  const names = descriptorOf(module).nameColumns;
  const links = linkColumnsOf(module);
  const converted = module === 'leads' ? sql<number>`case when ${t}.status = 'converted' then 1 else 0 end` : sql<number>`0`;
  const rows = (await (visibleRecords(db, actor, module) as unknown as SelectQueryBuilder<DB, 'accounts', object>)
    .select(sql<number>`${t}.id`.as('id'))
    .select([...names, ...links].map((c) => sql<unknown>`${sql.ref(`${module}.${c}`)}`.as(c)))
    .select(sql<number>`case when ${writableWhere(actor, module, right)} then 1 else 0 end`.as('bulk_allowed'))
    .select(converted.as('bulk_converted'))
    .where(ids(module, list))
    .execute()) as unknown as Array<Record<string, unknown> & { id: number; bulk_allowed: number; bulk_converted: number }>;
  return rows.map((r) => ({
    id: Number(r.id),
    name: nameFromColumns(names, r),
    allowed: Number(r.bulk_allowed) === 1,
    converted: Number(r.bulk_converted) === 1,
    links: Object.fromEntries(links.map((c) => [c, r[c] == null ? null : Number(r[c])])),
  }));
}

// ---- JSON in SQL -------------------------------------------------------------------------------------------------

/** A stored value as a JSON text (`null` for NULL), the way the API shows it. */
export type JsonOf = 'text' | 'number' | 'boolean' | 'id';

function jsonValue(db: Kysely<DB>, value: RawBuilder<unknown>, as: JsonOf): RawBuilder<string> {
  if (as === 'boolean') return sql<string>`(case when ${value} = 1 then 'true' when ${value} = 0 then 'false' else 'null' end)`;
  // Empty text shows as null (timeline `apiValue`); ids are strings in the API.
  const v = as === 'text' ? sql`nullif(${value}, '')` : as === 'id' ? sql`cast(${value} as text)` : value;
  return isSqlite(db) ? sql<string>`json_quote(${v})` : sql<string>`coalesce(cast(to_json(${v}) as text), 'null')`;
}

/** A custom field's stored JSON value (`null` when it has none). */
function customJson(db: Kysely<DB>, module: Module, key: string): RawBuilder<string> {
  const col = sql.ref(`${module}.custom_fields`);
  return isSqlite(db) ? sql<string>`coalesce(${col} -> ${`$.${key}`}, 'null')` : sql<string>`coalesce(cast(cast(${col} as jsonb) -> cast(${key} as text) as text), 'null')`;
}

/** `{"changes":[{"field":…,"before":<per row>,"after":…}]}`, the details of an `updated` event, per row (the after too, when it is SQL). */
const changeDetails = (field: string, before: RawBuilder<string>, after: string | RawBuilder<string>): RawBuilder<string> =>
  typeof after === 'string'
    ? sql<string>`cast(${`{"changes":[{"field":${JSON.stringify(field)},"before":`} as text) || ${before} || cast(${`,"after":${after}}]}`} as text)`
    : sql<string>`cast(${`{"changes":[{"field":${JSON.stringify(field)},"before":`} as text) || ${before} || cast(${',"after":'} as text) || ${after} || cast(${'}]}'} as text)`;

// ---- timeline and history, one statement per chunk ---------------------------------------------------------------

/** One event per row of `module` among `list` where `only` holds, its details computed per row (before the write). */
async function eventsForRows(db: Kysely<DB>, actor: Actor, module: Module, kind: TimelineKind, list: readonly number[], only: RawBuilder<boolean>, details: RawBuilder<string>): Promise<void> {
  const t = sql.table(module);
  const own = linkColumnsOf(module);
  const col = (c: keyof TimelineContext) => (selfContextColumn[module] === c ? sql`${t}.id` : own.includes(c) ? sql.ref(`${module}.${c}`) : sql`null`);
  await sql`insert into timeline_events (at, actor_id, kind, module, record_id, account_id, contact_id, deal_id, lead_id, details)
    select ${nowIso()}, ${actor.id}, ${kind}, ${module}, ${t}.id, ${col('account_id')}, ${col('contact_id')}, ${col('deal_id')}, ${col('lead_id')}, ${details}
    from ${t} where ${ids(module, list)} and ${only}`.execute(db);
}

/** The stamps and version of every changed row. */
const bumped = (actor: Actor) => sql`version = version + 1, updated_at = ${nowIso()}, updated_by = ${actor.id}`;

/**
 * Hands the records among `list` not owned by `ownerId` to them: an `owner_changed` event and an access-history entry
 * (audit log, as a transfer writes them) per record, then one update. Answers how many changed owner.
 */
export async function transferOwnerChunk(db: Kysely<DB>, actor: Actor, module: Module, list: readonly number[], ownerId: number, ip: string | null): Promise<number> {
  if (list.length === 0) return 0;
  const t = sql.table(module);
  const differs = sql<boolean>`(${t}.owner_id is null or ${t}.owner_id <> ${ownerId})`;
  const from = sql<string>`(case when ${t}.owner_id is null then 'null' else '"' || cast(${t}.owner_id as text) || '"' end)`;
  const details = sql<string>`cast(${'{"fromOwnerId":'} as text) || ${from} || cast(${`,"toOwnerId":${JSON.stringify(String(ownerId))},"via":"transfer"}`} as text)`;
  await eventsForRows(db, actor, module, 'owner_changed', list, differs, details);
  await sql`insert into audit_log (at, actor_id, action, target_type, target_id, details, ip)
    select ${nowIso()}, ${actor.id}, 'record.owner_change', ${module}, cast(${t}.id as text), ${details}, ${ip}
    from ${t} where ${ids(module, list)} and ${differs}`.execute(db);
  const res = await sql`update ${t} set owner_id = ${ownerId}, ${bumped(actor)} where ${ids(module, list)} and ${differs}`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** A plain column's new value for every record of a chunk (and columns derived from it, such as a lead's E.164 phone). */
export interface ColumnWrite {
  /** The API field, as the timeline names it. */
  field: string;
  column: string;
  json: JsonOf;
  /** The value to store (booleans as 0/1). */
  value: string | number | null;
  /** The API value after the change, as JSON (what the timeline shows). */
  afterJson: string;
  /** Columns written along with it. */
  derived?: Record<string, string | number | null>;
  /** The column copies a primary contact point (an account's phone or website): the point is what is set. */
  point?: { kind: PointKind; e164: string | null; label: string };
}

/** Sets a plain column on the records among `list` whose value differs: an `updated` event each, then one update. */
export async function updateColumnChunk(db: Kysely<DB>, actor: Actor, module: Module, list: readonly number[], w: ColumnWrite): Promise<number> {
  if (list.length === 0) return 0;
  if (w.point) return updatePrimaryPointChunk(db, actor, module, list, w, w.point);
  const t = sql.table(module);
  const col = sql.ref(`${module}.${w.column}`);
  const differs = w.value === null ? sql<boolean>`${col} is not null` : sql<boolean>`(${col} is null or ${col} <> ${w.value})`;
  await eventsForRows(db, actor, module, 'updated', list, differs, changeDetails(w.field, jsonValue(db, col, w.json), w.afterJson));
  const sets = [sql`${sql.id(w.column)} = ${w.value}`, ...Object.entries(w.derived ?? {}).map(([c, v]) => sql`${sql.id(c)} = ${v}`)];
  const res = await sql`update ${t} set ${sql.join(sets)}, ${bumped(actor)} where ${ids(module, list)} and ${differs}`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Sets a copy of a primary point (issue #14) on the records among `list`: the points first (`setPrimaryPoints`), then,
 * where the row's copy no longer matches its primary point, an `updated` event each (after: the new primary, which
 * for a cleared value is the next point, if any) and one update of every copy column of that kind.
 */
async function updatePrimaryPointChunk(db: Kysely<DB>, actor: Actor, module: Module, list: readonly number[], w: ColumnWrite, point: NonNullable<ColumnWrite['point']>): Promise<number> {
  const t = sql.table(module);
  const col = sql.ref(`${module}.${w.column}`);
  await setPrimaryPoints(db, module, point.kind, list, typeof w.value === 'string' ? w.value : null, point.e164, point.label);
  const next = primaryPointValue(module, point.kind, sql`${t}.id`);
  const differs = isSqlite(db) ? sql<boolean>`${col} is not ${next}` : sql<boolean>`${col} is distinct from ${next}`;
  await eventsForRows(db, actor, module, 'updated', list, differs, changeDetails(w.field, jsonValue(db, col, w.json), jsonValue(db, next, w.json)));
  const copies = (primaryCopies[module]?.[point.kind] ?? [w.column]).map((c) => sql`${sql.id(c)} = ${next}`);
  const res = await sql`update ${t} set ${sql.join(copies)}, ${bumped(actor)} where ${ids(module, list)} and ${differs}`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Sets (or, with `valueJson` null, clears) one custom field on the records among `list` whose value differs: an
 * `updated` event each (`customFields.<key>`), then one update of the JSON column.
 */
export async function updateCustomFieldChunk(db: Kysely<DB>, actor: Actor, module: Module, list: readonly number[], key: string, valueJson: string | null): Promise<number> {
  if (list.length === 0) return 0;
  const t = sql.table(module);
  const col = sql.ref(`${module}.custom_fields`);
  const path = `$.${key}`;
  const sqlite = isSqlite(db);
  const differs =
    valueJson === null
      ? sqlite
        ? sql<boolean>`json_type(${col}, ${path}) is not null`
        : sql<boolean>`jsonb_exists(cast(${col} as jsonb), cast(${key} as text))`
      : sqlite
        ? sql<boolean>`(${col} -> ${path}) is not json(${valueJson})`
        : sql<boolean>`(cast(${col} as jsonb) -> cast(${key} as text)) is distinct from cast(${valueJson} as jsonb)`;
  const next =
    valueJson === null
      ? sqlite
        ? sql`json_remove(${col}, ${path})`
        : sql`cast(cast(${col} as jsonb) - cast(${key} as text) as text)`
      : sqlite
        ? sql`json_set(${col}, ${path}, json(${valueJson}))`
        : sql`cast(cast(${col} as jsonb) || jsonb_build_object(cast(${key} as text), cast(${valueJson} as jsonb)) as text)`;
  await eventsForRows(db, actor, module, 'updated', list, differs, changeDetails(`customFields.${key}`, customJson(db, module, key), valueJson ?? 'null'));
  const res = await sql`update ${t} set custom_fields = ${next}, ${bumped(actor)} where ${ids(module, list)} and ${differs}`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

// ---- tags --------------------------------------------------------------------------------------------------------

export interface TagRef {
  id: number;
  name: string;
  key: string;
}

/** The tags with these names, created where missing (as a record's tag input creates them); by key, in input order. */
export async function ensureTags(db: Kysely<DB>, names: readonly string[]): Promise<TagRef[]> {
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(tagKey(n))) byKey.set(tagKey(n), n.trim());
  if (byKey.size === 0) return [];
  const now = nowIso();
  await db
    .insertInto('tags')
    .values([...byKey].map(([key, name]) => ({ name, name_key: key, color: defaultTagColor(name), created_at: now, updated_at: now })))
    .onConflict((oc) => oc.column('name_key').doNothing())
    .execute();
  return findTags(db, [...byKey.keys()]);
}

/** The existing tags with these names (missing ones left out). */
export async function findTags(db: Kysely<DB>, names: readonly string[]): Promise<TagRef[]> {
  const keys = [...new Set(names.map(tagKey))];
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('tags').select(['id', 'name', 'name_key']).where('name_key', 'in', keys).execute();
  const byKey = new Map(rows.map((r) => [r.name_key, r]));
  return keys.flatMap((k) => {
    const r = byKey.get(k);
    return r ? [{ id: r.id, name: r.name, key: r.name_key }] : [];
  });
}

const PAIRS_PER_INSERT = 2000;

/** Adds tags to records (pairs already there are left alone). */
export async function insertRecordTags(db: Kysely<DB>, module: Module, pairs: ReadonlyArray<{ recordId: number; tagId: number }>): Promise<void> {
  for (let i = 0; i < pairs.length; i += PAIRS_PER_INSERT) {
    await db
      .insertInto('record_tags')
      .values(pairs.slice(i, i + PAIRS_PER_INSERT).map((p) => ({ module, record_id: p.recordId, tag_id: p.tagId })))
      .onConflict((oc) => oc.columns(['module', 'record_id', 'tag_id']).doNothing())
      .execute();
  }
}

/** Takes these tags off these records. */
export async function deleteRecordTagPairs(db: Kysely<DB>, module: Module, list: readonly number[], tagIds: readonly number[]): Promise<void> {
  if (list.length === 0 || tagIds.length === 0) return;
  await db
    .deleteFrom('record_tags')
    .where('module', '=', module)
    .where(sql<boolean>`record_id in ${boundIdSet(list)}`)
    .where('tag_id', 'in', [...tagIds])
    .execute();
}

/** A new version and stamps for records changed besides their row (their tags). */
export async function bumpRecords(db: Kysely<DB>, actor: Actor, module: Module, list: readonly number[]): Promise<void> {
  if (list.length === 0) return;
  await sql`update ${sql.table(module)} set ${bumped(actor)} where ${ids(module, list)}`.execute(db);
}
