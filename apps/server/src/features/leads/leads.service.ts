import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { ListResponse } from '@kontor/contract/common';
import { customFieldValues } from '@kontor/contract/custom-fields';
import { convertedLeadEditable, leadCreateSchema, type Lead, type LeadListItem, type leadUpdateSchema } from '@kontor/contract/leads';
import { personSortKey } from '@kontor/contract/sort-key';
import type { DB, LeadRow } from '../../db/schema.ts';
import { CONCAT_SEPARATOR } from '../../db/dialect.ts';
import { AppError, fieldError, invalid, notFound, versionConflict, type FieldError } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { audit } from '../audit/audit.service.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAccessRight, assertCan, assertMayAssignOwner, assertMayChangeAccessWith, assertRecordRight } from '../permissions/access.ts';
import { cloneInput } from '../records/clone.ts';
import { accessOf, restrictionToWrite, detailFactsOf, factsAfterWrite, newRecordFacts, type DetailFacts } from '../records/record-detail.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { writeConfig, type WriteConfig } from '../records/write-config.ts';
import { changedRef, checkReferences, type FoundNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { changedColumns, updateVersionedRow } from '../records/visible-records.ts';
import { checkRestrictedUsers, saveRestrictedTo } from '../sharing/restricted.ts';
import { sameTags, setRecordTags, splitTagNames } from '../tags/record-tags.ts';
import { recordCreate, recordEdit } from '../timeline/record-edits.ts';
import { leadColumns } from './leads.columns.ts';
import { presentLead, presentLeadListItem } from './leads.presenter.ts';
import { findLeadDetailRow, findLeadRow, insertLeadRow, listLeadRows, type LeadListQuery, type LeadListRow } from './leads.repository.ts';

export type LeadCreateIn = z.output<typeof leadCreateSchema>;
type LeadUpdateIn = z.output<typeof leadUpdateSchema>;

/** A lead page as read (or as a write leaves it). */
interface LeadDetail {
  row: LeadListRow;
  facts: DetailFacts;
}

async function readLead(db: Kysely<DB>, actor: Actor, id: number): Promise<LeadDetail> {
  const r = await findLeadDetailRow(db, actor, id);
  if (!r) throw notFound('lead');
  const { creator_name: _c, editor_name: _e, restricted_to: _r, write_shared: _w, ...row } = r;
  return { row, facts: detailFactsOf(actor, r) };
}

const presentDetail = (actor: Actor, d: LeadDetail): Lead =>
  presentLead(d.row, { users: d.facts.users, restrictedTo: d.facts.restrictedTo, access: accessOf(actor, 'leads', d.row, d.facts) });

/** The lead as the actor sees it (one statement); 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadLead(db: Kysely<DB>, actor: Actor, id: number): Promise<Lead> {
  return presentDetail(actor, await readLead(db, actor, id));
}

const tagNamesValue = (tags: string[]): string | null => (tags.length ? tags.join(CONCAT_SEPARATOR) : null);

export async function getLead(db: Kysely<DB>, actor: Actor, id: number): Promise<Lead> {
  assertCan(actor, 'view', 'leads');
  return loadLead(db, actor, id);
}

export async function listLeads(db: Kysely<DB>, actor: Actor, q: LeadListQuery): Promise<ListResponse<LeadListItem>> {
  assertCan(actor, 'view', 'leads');
  const { rows, nextCursor, total } = await listLeadRows(db, actor, q);
  return { data: rows.map(presentLeadListItem), nextCursor, ...total };
}

/** A lead the actor may edit; 404 when hidden, 403 without the right. */
export async function editableLead(db: Kysely<DB>, actor: Actor, id: number): Promise<LeadRow> {
  assertCan(actor, 'edit', 'leads');
  const current = await findLeadRow(db, actor, id);
  if (!current) throw notFound('lead');
  await assertRecordRight(db, actor, 'leads', current, 'edit');
  return current;
}

export const alreadyConverted = (fields?: Record<string, FieldError>) =>
  new AppError('lead_converted', 'This lead has been converted already; it now lives on as the contact (and account and deal) it became.', fields);

/** Checks the owner the input sets or changes and answers their name. */
async function validate(db: Kysely<DB>, actor: Actor, input: Partial<LeadCreateIn>, current?: LeadRow): Promise<FoundNames> {
  const found: FoundNames = {};
  const ownerId = changedRef(input.ownerId, current?.owner_id);
  const errors = await checkReferences(db, actor, { ownerId }, found);
  if (Object.keys(errors).length) throw invalid(errors);
  if (ownerId !== undefined) assertMayAssignOwner(actor, fromApiId(ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
  return found;
}

/**
 * Writes a new lead (row, tags, restriction, its `created` event) in the caller's transaction: the one insert of a
 * new lead and of an import. Rights and references are the caller's to check; `config` is read before the transaction.
 */
export async function insertLeadInTrx(trx: Transaction<DB>, actor: Actor, input: LeadCreateIn, config: WriteConfig) {
  const { defs, settings } = config;
  const custom = mergeCustomFields(defs, {}, input.customFields, 'create');
  const row = await insertLeadRow(trx, {
    ...leadColumns(input, null, settings.defaultPhoneRegion),
    last_name: input.lastName,
    name_sort: personSortKey(input),
    status: input.status ?? 'new',
    owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
    custom_fields: JSON.stringify(custom),
    ...(input.restrictedTo != null && { restricted: 1 }),
    ...createdStamps(actor),
  });
  await recordCreate(trx, actor, 'leads', row.id, row);
  const tags = input.tags ? await setRecordTags(trx, 'leads', row.id, input.tags, { fresh: true }) : [];
  if (input.restrictedTo != null) await saveRestrictedTo(trx, 'leads', row.id, input.restrictedTo);
  return { row, tags };
}

export async function createLead(db: Kysely<DB>, actor: Actor, input: LeadCreateIn): Promise<Lead> {
  assertCan(actor, 'create', 'leads');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'leads');
  const found = await validate(db, actor, input);
  const config = await writeConfig(db, 'leads');
  const written = await db.transaction().execute((trx) => insertLeadInTrx(trx, actor, input, config));
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'leads', id: String(written.row.id) }, { restrictedTo: input.restrictedTo }, null);
  const ownerName = input.ownerId === undefined ? actor.name : (found.ownerId ?? null);
  const row: LeadListRow = { ...written.row, owner_name: ownerName, tag_names: tagNamesValue(written.tags), contact_first: null, contact_last: null, account_name: null, deal_name: null };
  return presentDetail(actor, { row, facts: newRecordFacts(actor, row, { ownerName, restrictedTo: input.restrictedTo }) });
}

/**
 * Edits a lead. A converted lead keeps what it was when it was converted: only its description, tags, owner and
 * restriction change (409 `lead_converted` for anything else), so the lead stays a true record of the conversion.
 */
export async function updateLead(db: Kysely<DB>, actor: Actor, id: number, input: LeadUpdateIn): Promise<Lead> {
  assertCan(actor, 'edit', 'leads');
  const detail = await readLead(db, actor, id);
  const current = detail.row;
  const access = accessOf(actor, 'leads', current, detail.facts);
  assertAccessRight(access, 'edit');
  if (current.status === 'converted') {
    const frozen = Object.keys(input).filter((k) => !(convertedLeadEditable as readonly string[]).includes(k));
    if (frozen.length) throw alreadyConverted(Object.fromEntries(frozen.map((k) => [k, fieldError('lead_converted')])));
  }
  if (current.version !== input.version) throw versionConflict(current.version);
  assertMayChangeAccessWith(access, current, input);
  const found = await validate(db, actor, input, current);
  const { defs, settings } = await writeConfig(db, 'leads');
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const before = { row: current, tags: splitTagNames(current.tag_names), points: null };
  const tagsToWrite = input.tags !== undefined && !sameTags(before.tags, input.tags) ? input.tags : undefined;
  const restriction = restrictionToWrite(detail.facts.restrictedTo, input.restrictedTo);
  const set = changedColumns(current, {
    ...leadColumns(input, current, settings.defaultPhoneRegion),
    ...(custom && { custom_fields: JSON.stringify(custom) }),
    ...(restriction !== undefined && { restricted: restriction === null ? 0 : 1 }),
  });
  const written = await db.transaction().execute(async (trx) => {
    const row = await updateVersionedRow(trx, 'leads', id, input.version, { ...set, ...updatedStamps(actor, current.version) });
    if (!row) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'leads', id, before, set, { tags: input.tags, customFields: custom });
    const tags = tagsToWrite ? await setRecordTags(trx, 'leads', id, tagsToWrite) : before.tags;
    if (restriction !== undefined) await saveRestrictedTo(trx, 'leads', id, restriction);
    await recordAccessEdits(trx, actor, 'leads', id, { ownerId: current.owner_id, restrictedTo: detail.facts.restrictedTo }, input, null);
    return { row, tags };
  });
  const ownerChange = set.owner_id !== undefined ? { ownerName: found.ownerId ?? null } : {};
  const row: LeadListRow = { ...current, ...written.row, ...(ownerChange.ownerName !== undefined && { owner_name: ownerChange.ownerName }), tag_names: tagNamesValue(written.tags) };
  return presentDetail(actor, { row, facts: factsAfterWrite(actor, detail.facts, row, { ...ownerChange, restrictedTo: restriction }) });
}

/** A copy of a lead the actor can see, owned by the actor; a copy of a converted lead is a new, open lead. */
export async function cloneLead(db: Kysely<DB>, actor: Actor, id: number): Promise<Lead> {
  const source = await getLead(db, actor, id);
  return createLead(db, actor, cloneInput(leadCreateSchema, { ...source, status: source.status === 'converted' ? 'new' : source.status }, ['ownerId', 'restrictedTo']));
}
