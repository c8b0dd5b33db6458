import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { AdminRight, ModuleRight, RecordAccess } from '@kontor/contract/permissions';
import type { ErrorReason } from '@kontor/contract/errors';
import type { DB } from '../../db/schema.ts';
import { boundIdSet } from '../../db/dialect.ts';
import { fieldError, refused } from '../../errors.ts';
import type { Actor } from './actor.ts';

/** Profile check: may the actor do `right` in `module` at all? */
export function can(actor: Actor, right: ModuleRight, module: Module): boolean {
  return actor.isAdmin || actor.rights.modules[module].includes(right);
}

export function assertCan(actor: Actor, right: ModuleRight, module: Module): void {
  if (!can(actor, right, module)) throw refused('forbidden', 'module_right', { right, module });
}

export function assertAdmin(actor: Actor, right: AdminRight): void {
  if (!actor.isAdmin && !actor.rights.admin.includes(right)) throw refused('forbidden', 'admin_right', { right });
}

/**
 * The visibility rule, as a SQL condition on the module's table (referenced by its own name), that every read of a
 * record table goes through. Null means "sees everything" (administrators).
 *
 * - restricted records: the owner, users above the owner in the role tree, the users listed, admins;
 * - other records: as above, plus everyone when the org-wide default is read-only or read/write,
 *   plus the users and roles the record is shared with, plus an activity's participants.
 *
 * Who asks is bound, never written into the SQL: the actor's id and the id sets (`ownerIds`, `shareRoleIds`) are
 * parameters (`boundIdSet`), so the statement's text depends only on the module, the alias and the org-wide default,
 * and one prepared statement serves every user (SQLite keys its statement cache by text).
 */
export function visibleWhere(actor: Actor, module: Module, alias: string = module): RawBuilder<boolean> | null {
  if (actor.isAdmin) return null;
  const t = sql.table(alias);
  const owned = sql`${t}.owner_id in ${boundIdSet(actor.ownerIds)}`;
  const listed = sql`exists (select 1 from record_access ra where ra.module = ${sql.lit(module)} and ra.record_id = ${t}.id and ra.user_id = ${actor.id})`;
  if (actor.orgDefaults[module] !== 'private') return sql<boolean>`(${t}.restricted = 0 or ${owned} or ${listed})`;
  // The participants of an activity see it (a meeting they are invited to), unless its access is restricted.
  const participant =
    module === 'activities' ? sql` or (${t}.restricted = 0 and exists (select 1 from activity_participants ap where ap.activity_id = ${t}.id and ap.user_id = ${actor.id}))` : sql``;
  const shared = sql`exists (select 1 from record_shares s where s.module = ${sql.lit(module)} and s.record_id = ${t}.id and (s.user_id = ${actor.id} or s.role_id in ${boundIdSet(actor.shareRoleIds)}))`;
  return sql<boolean>`(${owned} or ${listed} or (${t}.restricted = 0 and ${shared})${participant})`;
}

/** A condition that is always true, for places that need an expression when the actor sees everything. */
export const visibleOrAll = (actor: Actor, module: Module, alias: string = module): RawBuilder<boolean> =>
  visibleWhere(actor, module, alias) ?? sql<boolean>`1 = 1`;

/** What decides write access beyond ownership, when a read has already fetched it with the record. */
export interface AccessFacts {
  /** The actor is on the record's restricted list. */
  listed: boolean;
  /** The record is shared with the actor (or a role of theirs) for writing. */
  writeShared: boolean;
}

/** Whether the actor owns the record or is above its owner: the only source of the share right. */
const ownsRecord = (actor: Actor, row: { owner_id: number | null }) => row.owner_id != null && actor.ownerIds.includes(row.owner_id);

/** Whether `recordAccess` needs the write share to decide (not an owner, not restricted, not a read/write default). */
export const needsWriteShare = (actor: Actor, module: Module): boolean => !actor.isAdmin && actor.orgDefaults[module] !== 'read_write';

/** `recordAccess` from facts already read (no statement). */
export function recordAccessFrom(actor: Actor, module: Module, row: { owner_id: number | null; restricted: number }, facts: AccessFacts): RecordAccess {
  if (actor.isAdmin) return { edit: true, delete: true, share: true };
  const mine = ownsRecord(actor, row);
  const write = mine || (row.restricted === 1 ? facts.listed : actor.orgDefaults[module] === 'read_write' || facts.writeShared);
  return { edit: write && can(actor, 'edit', module), delete: write && can(actor, 'delete', module), share: mine && can(actor, 'share', module) };
}

/**
 * What the actor may do with one record they can see. Editing and deleting come from ownership, the hierarchy,
 * the restricted list, a write share or the org-wide read/write default; sharing only from ownership and the hierarchy.
 */
export async function recordAccess(
  db: Kysely<DB>,
  actor: Actor,
  module: Module,
  row: { id: number; owner_id: number | null; restricted: number },
): Promise<RecordAccess> {
  const facts: AccessFacts = { listed: false, writeShared: false };
  if (!actor.isAdmin && !ownsRecord(actor, row)) {
    if (row.restricted === 1) {
      facts.listed = (await db.selectFrom('record_access').select('user_id').where('module', '=', module).where('record_id', '=', row.id).where('user_id', '=', actor.id).executeTakeFirst()) != null;
    } else if (needsWriteShare(actor, module)) {
      const share = await db
        .selectFrom('record_shares')
        .select('id')
        .where('module', '=', module)
        .where('record_id', '=', row.id)
        .where('access', '=', 'write')
        .where((eb) => eb.or([eb('user_id', '=', actor.id), ...(actor.shareRoleIds.length ? [eb('role_id', 'in', actor.shareRoleIds)] : [])]))
        .executeTakeFirst();
      facts.writeShared = share != null;
    }
  }
  return recordAccessFrom(actor, module, row, facts);
}

const recordRightReason = { edit: 'record_edit', delete: 'record_delete', share: 'record_share' } as const satisfies Record<keyof RecordAccess, ErrorReason>;

/**
 * May the actor remove this record from the recycle bin for good? The delete right of the profile, and the record's
 * owner, a user above the owner or an administrator (a write share or the read/write default is not enough).
 */
export function mayPurge(actor: Actor, module: Module, row: { owner_id: number | null }): boolean {
  return can(actor, 'delete', module) && (actor.isAdmin || ownsRecord(actor, row));
}

/** Throws 403 unless `access` grants `right`. */
export function assertAccessRight(access: RecordAccess, right: keyof RecordAccess): void {
  if (!access[right]) throw refused('forbidden', recordRightReason[right]);
}

export async function assertRecordRight(db: Kysely<DB>, actor: Actor, module: Module, row: { id: number; owner_id: number | null; restricted: number }, right: keyof RecordAccess): Promise<void> {
  assertAccessRight(await recordAccess(db, actor, module, row), right);
}

/**
 * Changing who owns a record or whom it is restricted to needs the share right on it (owner, users above the owner,
 * administrators), not just write access: otherwise a write share or a place on the restricted list becomes
 * ownership, and ownership locks the owner out.
 */
export async function assertMayChangeAccess(
  db: Kysely<DB>,
  actor: Actor,
  module: Module,
  row: { id: number; owner_id: number | null; restricted: number },
  input: { ownerId?: string; restrictedTo?: unknown },
): Promise<void> {
  if (!changesAccess(row, input)) return;
  assertMayChangeAccessWith(await recordAccess(db, actor, module, row), row, input);
}

const changesOwner = (row: { owner_id: number | null }, input: { ownerId?: string }) => input.ownerId !== undefined && Number(input.ownerId) !== row.owner_id;
const changesAccess = (row: { owner_id: number | null }, input: { ownerId?: string; restrictedTo?: unknown }) => changesOwner(row, input) || input.restrictedTo !== undefined;

/** `assertMayChangeAccess` with the access already known. */
export function assertMayChangeAccessWith(access: RecordAccess, row: { owner_id: number | null }, input: { ownerId?: string; restrictedTo?: unknown }): void {
  if (!changesAccess(row, input) || access.share) return;
  throw refused('forbidden', 'change_access', undefined, changesOwner(row, input) ? { ownerId: fieldError('owner_locked') } : { restrictedTo: fieldError('restriction_locked') });
}

/** A new owner must be the actor or a user below them in the role tree (admins may pick anyone). */
export function assertMayAssignOwner(actor: Actor, ownerId: number): void {
  if (actor.isAdmin || actor.ownerIds.includes(ownerId)) return;
  throw refused('forbidden', 'assign_owner', undefined, { ownerId: fieldError('owner_not_allowed') });
}
