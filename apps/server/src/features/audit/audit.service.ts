import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { z } from 'zod';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { userNames, userRef } from '../records/references.ts';
import { insertAuditRow, listAuditRows } from './audit.repository.ts';

/** Audited actions: sign-ins, permission, role and profile changes, user changes, sharing, exports, purges. */
export type AuditAction =
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'user.create'
  | 'user.update'
  | 'user.password_reset'
  | 'user.password_change'
  | 'user.transfer_records'
  | 'session.revoke'
  | 'token.create'
  | 'token.revoke'
  | 'role.create'
  | 'role.update'
  | 'role.delete'
  | 'profile.create'
  | 'profile.update'
  | 'profile.delete'
  | 'settings.update'
  | 'record.share'
  | 'record.unshare'
  | 'record.restrict'
  | 'record.purge'
  | 'record.owner_change'
  | 'pipeline.create'
  | 'pipeline.update'
  | 'pipeline.delete'
  | 'export';

export async function audit(
  db: Kysely<DB>,
  actor: Pick<Actor, 'id'> | null,
  action: AuditAction,
  target: { type: string; id: string } | null,
  details: Record<string, unknown>,
  ip: string | null,
): Promise<void> {
  await insertAuditRow(db, { at: nowIso(), actor_id: actor?.id ?? null, action, target_type: target?.type ?? null, target_id: target?.id ?? null, details: JSON.stringify(details), ip });
}

export async function listAudit(db: Kysely<DB>, actor: Actor, opts: { limit: number; cursor?: string; action?: string }) {
  assertAdmin(actor, 'users');
  const beforeId = opts.cursor ? decodeCursor(opts.cursor, 'text').id : undefined;
  const rows = await listAuditRows(db, { limit: opts.limit + 1, beforeId, actionPrefix: opts.action });
  const page = rows.slice(0, opts.limit);
  const users = await userNames(db, page.map((r) => r.actor_id));
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: toApiId(r.id),
      at: r.at,
      actor: userRef(users, r.actor_id),
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: parseJsonColumn(r.details, z.record(z.string(), z.unknown()), {}),
      ip: r.ip,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
