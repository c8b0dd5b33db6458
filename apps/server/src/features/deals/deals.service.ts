import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { ListResponse } from '@kontor/contract/common';
import { customFieldValues } from '@kontor/contract/custom-fields';
import { dealCreateSchema, type Deal, type DealBoard, type DealListItem, type DealStatus, type DealSummary, type dealBoardQuerySchema, type dealUpdateSchema } from '@kontor/contract/deals';
import type { DB, DealRow } from '../../db/schema.ts';
import { CONCAT_SEPARATOR } from '../../db/dialect.ts';
import { invalid, notFound, versionConflict, fieldError, refused } from '../../errors.ts';
import { fromApiId, toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAccessRight, assertCan, assertMayAssignOwner, assertMayChangeAccessWith, can } from '../permissions/access.ts';
import { defaultPipeline, getPipeline } from '../pipelines/pipelines.service.ts';
import { findStageRow } from '../pipelines/pipelines.repository.ts';
import { accessOf, restrictionToWrite, detailFactsOf, factsAfterWrite, type DetailFacts } from '../records/record-detail.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { writeConfig, type WriteConfig } from '../records/write-config.ts';
import { recordCreate, recordEdit } from '../timeline/record-edits.ts';
import { changedRef, checkReferences } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { changedColumns, updateVersionedRow, visibleRecords } from '../records/visible-records.ts';
import { checkRestrictedUsers, saveRestrictedTo } from '../sharing/restricted.ts';
import { sameTags, setRecordTags, splitTagNames } from '../tags/record-tags.ts';
import { cloneInput } from '../records/clone.ts';
import { audit } from '../audit/audit.service.ts';
import { dealColumns } from './deals.columns.ts';
import { presentDeal, presentDealListItem } from './deals.presenter.ts';
import { dealTotals, findDealDetailRow, insertDealRow, listDealRows, moneyOf, stageTotals, type DealListQuery, type DealListRow } from './deals.repository.ts';

export type DealCreateIn = z.output<typeof dealCreateSchema>;
type DealUpdateIn = z.output<typeof dealUpdateSchema>;

/** A deal page as read (or as a write leaves it). */
interface DealDetail {
  row: DealListRow;
  facts: DetailFacts;
}

async function readDeal(db: Kysely<DB>, actor: Actor, id: number): Promise<DealDetail> {
  const r = await findDealDetailRow(db, actor, id);
  if (!r) throw notFound('deal');
  const { creator_name: _c, editor_name: _e, restricted_to: _r, write_shared: _w, ...row } = r;
  return { row, facts: detailFactsOf(actor, r) };
}

const presentDetail = (actor: Actor, d: DealDetail): Deal =>
  presentDeal(d.row, { users: d.facts.users, restrictedTo: d.facts.restrictedTo, access: accessOf(actor, 'deals', d.row, d.facts) });

/** The deal as the actor sees it (one statement); 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadDeal(db: Kysely<DB>, actor: Actor, id: number): Promise<Deal> {
  return presentDetail(actor, await readDeal(db, actor, id));
}

export async function getDeal(db: Kysely<DB>, actor: Actor, id: number): Promise<Deal> {
  assertCan(actor, 'view', 'deals');
  return loadDeal(db, actor, id);
}

export async function listDeals(db: Kysely<DB>, actor: Actor, q: DealListQuery): Promise<ListResponse<DealListItem>> {
  assertCan(actor, 'view', 'deals');
  const { rows, nextCursor, total } = await listDealRows(db, actor, q);
  return { data: rows.map(presentDealListItem), nextCursor, ...total };
}

/**
 * Where a deal sits: a stage implies its pipeline; a pipeline alone means its first stage; neither keeps the deal
 * where it is (or, for a new deal, the default pipeline's first stage).
 */
async function placement(db: Kysely<DB>, input: { pipelineId?: string; stageId?: string }, current?: { pipeline_id: number; stage_id: number }) {
  if (input.stageId !== undefined) {
    const stage = await findStageRow(db, fromApiId(input.stageId));
    if (!stage) throw invalid({ stageId: fieldError('no_such_stage') });
    if (input.pipelineId !== undefined && fromApiId(input.pipelineId) !== stage.pipeline_id) throw invalid({ stageId: fieldError('stage_other_pipeline') });
    return { pipeline_id: stage.pipeline_id, stage_id: stage.id };
  }
  if (input.pipelineId !== undefined) {
    if (current && fromApiId(input.pipelineId) === current.pipeline_id) return { pipeline_id: current.pipeline_id, stage_id: current.stage_id };
    const pipeline = await getPipeline(db, fromApiId(input.pipelineId)).catch(() => null);
    const first = pipeline?.stages[0];
    if (!first) throw invalid({ pipelineId: fieldError('no_such_pipeline') });
    return { pipeline_id: fromApiId(pipeline.id), stage_id: fromApiId(first.id) };
  }
  if (current) return { pipeline_id: current.pipeline_id, stage_id: current.stage_id };
  const pipeline = await defaultPipeline(db);
  const first = pipeline.stages[0];
  if (!first) throw refused('unprocessable', 'no_stage');
  return { pipeline_id: fromApiId(pipeline.id), stage_id: fromApiId(first.id) };
}

/** Won and lost deals are closed (closedAt); reopening clears it and the lost reason; a lost reason needs `lost`. */
function statusColumns(status: DealStatus | undefined, lostReason: string | null | undefined, current?: Pick<DealRow, 'status' | 'closed_at'>) {
  const next = status ?? (current?.status as DealStatus | undefined) ?? 'open';
  if (lostReason && next !== 'lost') throw invalid({ lostReason: fieldError('lost_reason_only_lost') });
  if (status === undefined || status === current?.status) return lostReason !== undefined ? { lost_reason: lostReason } : {};
  if (next === 'open') return { status: next, closed_at: null, lost_reason: null };
  return { status: next, closed_at: nowIso(), lost_reason: next === 'lost' ? (lostReason ?? null) : null };
}

/** Checks the references the input sets or changes (one sent back unchanged links nothing new). */
async function validate(db: Kysely<DB>, actor: Actor, input: Partial<DealCreateIn>, current?: DealRow): Promise<void> {
  const refs = { ownerId: changedRef(input.ownerId, current?.owner_id), accountId: changedRef(input.accountId, current?.account_id), contactId: changedRef(input.contactId, current?.contact_id) };
  const errors = await checkReferences(db, actor, { ownerId: refs.ownerId, accountId: refs.accountId });
  if (refs.contactId !== undefined && !(await visibleRecords(db, actor, 'contacts').select('id').where('id', '=', fromApiId(refs.contactId)).executeTakeFirst())) {
    errors.contactId = fieldError('no_such_contact');
  }
  if (Object.keys(errors).length) throw invalid(errors);
  if (refs.ownerId !== undefined) assertMayAssignOwner(actor, fromApiId(refs.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
}

/**
 * Writes a new deal (row, tags, restriction, its `created` event) in the caller's transaction: the one insert of a
 * new deal and of a lead's conversion. Its stage is read in the same transaction, so a stage deleted meanwhile is
 * refused and nothing is written. Rights and references are the caller's to check.
 */
export async function insertDealInTrx(trx: Transaction<DB>, actor: Actor, input: DealCreateIn, config: WriteConfig): Promise<number> {
  const { defs, settings } = config;
  const place = await placement(trx, input);
  const custom = mergeCustomFields(defs, {}, input.customFields, 'create');
  const row = {
    ...dealColumns(input),
    name: input.name,
    name_sort: dealColumns({ name: input.name }).name_sort ?? '',
    currency: input.currency ?? settings.defaultCurrency,
    ...place,
    status: 'open',
    ...statusColumns(input.status, input.lostReason),
    owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
    custom_fields: JSON.stringify(custom),
    photo_file_id: null,
    ...createdStamps(actor),
  };
  const newId = await insertDealRow(trx, { ...row, ...(input.restrictedTo != null && { restricted: 1 }) });
  await recordCreate(trx, actor, 'deals', newId, row);
  if (input.tags) await setRecordTags(trx, 'deals', newId, input.tags, { fresh: true });
  if (input.restrictedTo != null) await saveRestrictedTo(trx, 'deals', newId, input.restrictedTo);
  return newId;
}

export async function createDeal(db: Kysely<DB>, actor: Actor, input: DealCreateIn): Promise<Deal> {
  assertCan(actor, 'create', 'deals');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'deals');
  await validate(db, actor, input);
  const config = await writeConfig(db, 'deals');
  const id = await db.transaction().execute((trx) => insertDealInTrx(trx, actor, input, config));
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'deals', id: String(id) }, { restrictedTo: input.restrictedTo }, null);
  // Its stage, pipeline, account and contact names are the page's: one read.
  return loadDeal(db, actor, id);
}

/**
 * Edits a deal: fields, stage (a move on the board), status (win, lose, reopen). Winning or reopening changes the
 * account's customer status and sums in the same request, because those are derived from the deals when read.
 */
export async function updateDeal(db: Kysely<DB>, actor: Actor, id: number, input: DealUpdateIn): Promise<Deal> {
  assertCan(actor, 'edit', 'deals');
  const detail = await readDeal(db, actor, id);
  const current = detail.row;
  const access = accessOf(actor, 'deals', current, detail.facts);
  assertAccessRight(access, 'edit');
  assertMayChangeAccessWith(access, current, input);
  if (current.version !== input.version) throw versionConflict(current.version);
  await validate(db, actor, input, current);
  const place = input.stageId !== undefined || input.pipelineId !== undefined ? await placement(db, input, current) : {};
  const defs = input.customFields ? await listCustomFields(db, 'deals') : [];
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const before = { row: current, tags: splitTagNames(current.tag_names), points: null };
  const tagsToWrite = input.tags !== undefined && !sameTags(before.tags, input.tags) ? input.tags : undefined;
  const restriction = restrictionToWrite(detail.facts.restrictedTo, input.restrictedTo);
  const set = changedColumns(current, {
    ...dealColumns(input),
    ...place,
    ...statusColumns(input.status, input.lostReason, current),
    ...(custom && { custom_fields: JSON.stringify(custom) }),
    ...(restriction !== undefined && { restricted: restriction === null ? 0 : 1 }),
  });
  const written = await db.transaction().execute(async (trx) => {
    const row = await updateVersionedRow(trx, 'deals', id, input.version, { ...set, ...updatedStamps(actor, current.version) });
    if (!row) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'deals', id, before, set, { tags: input.tags, customFields: custom });
    const tags = tagsToWrite ? await setRecordTags(trx, 'deals', id, tagsToWrite) : before.tags;
    if (restriction !== undefined) await saveRestrictedTo(trx, 'deals', id, restriction);
    await recordAccessEdits(trx, actor, 'deals', id, { ownerId: current.owner_id, restrictedTo: detail.facts.restrictedTo }, input, null);
    return { row, tags };
  });
  // A new stage, pipeline, account, contact or owner brings names the page shows: read it; else the answer is known.
  if (linkColumns.some((c) => set[c] !== undefined)) return loadDeal(db, actor, id);
  const row: DealListRow = { ...current, ...written.row, tag_names: written.tags.length ? written.tags.join(CONCAT_SEPARATOR) : null };
  return presentDetail(actor, { row, facts: factsAfterWrite(actor, detail.facts, row, { restrictedTo: restriction }) });
}

const linkColumns = ['stage_id', 'pipeline_id', 'account_id', 'contact_id', 'owner_id'] as const;

/** A copy of a deal the actor can see: open, owned by the actor, in the same stage, with its tags and custom fields. */
export async function cloneDeal(db: Kysely<DB>, actor: Actor, id: number): Promise<Deal> {
  return createDeal(db, actor, cloneInput(dealCreateSchema, await getDeal(db, actor, id), ['ownerId', 'restrictedTo', 'status', 'lostReason', 'pipelineId']));
}

/** The deal board: a column per stage of the pipeline with its open deals the actor can see, counts and sums. */
export async function dealBoard(db: Kysely<DB>, actor: Actor, q: z.output<typeof dealBoardQuerySchema>): Promise<DealBoard> {
  assertCan(actor, 'view', 'deals');
  const pipeline = q.pipelineId ? await getPipeline(db, fromApiId(q.pipelineId)) : await defaultPipeline(db);
  const filters = { pipelineId: pipeline.id, ownerId: q.ownerId, tag: q.tag };
  const [totals, pages] = await Promise.all([
    stageTotals(db, actor, filters),
    Promise.all(pipeline.stages.map((s) => listDealRows(db, actor, { ...filters, stageId: s.id, status: 'open', sort: '-updatedAt', limit: q.limit, count: false }))),
  ]);
  return {
    pipeline,
    columns: pipeline.stages.map((stage, i) => {
      const mine = totals.filter((t) => toApiId(t.stageId) === stage.id);
      return {
        stage,
        count: mine.reduce((n, t) => n + t.count, 0),
        sums: moneyOf(mine),
        deals: (pages[i]?.rows ?? []).map(presentDealListItem),
        nextCursor: pages[i]?.nextCursor ?? null,
      };
    }),
  };
}

/**
 * What an account (or contact) shows of its deals: customer (a won deal), won and open values per currency. Only
 * deals the reader may see count, so the flag and the sums never reveal a hidden deal (docs/SECURITY.md).
 */
export async function dealSummary(db: Kysely<DB>, actor: Actor, where: { accountId?: number; contactId?: number }): Promise<DealSummary> {
  if (!can(actor, 'view', 'deals')) return { isCustomer: false, wonDealsValue: [], openDealsValue: [], openDealCount: 0 };
  const rows = await dealTotals(db, actor, where);
  const won = rows.filter((r) => r.status === 'won');
  const open = rows.filter((r) => r.status === 'open');
  return { isCustomer: won.length > 0, wonDealsValue: moneyOf(won), openDealsValue: moneyOf(open), openDealCount: open.reduce((n, r) => n + r.count, 0) };
}
