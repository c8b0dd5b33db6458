import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Module } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import type { FieldChange } from '@kontor/contract/timeline';
import { bulkRequestSchema, type BulkRequest, type Job, type Selection } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid, fieldError } from '../../errors.ts';
import { fromApiId, toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayAssignOwner } from '../permissions/access.ts';
import { checkReferences } from '../records/references.ts';
import { writeConfig } from '../records/write-config.ts';
import { deleteAccount, deleteRecord } from '../recycle-bin/recycle-bin.service.ts';
import { loadTagNames, tagKey } from '../tags/record-tags.ts';
import { contextOf, recordEvents, type TimelineEventInput } from '../timeline/timeline-events.ts';
import { countSelection, selectedIdChunks } from '../views/selection.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import type { JobSkip, RunningJob } from '../jobs/jobs.runner.ts';
import { resolveFieldWrite, type FieldWrite } from './bulk.fields.ts';
import {
  bumpRecords,
  chunkCandidates,
  deleteRecordTagPairs,
  ensureTags,
  findTags,
  insertRecordTags,
  transferOwnerChunk,
  updateColumnChunk,
  updateCustomFieldChunk,
  type CandidateRow,
} from './bulk.repository.ts';

/**
 * Mass actions (issue #13): delete (to the recycle bin), transfer owner, update a field, add or remove tags, change
 * the contact type, on the records picked or on a list's whole filtered result. The request is validated in full
 * first (rights, the value, the owner, the field; 400/403 before anything is queued), then it runs as a job: inline
 * for up to `INLINE_MAX` records (answered finished), else in the background. The job works in chunks of 1,000
 * records, one transaction each: ONE statement finds which of them the user may change (`writableWhere`, the
 * per-record rule as SQL), the others are skipped and reported with their name and why; the writes are set-based
 * (one update, one timeline `insert … select` per chunk), with one timeline event per record changed.
 */

export const INLINE_MAX = 500;
const CHUNK = 1000;

/** A validated mass action, ready to apply to chunks. */
type Plan =
  | { action: 'delete' }
  | { action: 'transferOwner'; ownerId: number }
  | { action: 'updateField'; field: string; write: FieldWrite }
  | { action: 'addTags' | 'removeTags'; tags: string[] }
  | { action: 'setContactType'; contactTypeId: number | null };

/** The right each action needs on every record (and in the profile, for the module). */
const rightOf = (action: BulkRequest['action']): keyof RecordAccess => (action === 'delete' ? 'delete' : action === 'transferOwner' ? 'share' : 'edit');

const contactTypeModules: readonly Module[] = ['accounts', 'contacts'];

/** Checks a request as the single-record paths would check each of its writes; answers what to apply. */
async function planBulk(db: Kysely<DB>, actor: Actor, module: Module, request: BulkRequest): Promise<Plan> {
  assertCan(actor, 'view', module);
  assertCan(actor, request.action === 'delete' ? 'delete' : 'edit', module);
  switch (request.action) {
    case 'delete':
      return { action: 'delete' };
    case 'transferOwner': {
      // Changing an owner needs the share right (owners and those above them), and the new owner must be an active
      // user the actor may assign records to: as on a record's own edit.
      assertCan(actor, 'share', module);
      const errors = await checkReferences(db, actor, { ownerId: request.ownerId });
      if (Object.keys(errors).length) throw invalid(errors);
      assertMayAssignOwner(actor, fromApiId(request.ownerId));
      return { action: 'transferOwner', ownerId: fromApiId(request.ownerId) };
    }
    case 'updateField': {
      const { defs, settings } = await writeConfig(db, module);
      return { action: 'updateField', field: request.field, write: resolveFieldWrite(module, request.field, request.value, { defs, phoneRegion: settings.defaultPhoneRegion }) };
    }
    case 'addTags':
    case 'removeTags': {
      const byKey = new Map<string, string>();
      for (const t of request.tags) if (!byKey.has(tagKey(t))) byKey.set(tagKey(t), t.trim());
      return { action: request.action, tags: [...byKey.values()] };
    }
    case 'setContactType': {
      if (!contactTypeModules.includes(module)) throw invalid({ contactTypeId: fieldError('contact_type_modules') }, `The ${module} module has no contact type.`);
      if (request.contactTypeId !== null) {
        const errors = await checkReferences(db, actor, { contactType: request.contactTypeId });
        if (errors.contactType) throw invalid({ contactTypeId: errors.contactType });
      }
      return { action: 'setContactType', contactTypeId: request.contactTypeId === null ? null : fromApiId(request.contactTypeId) };
    }
  }
}

const uniqueIds = (sel: Extract<Selection, { ids: string[] }>): number[] => [...new Set(sel.ids.map(fromApiId))].sort((a, b) => a - b);

/** `POST /api/v1/{module}/bulk`: validates, counts, and runs the action as a job (finished at once for small sets). */
export async function startBulk(db: Kysely<DB>, actor: Actor, module: Module, request: BulkRequest, ip: string | null): Promise<Job> {
  await planBulk(db, actor, module, request);
  const total = 'ids' in request.selection ? uniqueIds(request.selection).length : await countSelection(db, actor, module, request.selection);
  const payload: BulkPayload = { request, ip };
  return enqueueJob(db, actor, { kind: 'bulk', module, action: request.action, payload, total, inline: total <= INLINE_MAX });
}

const payloadSchema = z.object({ request: bulkRequestSchema, ip: z.string().nullable() });
type BulkPayload = z.infer<typeof payloadSchema>;

/** The selected ids in ascending chunks: the ids picked (hidden or missing ones are reported as such), or a list's result. */
async function* chunksOf(db: Kysely<DB>, actor: Actor, module: Module, sel: Selection): AsyncGenerator<number[]> {
  if ('ids' in sel) {
    const all = uniqueIds(sel);
    for (let i = 0; i < all.length; i += CHUNK) yield all.slice(i, i + CHUNK);
    return;
  }
  yield* selectedIdChunks(db, actor, module, sel, CHUNK);
}

const skipMessages: Record<keyof RecordAccess, string> = {
  edit: 'You may see this record but not change it.',
  delete: 'You may see this record but not delete it.',
  share: 'Only its owner, users above its owner and administrators may change its owner.',
};
const notFoundSkip = (id: number): JobSkip => ({ id: toApiId(id), name: null, code: 'not_found', message: 'The record does not exist any more or you cannot see it.' });

/** How a chunk went: records changed or left as they were (already so), and those skipped with why. */
interface ChunkResult {
  succeeded: number;
  skips: JobSkip[];
}

/** Which records of a chunk the action may touch; the others become skips (gone, hidden, forbidden, frozen). */
function sortOut(plan: Plan, right: keyof RecordAccess, list: number[], rows: CandidateRow[]): { allowed: CandidateRow[]; skips: JobSkip[] } {
  const found = new Map(rows.map((r) => [r.id, r]));
  const allowed: CandidateRow[] = [];
  const skips: JobSkip[] = [];
  for (const id of list) {
    const row = found.get(id);
    if (!row) skips.push(notFoundSkip(id));
    else if (!row.allowed) skips.push({ id: toApiId(id), name: row.name, code: 'forbidden', message: skipMessages[right] });
    else if (row.converted && plan.action === 'updateField' && plan.field !== 'description') {
      skips.push({ id: toApiId(id), name: row.name, code: 'lead_converted', message: 'A converted lead keeps this as it was when it was converted.' });
    } else allowed.push(row);
  }
  return { allowed, skips };
}

/** Applies the plan to one chunk of ids, in one transaction (deletions: each record as its own delete does it). */
async function applyChunk(db: Kysely<DB>, actor: Actor, module: Module, plan: Plan, list: number[], ip: string | null, job: RunningJob): Promise<ChunkResult> {
  const right = rightOf(plan.action);
  if (plan.action === 'delete') return deleteChunk(db, actor, module, list, job);
  return db.transaction().execute(async (trx) => {
    const { allowed, skips } = sortOut(plan, right, list, await chunkCandidates(trx, actor, module, list, right));
    const ids = allowed.map((r) => r.id);
    switch (plan.action) {
      case 'transferOwner':
        await transferOwnerChunk(trx, actor, module, ids, plan.ownerId, ip);
        break;
      case 'updateField':
        if (plan.write.kind === 'column') await updateColumnChunk(trx, actor, module, ids, plan.write.write);
        else await updateCustomFieldChunk(trx, actor, module, ids, plan.write.key, plan.write.valueJson);
        break;
      case 'setContactType':
        await updateColumnChunk(trx, actor, module, ids, {
          field: 'contactType',
          column: 'contact_type_id',
          json: 'id',
          value: plan.contactTypeId,
          afterJson: plan.contactTypeId === null ? 'null' : JSON.stringify(toApiId(plan.contactTypeId)),
        });
        break;
      case 'addTags':
      case 'removeTags':
        await tagChunk(trx, actor, module, allowed, plan.action, plan.tags);
        break;
    }
    return { succeeded: allowed.length, skips };
  });
}

/**
 * Adds or removes tags on a chunk: the records whose tags change get the pairs written, a new version and an
 * `updated` event with their tags before and after (in the order a record's edit records them).
 */
async function tagChunk(trx: Kysely<DB>, actor: Actor, module: Module, rows: CandidateRow[], action: 'addTags' | 'removeTags', names: string[]): Promise<void> {
  if (rows.length === 0) return;
  const tags = action === 'addTags' ? await ensureTags(trx, names) : await findTags(trx, names);
  if (tags.length === 0) return;
  const current = await loadTagNames(trx, module, rows.map((r) => r.id));
  const events: TimelineEventInput[] = [];
  const changed: number[] = [];
  const pairs: Array<{ recordId: number; tagId: number }> = [];
  for (const row of rows) {
    const before = current.get(row.id) ?? [];
    const have = new Set(before.map(tagKey));
    const touched = tags.filter((t) => (action === 'addTags' ? !have.has(t.key) : have.has(t.key)));
    if (touched.length === 0) continue;
    const gone = new Set(touched.map((t) => t.key));
    const after = action === 'addTags' ? [...before, ...touched.map((t) => t.name)] : before.filter((n) => !gone.has(tagKey(n)));
    changed.push(row.id);
    if (action === 'addTags') for (const t of touched) pairs.push({ recordId: row.id, tagId: t.id });
    const change: FieldChange = { field: 'tags', before: [...before].sort(), after: [...after].sort() };
    events.push({ kind: 'updated', module, recordId: row.id, context: contextOf(module, row.id, row.links), details: { changes: [change] } });
  }
  if (changed.length === 0) return;
  if (action === 'addTags') await insertRecordTags(trx, module, pairs);
  else await deleteRecordTagPairs(trx, module, changed, tags.map((t) => t.id));
  await bumpRecords(trx, actor, module, changed);
  await recordEvents(trx, actor, events);
}

/**
 * Moves a chunk's records to the recycle bin one by one, exactly as a record's own delete does (an account's contacts
 * are detached, not deleted); a record its delete refuses is skipped with the reason it gave.
 */
async function deleteChunk(db: Kysely<DB>, actor: Actor, module: Module, list: number[], job: RunningJob): Promise<ChunkResult> {
  const { allowed, skips } = sortOut({ action: 'delete' }, 'delete', list, await chunkCandidates(db, actor, module, list, 'delete'));
  let succeeded = 0;
  for (const row of allowed) {
    if (succeeded % 50 === 0 && succeeded > 0 && (await job.cancelled())) break;
    try {
      if (module === 'accounts') await deleteAccount(db, actor, row.id, { contacts: 'detach' });
      else await deleteRecord(db, actor, module, row.id, {});
      succeeded += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      skips.push(err.code === 'not_found' ? notFoundSkip(row.id) : { id: toApiId(row.id), name: row.name, code: err.code, message: err.message });
    }
  }
  return { succeeded, skips };
}

/**
 * The `bulk` job handler: re-checks the request as the user is now (a right taken away meanwhile fails the job before
 * it changes anything), then applies it chunk by chunk with progress, stopping between chunks when cancelled.
 */
export async function runBulkJob(db: Kysely<DB>, job: RunningJob): Promise<void> {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new AppError('validation_failed', 'The mass action this job was given is not valid.');
  const { request, ip } = parsed.data;
  const plan = await planBulk(db, job.actor, job.module, request);
  const counts = { processed: 0, succeeded: 0, skipped: 0 };
  for await (const list of chunksOf(db, job.actor, job.module, request.selection)) {
    if (await job.cancelled()) return;
    const result = await applyChunk(db, job.actor, job.module, plan, list, ip, job);
    counts.succeeded += result.succeeded;
    counts.skipped += result.skips.length;
    counts.processed = counts.succeeded + counts.skipped;
    await job.progress(counts, result.skips);
  }
  // A list's result may have moved since it was counted: the total is what was gone through.
  if ('all' in request.selection) await job.progress({ ...counts, total: counts.processed });
}
