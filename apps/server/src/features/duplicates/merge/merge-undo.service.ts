import type { Kysely } from 'kysely';
import { MERGE_UNDO_DAYS, duplicateModules, type DuplicateModule, type MergeInfo, type MergeUndoBlocker } from '@kontor/contract/duplicates';
import { errorReasonTexts } from '@kontor/contract/errors';
import type { DB } from '../../../db/schema.ts';
import { AppError, notFound, refused } from '../../../errors.ts';
import { toApiId } from '../../../lib/ids.ts';
import { nowIso } from '../../../lib/time.ts';
import { refreshAccountActivity } from '../../activities/account-activity.ts';
import type { Actor } from '../../permissions/actor.ts';
import { assertCan, recordAccess } from '../../permissions/access.ts';
import { recordAccessEdits } from '../../records/record-history.ts';
import { userNames, userRef } from '../../records/references.ts';
import { findVisibleRecord } from '../../records/visible-records.ts';
import { contextOfRecord, recordEvents, type TimelineEventInput } from '../../timeline/timeline-events.ts';
import { moveRowsBack } from './merge-moves.repository.ts';
import { mergeSnapshotSchema, type MergeSnapshot, type SnapshotRecord } from './merge-snapshot.ts';
import { undoBlockers } from './merge-undo-checks.ts';
import { recordLoaders } from './merge.service.ts';
import { accountsInCycles, findMerge, liveTargets, markUndone, rawRowsForUndo, writeRow, writeSideRows, type MergeRow, type RawRow } from './merge.repository.ts';

/**
 * Undoing a merge (issue #16) within MERGE_UNDO_DAYS: the merged records come back as they were (every column, their
 * contact points, tags and restricted lists), the survivor's row, points, tags and restriction as before the merge, and
 * every row the merge moved goes back to the record it came from; all in one transaction. A later change that stands in
 * the way (merge-undo-checks.ts) refuses the undo and names the change.
 */

const DAY_MS = 86_400_000;

const moduleOf = (row: MergeRow): DuplicateModule => {
  const m = duplicateModules.find((x) => x === row.module);
  if (!m) throw notFound('merge');
  return m;
};

function snapshotOf(row: MergeRow): MergeSnapshot {
  const parsed = mergeSnapshotSchema.safeParse(JSON.parse(row.snapshot));
  if (!parsed.success) throw new AppError('internal', 'The merge record cannot be read.');
  return parsed.data;
}

/** The merge and its module, when the actor may see its survivor (live or not); 404 otherwise. */
async function visibleMerge(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await findMergeRow(db, id);
  const module = moduleOf(row);
  assertCan(actor, 'view', module);
  const survivor = (await findVisibleRecord(db, actor, module, row.survivor_id)) ?? (await findVisibleRecord(db, actor, module, row.survivor_id, { deleted: true }));
  if (!survivor) throw notFound('merge');
  return { row, module, survivor };
}

async function findMergeRow(db: Kysely<DB>, id: number): Promise<MergeRow> {
  const row = await findMerge(db, id);
  if (!row) throw notFound('merge');
  return row;
}

const undoableUntil = (row: MergeRow) => new Date(Date.parse(row.created_at) + MERGE_UNDO_DAYS * DAY_MS).toISOString();

export async function getMerge(db: Kysely<DB>, actor: Actor, id: number): Promise<MergeInfo> {
  const { row, module } = await visibleMerge(db, actor, id);
  const snapshot = snapshotOf(row);
  const users = await userNames(db, [row.created_by]);
  return {
    id: toApiId(row.id),
    module,
    survivorId: toApiId(row.survivor_id),
    mergedIds: snapshot.merged.map((m) => toApiId(m.row.id)),
    mergedNames: snapshot.merged.map((m) => m.name),
    createdAt: row.created_at,
    createdBy: userRef(users, row.created_by),
    undoableUntil: undoableUntil(row),
    undoneAt: row.undone_at,
  };
}

/** Reference columns of a restored row: a record merged since is followed to its survivor; one no longer live is cut. */
const referenceColumns: Record<DuplicateModule, string[]> = { contacts: ['account_id'], accounts: ['parent_account_id'] };

async function withLiveReferences(db: Kysely<DB>, module: DuplicateModule, rows: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const columns = referenceColumns[module];
  const targets = await liveTargets(db, rows.flatMap((r) => columns.map((c) => r[c]).filter((v): v is number => typeof v === 'number')));
  return rows.map((r) => ({ ...r, ...Object.fromEntries(columns.map((c) => [c, typeof r[c] === 'number' ? (targets.get(r[c]) ?? null) : r[c]])) }));
}

/** The users of a snapshot's restricted list as a read answers them (null: not restricted). */
const restrictionOf = (record: SnapshotRecord): string[] | null =>
  Number(record.row.restricted) === 1 ? record.access.map((a) => toApiId(a.user_id)).sort((a, b) => Number(a) - Number(b)) : null;

const ownerOf = (row: Readonly<Record<string, unknown>>): number | null => (typeof row.owner_id === 'number' ? row.owner_id : null);

/** Undo changes who owns or may see the survivor when the merge did: the change-access rule applies as to an edit. */
async function assertMayRestoreAccess(db: Kysely<DB>, actor: Actor, module: DuplicateModule, current: RawRow, currentAccess: string[] | null, snapshot: SnapshotRecord): Promise<void> {
  const changes = ownerOf(snapshot.row) !== ownerOf(current) || JSON.stringify(restrictionOf(snapshot)) !== JSON.stringify(currentAccess);
  if (changes && !(await recordAccess(db, actor, module, current)).share) {
    throw refused('forbidden', 'change_access');
  }
}

function blocked(blockers: MergeUndoBlocker[]): AppError {
  return new AppError('unprocessable', errorReasonTexts.merge_undo_blocked, undefined, { reason: 'merge_undo_blocked', blockers });
}

export async function undoMerge(db: Kysely<DB>, actor: Actor, id: number): Promise<{ record: Record<string, unknown>; restoredIds: string[] }> {
  const { row, module, survivor } = await visibleMerge(db, actor, id);
  assertCan(actor, 'edit', module);
  assertCan(actor, 'delete', module);
  if (!(await recordAccess(db, actor, module, survivor)).edit) throw refused('forbidden', 'record_edit');
  if (row.undone_at !== null) throw refused('unprocessable', 'merge_undone');
  if (Date.now() > Date.parse(undoableUntil(row))) throw refused('unprocessable', 'merge_undo_expired', { days: MERGE_UNDO_DAYS });
  const snapshot = snapshotOf(row);
  const mergedIds = snapshot.merged.map((m) => m.row.id);

  await db.transaction().execute(async (trx) => {
    if (!(await markUndone(trx, row.id, actor))) throw refused('unprocessable', 'merge_undone');
    const current = new Map((await rawRowsForUndo(trx, module, [row.survivor_id, ...mergedIds])).map((r) => [r.id, r]));
    const blockers = await undoBlockers(trx, actor, module, snapshot, current);
    if (blockers.length) throw blocked(blockers);
    const survivorNow = current.get(row.survivor_id);
    if (!survivorNow) throw notFound('merge');
    const accessNow = await recordLoaders[module](trx, actor, row.survivor_id).then((r) => (r.restrictedTo as string[] | null) ?? null);
    await assertMayRestoreAccess(trx, actor, module, survivorNow, accessNow, snapshot.survivor);

    const [survivorRow, ...mergedRows] = await withLiveReferences(trx, module, [snapshot.survivor.row, ...snapshot.merged.map((m) => m.row)]);
    // The survivor's version moves on (a client may hold the merged version; a version is never reused), stamped by the undo.
    await writeRow(trx, module, { ...survivorRow, version: survivorNow.version + 1, updated_at: nowIso(), updated_by: actor.id });
    for (const r of mergedRows) await writeRow(trx, module, r);
    await writeSideRows(trx, module, [snapshot.survivor, ...snapshot.merged]);
    for (const entry of [...snapshot.moved].reverse()) await moveRowsBack(trx, entry, module, row.survivor_id);
    if (module === 'accounts') {
      await refreshAccountActivity(trx, [row.survivor_id, ...mergedIds]);
      if ((await accountsInCycles(trx, [row.survivor_id, ...mergedIds])).length) throw refused('unprocessable', 'merge_hierarchy');
    }
    const details = { mergeId: toApiId(row.id), restoredIds: mergedIds.map(toApiId), restoredNames: snapshot.merged.map((m) => m.name) };
    const events: TimelineEventInput[] = [{ kind: 'merge_undone', module, recordId: row.survivor_id, context: await contextOfRecord(trx, module, row.survivor_id), details }];
    for (const mid of mergedIds) events.push({ kind: 'restored', module, recordId: mid, context: await contextOfRecord(trx, module, mid), details: { mergeId: details.mergeId } });
    await recordEvents(trx, actor, events);
    const ownerBefore = ownerOf(snapshot.survivor.row);
    const access = { ownerId: ownerBefore === null ? undefined : toApiId(ownerBefore), restrictedTo: restrictionOf(snapshot.survivor) };
    await recordAccessEdits(trx, actor, module, row.survivor_id, { ownerId: ownerOf(survivorNow), restrictedTo: accessNow }, access, null);
  });
  return { record: await recordLoaders[module](db, actor, row.survivor_id), restoredIds: mergedIds.map(toApiId) };
}
