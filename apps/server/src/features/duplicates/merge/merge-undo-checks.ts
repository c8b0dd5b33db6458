import type { Kysely } from 'kysely';
import { modules, type Module } from '@kontor/contract/custom-fields';
import type { DuplicateModule, MergeUndoBlocker } from '@kontor/contract/duplicates';
import type { DB } from '../../../db/schema.ts';
import { toApiId } from '../../../lib/ids.ts';
import type { Actor } from '../../permissions/actor.ts';
import { userNames } from '../../records/references.ts';
import { recordNames } from '../../timeline/timeline.repository.ts';
import { movedRowsNow } from './merge-moves.repository.ts';
import type { MergeSnapshot } from './merge-snapshot.ts';
import { recordNameOf } from './merge.service.ts';
import { latestEvent, type RawRow } from './merge.repository.ts';

/**
 * What stands in the way of undoing a merge, each named with who changed it and when where that is known:
 * - `survivor_changed`: the survivor was edited (or deleted, or merged again) after the merge: its version moved on;
 * - `record_gone` / `record_changed`: a merged record was removed for good, or its tombstone changed;
 * - `related_moved` / `related_gone`: a row the merge moved to the survivor points elsewhere now, or is gone.
 * Timeline entries and import source ids that are gone do not block (they went with the record they were about).
 */

/** At most this many blockers are named (the first ones; the undo is refused either way). */
const MAX_BLOCKERS = 100;

/** Columns a later change elsewhere may clear without changing the record (a purge of what it linked to): an undo re-checks those links instead. */
const linkColumns = new Set(['account_id', 'parent_account_id', 'deleted_with_account_id']);

const tombstoneChanged = (now: RawRow, after: Readonly<Record<string, unknown>>): boolean =>
  Object.entries(after).some(([column, value]) => !linkColumns.has(column) && JSON.stringify(now[column] ?? null) !== JSON.stringify(value ?? null));

/** Bookkeeping rows that may go without blocking (they belong to a record that went). */
const mayBeGone = new Set(['timeline_events', 'import_source_ids']);

interface Pending extends Omit<MergeUndoBlocker, 'name' | 'by'> {
  numericId: number | null;
  byId: number | null;
  name: string | null;
}

export async function undoBlockers(db: Kysely<DB>, actor: Actor, module: DuplicateModule, snapshot: MergeSnapshot, current: ReadonlyMap<number, RawRow>): Promise<MergeUndoBlocker[]> {
  const pending: Pending[] = [];
  const add = (p: Pending) => {
    if (pending.length < MAX_BLOCKERS) pending.push(p);
  };
  const survivorId = snapshot.survivor.row.id;
  const survivor = current.get(survivorId);
  if (!survivor || survivor.version !== snapshot.survivorVersion) {
    const event = await latestEvent(db, module, survivorId);
    add({ code: 'survivor_changed', module, id: toApiId(survivorId), numericId: null, name: survivor ? recordNameOf(module, survivor) : snapshot.survivor.name, byId: event?.actor_id ?? null, at: event?.at ?? null });
  }
  for (const merged of snapshot.merged) {
    const id = merged.row.id;
    const now = current.get(id);
    const after = snapshot.tombstones.find((t) => t.id === id) ?? {};
    if (!now) add({ code: 'record_gone', module, id: toApiId(id), numericId: null, name: merged.name, byId: null, at: null });
    else if (tombstoneChanged(now, after)) add({ code: 'record_changed', module, id: toApiId(id), numericId: null, name: merged.name, byId: now.updated_by, at: now.updated_at });
  }
  for (const entry of snapshot.moved) {
    if (pending.length >= MAX_BLOCKERS) break;
    const now = await movedRowsNow(db, entry, module);
    for (const key of entry.keys) {
      const state = now.get(String(key));
      const base = { module: entry.table, id: String(key), numericId: typeof key === 'number' ? key : null, name: null };
      if (!state) {
        if (!mayBeGone.has(entry.table)) add({ ...base, code: 'related_gone', byId: null, at: null });
      } else if (state.value !== survivorId) add({ ...base, code: 'related_moved', byId: state.by, at: state.at });
    }
  }
  return named(db, actor, pending);
}

/** The blockers with the names the actor may see: users by name, related records by name when visible. */
async function named(db: Kysely<DB>, actor: Actor, pending: readonly Pending[]): Promise<MergeUndoBlocker[]> {
  if (pending.length === 0) return [];
  const users = await userNames(db, pending.map((p) => p.byId));
  const records = new Map<string, Map<number, string>>();
  for (const table of new Set(pending.filter((p) => p.numericId !== null && p.name === null).map((p) => p.module))) {
    const module = modules.find((m): m is Module => m === table);
    if (module) records.set(table, await recordNames(db, actor, module, pending.filter((p) => p.module === table && p.numericId !== null).map((p) => p.numericId ?? 0)));
  }
  return pending.map(({ numericId, byId, ...p }) => ({
    ...p,
    name: p.name ?? (numericId === null ? null : (records.get(p.module)?.get(numericId) ?? null)),
    by: byId === null ? null : (users.get(byId) ?? null),
  }));
}
