import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ListResponse } from '@kontor/contract/common';
import { customFieldValues } from '@kontor/contract/custom-fields';
import { convertedLeadEditable, leadCreateSchema, type Lead, type LeadListItem, type leadUpdateSchema } from '@kontor/contract/leads';
import type { DB, LeadRow } from '../../db/schema.ts';
import { AppError, invalid, notFound, versionConflict } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { audit } from '../audit/audit.service.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayAssignOwner, assertMayChangeAccess, assertRecordRight, recordAccess } from '../permissions/access.ts';
import { cloneInput } from '../records/clone.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { checkReferences, userNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { updateVersioned } from '../records/visible-records.ts';
import { getSettings } from '../settings/settings.service.ts';
import { checkRestrictedUsers, loadRestrictedTo, saveRestrictedTo } from '../sharing/restricted.ts';
import { setRecordTags } from '../tags/record-tags.ts';
import { beforeEdit, recordCreate, recordEdit } from '../timeline/record-edits.ts';
import { contactSortName } from '../contacts/contacts.columns.ts';
import { leadColumns } from './leads.columns.ts';
import { presentLead, presentLeadListItem } from './leads.presenter.ts';
import { findLeadListRow, findLeadRow, insertLeadRow, listLeadRows, type LeadListQuery } from './leads.repository.ts';

type LeadCreateIn = z.output<typeof leadCreateSchema>;
type LeadUpdateIn = z.output<typeof leadUpdateSchema>;

/** The lead as the actor sees it; 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadLead(db: Kysely<DB>, actor: Actor, id: number): Promise<Lead> {
  const row = await findLeadListRow(db, actor, id);
  if (!row) throw notFound('lead');
  const [users, restrictedTo, access] = await Promise.all([userNames(db, [row.created_by, row.updated_by]), loadRestrictedTo(db, 'leads', row), recordAccess(db, actor, 'leads', row)]);
  return presentLead(row, { users, restrictedTo, access });
}

export async function getLead(db: Kysely<DB>, actor: Actor, id: number): Promise<Lead> {
  assertCan(actor, 'view', 'leads');
  return loadLead(db, actor, id);
}

export async function listLeads(db: Kysely<DB>, actor: Actor, q: LeadListQuery): Promise<ListResponse<LeadListItem>> {
  assertCan(actor, 'view', 'leads');
  const { rows, nextCursor, total } = await listLeadRows(db, actor, q);
  return { data: rows.map(presentLeadListItem), nextCursor, ...(total !== undefined && { total }) };
}

/** A lead the actor may edit; 404 when hidden, 403 without the right. */
export async function editableLead(db: Kysely<DB>, actor: Actor, id: number): Promise<LeadRow> {
  assertCan(actor, 'edit', 'leads');
  const current = await findLeadRow(db, actor, id);
  if (!current) throw notFound('lead');
  await assertRecordRight(db, actor, 'leads', current, 'edit');
  return current;
}

export const alreadyConverted = (fields?: Record<string, string>) =>
  new AppError('lead_converted', 'This lead has been converted already; it now lives on as the contact (and account and deal) it became.', fields);

async function validate(db: Kysely<DB>, actor: Actor, input: Partial<LeadCreateIn>, currentOwnerId?: number | null): Promise<void> {
  const errors = await checkReferences(db, actor, { ownerId: input.ownerId });
  if (Object.keys(errors).length) throw invalid(errors);
  if (input.ownerId !== undefined && fromApiId(input.ownerId) !== currentOwnerId) assertMayAssignOwner(actor, fromApiId(input.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
}

export async function createLead(db: Kysely<DB>, actor: Actor, input: LeadCreateIn): Promise<Lead> {
  assertCan(actor, 'create', 'leads');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'leads');
  await validate(db, actor, input);
  const [defs, settings] = await Promise.all([listCustomFields(db, 'leads'), getSettings(db)]);
  const custom = mergeCustomFields(defs, {}, input.customFields, 'create');
  const id = await db.transaction().execute(async (trx) => {
    const row = {
      ...leadColumns(input, null, settings.defaultPhoneRegion),
      last_name: input.lastName,
      name_sort: contactSortName(input.firstName ?? null, input.lastName),
      status: input.status ?? 'new',
      owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
      custom_fields: JSON.stringify(custom),
      ...createdStamps(actor),
    };
    const newId = await insertLeadRow(trx, row);
    await recordCreate(trx, actor, 'leads', newId, row);
    if (input.tags) await setRecordTags(trx, 'leads', newId, input.tags);
    if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'leads', newId, input.restrictedTo);
    return newId;
  });
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'leads', id: String(id) }, { restrictedTo: input.restrictedTo }, null);
  return loadLead(db, actor, id);
}

/**
 * Edits a lead. A converted lead keeps what it was when it was converted: only its description, tags, owner and
 * restriction change (409 `lead_converted` for anything else), so the lead stays a true record of the conversion.
 */
export async function updateLead(db: Kysely<DB>, actor: Actor, id: number, input: LeadUpdateIn): Promise<Lead> {
  const current = await editableLead(db, actor, id);
  if (current.status === 'converted') {
    const frozen = Object.keys(input).filter((k) => !(convertedLeadEditable as readonly string[]).includes(k));
    if (frozen.length) throw alreadyConverted(Object.fromEntries(frozen.map((k) => [k, 'a converted lead keeps this as it was'])));
  }
  if (current.version !== input.version) throw versionConflict(current.version);
  await assertMayChangeAccess(db, actor, 'leads', current, input);
  await validate(db, actor, input, current.owner_id);
  const [defs, settings] = await Promise.all([input.customFields ? listCustomFields(db, 'leads') : [], getSettings(db)]);
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const restrictedBefore = input.restrictedTo === undefined ? null : await loadRestrictedTo(db, 'leads', current);
  const before = await beforeEdit(db, 'leads', id, current, input);
  await db.transaction().execute(async (trx) => {
    const set = { ...leadColumns(input, current, settings.defaultPhoneRegion), ...(custom && { custom_fields: JSON.stringify(custom) }) };
    if (!(await updateVersioned(trx, 'leads', id, input.version, { ...set, ...updatedStamps(actor, current.version) }))) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'leads', id, before, set, { tags: input.tags, customFields: custom });
    if (input.tags) await setRecordTags(trx, 'leads', id, input.tags);
    if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'leads', id, input.restrictedTo);
    await recordAccessEdits(trx, actor, 'leads', id, { ownerId: current.owner_id, restrictedTo: restrictedBefore }, input, null);
  });
  return loadLead(db, actor, id);
}

/** A copy of a lead the actor can see, owned by the actor; a copy of a converted lead is a new, open lead. */
export async function cloneLead(db: Kysely<DB>, actor: Actor, id: number): Promise<Lead> {
  const source = await getLead(db, actor, id);
  return createLead(db, actor, cloneInput(leadCreateSchema, { ...source, status: source.status === 'converted' ? 'new' : source.status }, ['ownerId', 'restrictedTo']));
}
