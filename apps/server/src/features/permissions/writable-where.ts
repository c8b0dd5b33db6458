import { sql, type RawBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import { boundIdSet } from '../../db/dialect.ts';
import type { Actor } from './actor.ts';
import { can } from './access.ts';

/**
 * `recordAccessFrom` (access.ts) as ONE set-based SQL condition on the module's table (under `alias`), for paths that
 * weigh many records at once (mass actions): true where the actor may `right` the row. It mirrors the per-record rule
 * exactly, and like it presumes the row is one the actor can see (ask it of rows read through `visibleRecords`):
 *
 * - administrators: every record; nobody without the profile's right on the module: none;
 * - edit and delete: the owner and users above the owner (`ownerIds`); on a restricted record the users on its list;
 *   on any other record everyone when the org-wide default is read/write, else those it is shared with for writing
 *   (the user, or a role of theirs);
 * - share (changing the owner or the restriction): the owner and users above the owner only.
 *
 * Who asks is bound, as in `visibleWhere`: the statement's text depends only on the module, the alias, the right and
 * the org-wide default.
 */
export function writableWhere(actor: Actor, module: Module, right: keyof RecordAccess, alias: string = module): RawBuilder<boolean> {
  if (!can(actor, right, module)) return sql<boolean>`1 = 0`;
  if (actor.isAdmin) return sql<boolean>`1 = 1`;
  const t = sql.table(alias);
  const owned = sql<boolean>`${t}.owner_id in ${boundIdSet(actor.ownerIds)}`;
  if (right === 'share') return sql<boolean>`(${owned})`;
  const listed = sql<boolean>`exists (select 1 from record_access ra where ra.module = ${sql.lit(module)} and ra.record_id = ${t}.id and ra.user_id = ${actor.id})`;
  const open =
    actor.orgDefaults[module] === 'read_write'
      ? sql<boolean>`1 = 1`
      : sql<boolean>`exists (select 1 from record_shares s where s.module = ${sql.lit(module)} and s.record_id = ${t}.id and s.access = 'write'
          and (s.user_id = ${actor.id} or s.role_id in ${boundIdSet(actor.shareRoleIds)}))`;
  return sql<boolean>`(${owned} or (${t}.restricted = 1 and ${listed}) or (${t}.restricted <> 1 and ${open}))`;
}
