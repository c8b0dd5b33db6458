import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { recordHistoryActions, type RecordHistoryEntry } from '@kontor/contract/audit';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import { audit } from '../audit/audit.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { userNames, userRef } from './references.ts';
import { visibleRecordOr404 } from './visible-records.ts';

/**
 * A record's history of who owns it and who may reach it, kept in the audit log (target = module and record id),
 * so an administrator sees it in the audit log and everyone who sees the record sees it on the record.
 */

const ownerChangeDetails = (from: number | null, to: number, via: 'edit' | 'transfer') => ({ fromOwnerId: from == null ? null : toApiId(from), toOwnerId: toApiId(to), via });

const sameUsers = (a: string[] | null, b: string[] | null) =>
  a === null || b === null ? a === b : [...new Set(a)].sort().join() === [...new Set(b)].sort().join();

/**
 * The history of an edit, written in its transaction: an owner change and a restriction change, each only when it
 * really changed (forms send the whole record back).
 */
export async function recordAccessEdits(
  trx: Kysely<DB>,
  actor: Actor,
  module: Module,
  id: number,
  before: { ownerId: number | null; restrictedTo: string[] | null },
  input: { ownerId?: string; restrictedTo?: string[] | null },
  ip: string | null,
): Promise<void> {
  const target = { type: module, id: String(id) };
  if (input.ownerId !== undefined && Number(input.ownerId) !== before.ownerId) {
    await audit(trx, actor, 'record.owner_change', target, ownerChangeDetails(before.ownerId, Number(input.ownerId), 'edit'), ip);
  }
  if (input.restrictedTo !== undefined && !sameUsers(before.restrictedTo, input.restrictedTo)) {
    await audit(trx, actor, 'record.restrict', target, { restrictedTo: input.restrictedTo }, ip);
  }
}

/** One history entry per record moved by a transfer, written by one statement in the transfer's transaction. */
export async function recordOwnerChanges(
  trx: Transaction<DB>,
  actor: Actor,
  module: Module,
  change: { fromOwnerId: number; toOwnerId: number; via: 'transfer' },
  ip: string | null,
): Promise<void> {
  const details = JSON.stringify(ownerChangeDetails(change.fromOwnerId, change.toOwnerId, change.via));
  await sql`insert into audit_log (at, actor_id, action, target_type, target_id, details, ip)
    select ${nowIso()}, ${actor.id}, 'record.owner_change', ${module}, cast(id as text), ${details}, ${ip}
    from ${sql.table(module)} where owner_id = ${change.fromOwnerId}`.execute(trx);
}

const detailsSchema = z.record(z.string(), z.unknown());
const idsIn = (details: Record<string, unknown>): number[] =>
  Object.entries(details).flatMap(([key, v]) => {
    if (!/(OwnerId|userId|restrictedTo)$/.test(key)) return [];
    return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && /^\d{1,10}$/.test(x)).map(Number);
  });

/** The history of a record the actor can see, newest first (at most `limit` entries). */
export async function listRecordHistory(db: Kysely<DB>, actor: Actor, module: Module, id: number, limit = 100): Promise<RecordHistoryEntry[]> {
  assertCan(actor, 'view', module);
  await visibleRecordOr404(db, actor, module, id);
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'action', 'details'])
    .where('target_type', '=', module)
    .where('target_id', '=', String(id))
    .where('action', 'in', [...recordHistoryActions])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const entries = rows.map((r) => ({ ...r, parsed: parseJsonColumn(r.details, detailsSchema, {}) }));
  const names = await userNames(db, [...entries.map((e) => e.actor_id), ...entries.flatMap((e) => idsIn(e.parsed))]);
  return entries.map((e) => ({
    id: toApiId(e.id),
    at: e.at,
    actor: userRef(names, e.actor_id),
    action: recordHistoryActions.find((a) => a === e.action) ?? 'record.owner_change',
    details: e.parsed,
    userNames: Object.fromEntries(idsIn(e.parsed).map((uid) => [String(uid), names.get(uid) ?? ''])),
  }));
}
