import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { accountUpdateSchema } from '@kontor/contract/accounts';
import { contactUpdateSchema } from '@kontor/contract/contacts';
import type { DuplicateModule, mergeSchema } from '@kontor/contract/duplicates';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';
import type { DB } from '../../../db/schema.ts';
import { invalid, notFound, refused, versionConflict } from '../../../errors.ts';
import { fromApiId, toApiId } from '../../../lib/ids.ts';
import { ancestorIds } from '../../accounts/accounts.repository.ts';
import { loadAccount, updateAccount, type AccountUpdateIn } from '../../accounts/accounts.service.ts';
import { refreshAccountActivity } from '../../activities/account-activity.ts';
import { loadContact, updateContact, type ContactUpdateIn } from '../../contacts/contacts.service.ts';
import type { Actor } from '../../permissions/actor.ts';
import { assertCan, recordAccess } from '../../permissions/access.ts';
import { nameFromColumns } from '../../records/record-name.ts';
import { descriptorOf } from '../../records/registry.ts';
import { writeConfig } from '../../records/write-config.ts';
import { contextOfRecord, recordEvent } from '../../timeline/timeline-events.ts';
import { moveLinkedRows } from './merge-moves.repository.ts';
import type { MergeSnapshot, SnapshotRecord } from './merge-snapshot.ts';
import { checkChoices, mergeableFields, survivorEdit, type MergeSource } from './merge-values.ts';
import { insertMerge, markMerged, sideRows, visibleRawRows, type RawRow } from './merge.repository.ts';

/**
 * Merging 2-5 contacts or accounts (issue #16), in one transaction: the survivor takes the chosen (else the most recent
 * non-empty) values, the union of contact points and tags and the strictest restriction through the module's own
 * update path (validation, sort keys, primary copies, search document, timeline and audit as for an edit); every row
 * linked to a merged record moves to the survivor; the merged records become tombstones; `merges` keeps what an undo
 * needs (merge-undo.service.ts).
 */

export type MergeIn = z.output<typeof mergeSchema>;

/** The record as GET answers it, and the module's update, both able to run inside the merge's transaction. */
export const recordLoaders: Record<DuplicateModule, (db: Kysely<DB>, actor: Actor, id: number) => Promise<Record<string, unknown> & { version: number }>> = {
  contacts: loadContact,
  accounts: loadAccount,
};

const updaters: Record<DuplicateModule, (db: Kysely<DB>, actor: Actor, id: number, edit: Record<string, unknown>) => Promise<{ version: number }>> = {
  contacts: (db, actor, id, edit) => updateContact(db, actor, id, parsedEdit(contactUpdateSchema, edit) as ContactUpdateIn),
  accounts: (db, actor, id, edit) => updateAccount(db, actor, id, parsedEdit(accountUpdateSchema, edit) as AccountUpdateIn),
};

/** The survivor's edit through the module's update schema, as a form's edit would be: a value that breaks a rule is a 400 naming it. */
function parsedEdit(schema: z.ZodType, edit: Record<string, unknown>): unknown {
  const parsed = schema.safeParse(edit, { error: fieldErrorMap });
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error.issues), 'The merged values cannot be saved as they are; choose other values.');
  return parsed.data;
}

export const recordNameOf = (module: DuplicateModule, row: Readonly<Record<string, unknown>>): string => nameFromColumns(descriptorOf(module).nameColumns, row);

/** The records of the merge as the actor may see them: 404 for a missing, hidden or merged one, 422 for one in the recycle bin. */
function checkedRows(module: DuplicateModule, ids: readonly number[], rows: readonly RawRow[]): RawRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = ids.map((id) => byId.get(id));
  if (found.some((r) => r === undefined || r.merged_into_id !== null)) throw notFound(descriptorOf(module).noun);
  const present = found as RawRow[];
  if (present.some((r) => r.deleted_at !== null)) throw refused('unprocessable', 'merge_deleted');
  return present;
}

/** Edit on the survivor, delete on each merged record (403 naming which right is missing). */
async function assertRights(db: Kysely<DB>, actor: Actor, module: DuplicateModule, survivor: RawRow, merged: readonly RawRow[]): Promise<void> {
  if (!(await recordAccess(db, actor, module, survivor)).edit) throw refused('forbidden', 'record_edit');
  for (const row of merged) if (!(await recordAccess(db, actor, module, row)).delete) throw refused('forbidden', 'record_delete');
}

/**
 * After the move an account's parent chain must not come back to it (its parent was a member of a merged account):
 * the merge is refused. The chain is read whoever may see it (a cycle is a cycle; the refusal names no account).
 */
async function assertNoHierarchyCycle(db: Kysely<DB>, survivor: number, parent: number | null, mergeIds: readonly number[]): Promise<void> {
  if (parent === null) return;
  const chain = [parent, ...(await ancestorIds(db, parent))];
  if (chain.some((id) => id === survivor || mergeIds.includes(id))) throw refused('unprocessable', 'merge_hierarchy');
}

/** Writes the survivor's edit; a contact moved to another account is unlinked first (one account per contact: a merge is the explicit move). */
async function writeSurvivor(db: Kysely<DB>, actor: Actor, module: DuplicateModule, survivor: Record<string, unknown> & { version: number }, edit: Record<string, unknown>): Promise<number> {
  let version = survivor.version;
  if (module === 'contacts' && edit.accountId != null && survivor.accountId != null) {
    version = (await updaters.contacts(db, actor, fromApiId(String(survivor.id)), { accountId: null, version })).version;
  }
  return (await updaters[module](db, actor, fromApiId(String(survivor.id)), { ...edit, version })).version;
}

export async function mergeRecords(db: Kysely<DB>, actor: Actor, module: DuplicateModule, input: MergeIn): Promise<{ mergeId: string; record: Record<string, unknown> }> {
  assertCan(actor, 'edit', module);
  assertCan(actor, 'delete', module);
  const survivorId = fromApiId(input.survivorId);
  const mergedIds = input.mergedIds.map(fromApiId);
  const ids = [survivorId, ...mergedIds];
  const fields = mergeableFields(module, (await writeConfig(db, module)).defs);
  const choices = checkChoices(fields, input.fields, ids, input.versions);

  const mergeId = await db.transaction().execute(async (trx) => {
    const [survivorRow, ...mergedRows] = checkedRows(module, ids, await visibleRawRows(trx, actor, module, ids));
    if (!survivorRow) throw notFound(descriptorOf(module).noun);
    for (const row of [survivorRow, ...mergedRows]) {
      const seen = input.versions?.[toApiId(row.id)];
      if (seen !== undefined && seen !== row.version) throw versionConflict(row.version);
    }
    await assertRights(trx, actor, module, survivorRow, mergedRows);

    const records: Array<Record<string, unknown> & { version: number }> = [];
    for (const id of ids) records.push(await recordLoaders[module](trx, actor, id));
    const sources: MergeSource[] = ids.map((id, i) => ({ id, record: records[i] ?? {} }));
    const side = await sideRows(trx, module, ids);
    const snapshotOf = (row: RawRow): SnapshotRecord => ({ row, ...(side.get(row.id) ?? { points: [], tags: [], access: [] }), name: recordNameOf(module, row) });
    const edit = survivorEdit({ module, sources, choices, fields });

    const moved = await moveLinkedRows(trx, module, mergedIds, survivorId, ids);
    if (module === 'accounts') {
      const parent = edit.parentAccountId !== undefined ? edit.parentAccountId : records[0]?.parentAccountId;
      await assertNoHierarchyCycle(trx, survivorId, parent == null ? null : fromApiId(String(parent)), ids);
    }
    const survivorVersion = await writeSurvivor(trx, actor, module, records[0] ?? { version: survivorRow.version }, edit);
    const tombstones: RawRow[] = [];
    for (const row of mergedRows) {
      const tombstone = await markMerged(trx, module, row.id, row.version, survivorId, actor);
      if (!tombstone) throw versionConflict(row.version + 1);
      tombstones.push(tombstone);
    }
    if (module === 'accounts') await refreshAccountActivity(trx, [survivorId]);

    const snapshot: MergeSnapshot = { survivor: snapshotOf(survivorRow), merged: mergedRows.map(snapshotOf), survivorVersion, tombstones, moved };
    const id = await insertMerge(trx, { module, survivor_id: survivorId, merged_ids: mergedIds, snapshot: JSON.stringify(snapshot), created_by: actor.id });
    await recordEvent(trx, actor, {
      kind: 'merged',
      module,
      recordId: survivorId,
      context: await contextOfRecord(trx, module, survivorId),
      details: { mergeId: toApiId(id), mergedIds: mergedIds.map(toApiId), mergedNames: snapshot.merged.map((m) => m.name) },
    });
    return id;
  });
  return { mergeId: toApiId(mergeId), record: await recordLoaders[module](db, actor, survivorId) };
}
