import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { AdminRight, ModuleRight, RecordAccess } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from './actor.ts';

/** Profile check: may the actor do `right` in `module` at all? */
export function can(actor: Actor, right: ModuleRight, module: Module): boolean {
  return actor.isAdmin || actor.rights.modules[module].includes(right);
}

export function assertCan(actor: Actor, right: ModuleRight, module: Module): void {
  if (!can(actor, right, module)) throw new AppError('forbidden', `Your profile does not allow you to ${right} ${module}.`);
}

export function assertAdmin(actor: Actor, right: AdminRight): void {
  if (!actor.isAdmin && !actor.rights.admin.includes(right)) throw new AppError('forbidden', 'Only an administrator may do this.');
}

const inList = (ids: number[]) => sql.join(ids.map((id) => sql.lit(id)));

/**
 * The one visibility rule, as a SQL condition on the module's table (referenced by its own name), that
 * every read of accounts or contacts goes through. Null means "sees everything" (administrators).
 *
 * - restricted records: the owner, users above the owner in the role tree, the users listed, admins;
 * - other records: as above, plus everyone when the org-wide default is read-only or read/write,
 *   plus the users and roles the record is shared with, plus an activity's participants.
 */
export function visibleWhere(actor: Actor, module: Module, alias: string = module): RawBuilder<boolean> | null {
  if (actor.isAdmin) return null;
  const t = sql.table(alias);
  const owned = sql`${t}.owner_id in (${inList(actor.ownerIds)})`;
  const listed = sql`exists (select 1 from record_access ra where ra.module = ${sql.lit(module)} and ra.record_id = ${t}.id and ra.user_id = ${sql.lit(actor.id)})`;
  if (actor.orgDefaults[module] !== 'private') return sql<boolean>`(${t}.restricted = 0 or ${owned} or ${listed})`;
  // The participants of an activity see it (a meeting they are invited to), unless its access is restricted.
  const participant =
    module === 'activities' ? sql` or (${t}.restricted = 0 and exists (select 1 from activity_participants ap where ap.activity_id = ${t}.id and ap.user_id = ${sql.lit(actor.id)}))` : sql``;
  const roles = actor.shareRoleIds.length ? sql` or s.role_id in (${inList(actor.shareRoleIds)})` : sql``;
  const shared = sql`exists (select 1 from record_shares s where s.module = ${sql.lit(module)} and s.record_id = ${t}.id and (s.user_id = ${sql.lit(actor.id)}${roles}))`;
  return sql<boolean>`(${owned} or ${listed} or (${t}.restricted = 0 and ${shared})${participant})`;
}

/** A condition that is always true, for places that need an expression when the actor sees everything. */
export const visibleOrAll = (actor: Actor, module: Module, alias: string = module): RawBuilder<boolean> =>
  visibleWhere(actor, module, alias) ?? sql<boolean>`1 = 1`;

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
  if (actor.isAdmin) return { edit: true, delete: true, share: true };
  const mine = row.owner_id != null && actor.ownerIds.includes(row.owner_id);
  let write = mine;
  if (!write && row.restricted === 1) {
    write = (await db.selectFrom('record_access').select('user_id').where('module', '=', module).where('record_id', '=', row.id).where('user_id', '=', actor.id).executeTakeFirst()) != null;
  } else if (!write) {
    write = actor.orgDefaults[module] === 'read_write';
    if (!write) {
      const share = await db
        .selectFrom('record_shares')
        .select('id')
        .where('module', '=', module)
        .where('record_id', '=', row.id)
        .where('access', '=', 'write')
        .where((eb) => eb.or([eb('user_id', '=', actor.id), ...(actor.shareRoleIds.length ? [eb('role_id', 'in', actor.shareRoleIds)] : [])]))
        .executeTakeFirst();
      write = share != null;
    }
  }
  return { edit: write && can(actor, 'edit', module), delete: write && can(actor, 'delete', module), share: mine && can(actor, 'share', module) };
}

export async function assertRecordRight(db: Kysely<DB>, actor: Actor, module: Module, row: { id: number; owner_id: number | null; restricted: number }, right: keyof RecordAccess): Promise<void> {
  const access = await recordAccess(db, actor, module, row);
  if (!access[right]) {
    const verb = right === 'edit' ? 'change' : right;
    throw new AppError('forbidden', `You can see this record but may not ${verb} it.`);
  }
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
  const ownerChanges = input.ownerId !== undefined && Number(input.ownerId) !== row.owner_id;
  if (!ownerChanges && input.restrictedTo === undefined) return;
  if ((await recordAccess(db, actor, module, row)).share) return;
  throw new AppError(
    'forbidden',
    'Only the owner, users above the owner and administrators may change who owns or may see this record.',
    ownerChanges ? { ownerId: 'you may not change the owner of this record' } : { restrictedTo: 'you may not change who may see this record' },
  );
}

/** A new owner must be the actor or a user below them in the role tree (admins may pick anyone). */
export function assertMayAssignOwner(actor: Actor, ownerId: number): void {
  if (actor.isAdmin || actor.ownerIds.includes(ownerId)) return;
  throw new AppError('forbidden', 'You may assign records only to yourself or to users in roles below yours.', { ownerId: 'not allowed' });
}
