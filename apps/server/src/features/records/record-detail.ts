import { sql, type Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { boundIdSet, CONCAT_SEPARATOR, isSqlite } from '../../db/dialect.ts';
import type { Actor } from '../permissions/actor.ts';
import { needsWriteShare, recordAccessFrom, type AccessFacts } from '../permissions/access.ts';

/**
 * A record page in one statement: besides the row (read through `visibleRecords`), the names of who created and last
 * changed it, whom it is restricted to and whether the reader holds a write share on it come as columns of the same
 * row. A write builds its answer from these plus what it wrote, so the answer equals a read afterwards without
 * reading the record again.
 */
export interface DetailFactsRow {
  creator_name: string | null;
  editor_name: string | null;
  /** The user ids of the restricted list, joined by CONCAT_SEPARATOR (null: none). */
  restricted_to: string | null;
  /** Only asked where access depends on it (not an administrator, no read/write default). */
  write_shared: boolean | number | null;
}

/** The columns of `DetailFactsRow` for rows of `module`'s table (referenced by its own name). */
export function detailFactColumns(db: Kysely<DB>, actor: Actor, module: Module) {
  const col = (c: string) => sql.ref(`${module}.${c}`);
  const userName = (c: string) => sql<string | null>`(select u.name from users u where u.id = ${col(c)})`;
  const writeShared = needsWriteShare(actor, module)
    ? sql<boolean | number | null>`exists (select 1 from record_shares s where s.module = ${sql.lit(module)} and s.record_id = ${col('id')} and s.access = 'write' and (s.user_id = ${actor.id} or s.role_id in ${boundIdSet(actor.shareRoleIds)}))`
    : sql<boolean | number | null>`null`;
  // Unordered (sorted in JS) and with the module written in: see contactPointsColumn for why.
  const listed = isSqlite(db) ? sql`group_concat(ra.user_id, char(31))` : sql`string_agg(cast(ra.user_id as text), chr(31))`;
  return [
    userName('created_by').as('creator_name'),
    userName('updated_by').as('editor_name'),
    sql<string | null>`(select ${listed} from record_access ra where ra.module = ${sql.lit(module)} and ra.record_id = ${col('id')})`.as('restricted_to'),
    writeShared.as('write_shared'),
  ] as const;
}

/** What a record page shows beside its row, and what its access rests on. */
export interface DetailFacts {
  /** Names of the record's creator and last editor (and owner, where the module reads it), by user id. */
  users: Map<number, string>;
  restrictedTo: string[] | null;
  accessFacts: AccessFacts;
}

interface KeyRow {
  owner_id: number | null;
  restricted: number;
  created_by: number | null;
  updated_by: number | null;
}

export function detailFactsOf(actor: Actor, row: KeyRow & DetailFactsRow & { owner_name?: string | null }): DetailFacts {
  const users = new Map<number, string>();
  if (row.owner_id != null && row.owner_name != null) users.set(row.owner_id, row.owner_name);
  if (row.created_by != null && row.creator_name != null) users.set(row.created_by, row.creator_name);
  if (row.updated_by != null && row.editor_name != null) users.set(row.updated_by, row.editor_name);
  const listed = row.restricted_to ? row.restricted_to.split(CONCAT_SEPARATOR).map(Number).sort((a, b) => a - b).map(String) : [];
  return {
    users,
    restrictedTo: row.restricted === 1 ? listed : null,
    accessFacts: { listed: listed.includes(String(actor.id)), writeShared: row.write_shared === true || Number(row.write_shared) === 1 },
  };
}

export const accessOf = (actor: Actor, module: Module, row: { owner_id: number | null; restricted: number }, facts: DetailFacts): RecordAccess =>
  recordAccessFrom(actor, module, row, facts.accessFacts);

/**
 * The facts after a write by `actor`: the actor is now the last editor, the owner's name (when the owner changed) is
 * `ownerName`, and the restricted list is what the write set (undefined: unchanged).
 */
export function factsAfterWrite(
  actor: Actor,
  before: DetailFacts,
  row: { owner_id: number | null; created_by: number | null },
  change: { ownerName?: string | null; restrictedTo?: string[] | null } = {},
): DetailFacts {
  const users = new Map<number, string>();
  const keep = (id: number | null) => {
    const name = id == null ? undefined : before.users.get(id);
    if (id != null && name !== undefined) users.set(id, name);
  };
  keep(row.created_by);
  if (change.ownerName !== undefined) {
    if (row.owner_id != null && change.ownerName != null) users.set(row.owner_id, change.ownerName);
  } else keep(row.owner_id);
  users.set(actor.id, actor.name);
  const restrictedTo = change.restrictedTo === undefined ? before.restrictedTo : restrictedList(change.restrictedTo);
  return {
    users,
    restrictedTo,
    accessFacts: { listed: (restrictedTo ?? []).includes(String(actor.id)), writeShared: before.accessFacts.writeShared },
  };
}

/** A restricted list as a read shows it: each user once, by id. */
export const restrictedList = (ids: string[] | null): string[] | null =>
  ids === null ? null : [...new Set(ids.map(Number))].sort((a, b) => a - b).map(String);

/** The restricted list an edit writes: the input's when it changes the stored one, else undefined (nothing to write). */
export const restrictionToWrite = (before: string[] | null, next: string[] | null | undefined): string[] | null | undefined =>
  next !== undefined && JSON.stringify(restrictedList(next)) !== JSON.stringify(before) ? next : undefined;

/** The facts of a record just created by `actor` (no shares yet; the restriction the create set). */
export const newRecordFacts = (
  actor: Actor,
  row: { owner_id: number | null; created_by: number | null },
  change: { ownerName?: string | null; restrictedTo?: string[] | null },
): DetailFacts => factsAfterWrite(actor, { users: new Map(), restrictedTo: null, accessFacts: { listed: false, writeShared: false } }, row, change);
