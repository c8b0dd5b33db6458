import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { ListResponse } from '@kontor/contract/common';
import { contactCreateSchema, type Contact, type ContactListItem, type contactMoveSchema, type contactUpdateSchema } from '@kontor/contract/contacts';
import { cloneInput } from '../records/clone.ts';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { ContactRow, DB } from '../../db/schema.ts';
import { AppError, invalid, notFound, versionConflict } from '../../errors.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { accountNames, findAccountRow } from '../accounts/accounts.repository.ts';
import { loadContactPoints, primaryValues, replaceContactPoints } from '../contact-points/contact-points.repository.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayAssignOwner, assertMayChangeAccess, assertRecordRight, recordAccess } from '../permissions/access.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { beforeEdit, recordCreate, recordEdit } from '../timeline/record-edits.ts';
import { checkRestrictedUsers, loadRestrictedTo, saveRestrictedTo } from '../sharing/restricted.ts';
import { checkReferences, userNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { getSettings } from '../settings/settings.service.ts';
import { loadTagNames, setRecordTags, splitTagNames } from '../tags/record-tags.ts';
import { audit } from '../audit/audit.service.ts';
import { contactColumns, contactSortName } from './contacts.columns.ts';
import { presentContact, presentContactListItem } from './contacts.presenter.ts';
import { findContactRow, insertContactRow, listContactRows, type ContactListQuery, type ContactListRow } from './contacts.repository.ts';
import { updateVersioned } from '../records/visible-records.ts';

type ContactCreateIn = z.output<typeof contactCreateSchema>;
type ContactUpdateIn = z.output<typeof contactUpdateSchema>;

/** The contact as the actor sees it; 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadContact(db: Kysely<DB>, actor: Actor, id: number): Promise<Contact> {
  const row = await findContactRow(db, actor, id);
  if (!row) throw notFound('contact');
  const [points, tags, users, accounts, restrictedTo, access] = await Promise.all([
    loadContactPoints(db, 'contacts', row.id),
    loadTagNames(db, 'contacts', [row.id]),
    userNames(db, [row.owner_id, row.created_by, row.updated_by]),
    accountNames(db, actor, [row.account_id]),
    loadRestrictedTo(db, 'contacts', row),
    recordAccess(db, actor, 'contacts', row),
  ]);
  return presentContact(row, {
    points,
    tags: tags.get(row.id) ?? [],
    users,
    accountName: row.account_id == null ? null : (accounts.get(row.account_id) ?? null),
    restrictedTo,
    access,
  });
}

export function presentContactRows(rows: ContactListRow[]): ContactListItem[] {
  return rows.map((r) =>
    presentContactListItem(r, {
      tags: splitTagNames(r.tag_names),
      users: new Map(r.owner_id != null && r.owner_name != null ? [[r.owner_id, r.owner_name]] : []),
      accountName: r.account_name,
    }),
  );
}

export async function listContacts(db: Kysely<DB>, actor: Actor, q: ContactListQuery): Promise<ListResponse<ContactListItem>> {
  assertCan(actor, 'view', 'contacts');
  const { rows, nextCursor, total } = await listContactRows(db, actor, q);
  return { data: presentContactRows(rows), nextCursor, ...(total !== undefined && { total }) };
}

export async function getContact(db: Kysely<DB>, actor: Actor, id: number): Promise<Contact> {
  assertCan(actor, 'view', 'contacts');
  return loadContact(db, actor, id);
}

/** `currentOwnerId`: on an update, the owner now (sending it back unchanged is no assignment). */
async function validateRefs(
  db: Kysely<DB>,
  actor: Actor,
  input: { ownerId?: string; contactType?: string | null; accountId?: string | null; restrictedTo?: string[] | null },
  currentOwnerId?: number | null,
) {
  const errors = await checkReferences(db, actor, input);
  if (Object.keys(errors).length) throw invalid(errors);
  if (input.ownerId !== undefined && fromApiId(input.ownerId) !== currentOwnerId) assertMayAssignOwner(actor, fromApiId(input.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
}

/**
 * Writes a new contact (row, contact points, tags, restriction, its `created` event) in the caller's transaction:
 * the one insert of a new contact and of a lead's conversion. Rights and references are the caller's to check.
 */
export async function insertContactInTrx(trx: Transaction<DB>, actor: Actor, input: ContactCreateIn): Promise<number> {
  const [defs, settings] = await Promise.all([listCustomFields(trx, 'contacts'), getSettings(trx)]);
  const custom = mergeCustomFields(defs, {}, input.customFields, 'create');
  const first = input.firstName ?? null;
  const last = input.lastName ?? null;
  const row = {
    ...contactColumns(input),
    first_name: first,
    last_name: last,
    sort_name: contactSortName(first, last),
    owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
    custom_fields: JSON.stringify(custom),
    ...primaryValues(input),
    ...createdStamps(actor),
  };
  const newId = await insertContactRow(trx, row);
  await recordCreate(trx, actor, 'contacts', newId, row);
  await replaceContactPoints(trx, 'contacts', newId, input, settings.defaultPhoneRegion);
  if (input.tags) await setRecordTags(trx, 'contacts', newId, input.tags);
  if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'contacts', newId, input.restrictedTo);
  return newId;
}

export async function createContact(db: Kysely<DB>, actor: Actor, input: ContactCreateIn): Promise<Contact> {
  assertCan(actor, 'create', 'contacts');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'contacts');
  await validateRefs(db, actor, input);
  const id = await db.transaction().execute((trx) => insertContactInTrx(trx, actor, input));
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'contacts', id: String(id) }, { restrictedTo: input.restrictedTo }, null);
  return loadContact(db, actor, id);
}

function accountTaken(current: ContactRow, accountName: string | null) {
  return new AppError(
    'contact_has_account',
    `This contact already belongs to ${accountName ? `"${accountName}"` : 'another account'}. A contact belongs to one account only: move it explicitly if it changed companies.`,
    { accountId: 'the contact already belongs to another account' },
    { currentAccountId: String(current.account_id) },
  );
}

/** One account per contact: an edit may link an unlinked contact or unlink it, but never re-link it silently. */
async function assertAccountChangeAllowed(db: Kysely<DB>, actor: Actor, current: ContactRow, next: number | null | undefined): Promise<void> {
  if (next === undefined || next === null || current.account_id === null || current.account_id === next) return;
  const names = await accountNames(db, actor, [current.account_id]);
  throw accountTaken(current, names.get(current.account_id) ?? null);
}

export async function updateContact(db: Kysely<DB>, actor: Actor, id: number, input: ContactUpdateIn): Promise<Contact> {
  assertCan(actor, 'edit', 'contacts');
  const current = await findContactRow(db, actor, id);
  if (!current) throw notFound('contact');
  await assertRecordRight(db, actor, 'contacts', current, 'edit');
  await assertMayChangeAccess(db, actor, 'contacts', current, input);
  if (current.version !== input.version) throw versionConflict(current.version);
  await validateRefs(db, actor, input, current.owner_id);
  await assertAccountChangeAllowed(db, actor, current, input.accountId === undefined ? undefined : fromApiIdOrNull(input.accountId));
  const first = input.firstName !== undefined ? input.firstName : current.first_name;
  const last = input.lastName !== undefined ? input.lastName : current.last_name;
  if (!first && !last) throw invalid({ lastName: 'a first or a last name is required' });
  const [defs, settings] = await Promise.all([listCustomFields(db, 'contacts'), getSettings(db)]);
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const restrictedBefore = input.restrictedTo === undefined ? null : await loadRestrictedTo(db, 'contacts', current);
  const before = await beforeEdit(db, 'contacts', id, current, input);
  await db.transaction().execute(async (trx) => {
    const set = {
      ...contactColumns(input),
      sort_name: contactSortName(first ?? null, last ?? null),
      ...(custom && { custom_fields: JSON.stringify(custom) }),
      ...primaryValues(input),
    };
    const ok = await updateVersioned(trx, 'contacts', id, input.version, { ...set, ...updatedStamps(actor, current.version) });
    if (!ok) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'contacts', id, before, set, { tags: input.tags, points: input, customFields: custom });
    await replaceContactPoints(trx, 'contacts', id, input, settings.defaultPhoneRegion);
    if (input.tags) await setRecordTags(trx, 'contacts', id, input.tags);
    if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'contacts', id, input.restrictedTo);
    await recordAccessEdits(trx, actor, 'contacts', id, { ownerId: current.owner_id, restrictedTo: restrictedBefore }, input, null);
  });
  return loadContact(db, actor, id);
}

/** The explicit action that moves a contact to another account (or to none). */
export async function moveContact(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof contactMoveSchema>): Promise<Contact> {
  assertCan(actor, 'edit', 'contacts');
  const current = await findContactRow(db, actor, id);
  if (!current) throw notFound('contact');
  await assertRecordRight(db, actor, 'contacts', current, 'edit');
  if (current.version !== input.version) throw versionConflict(current.version);
  await validateRefs(db, actor, { accountId: input.accountId });
  await setContactAccount(db, actor, current, fromApiIdOrNull(input.accountId), input.version);
  return loadContact(db, actor, id);
}

/** "Add existing contact" on an account page: allowed for a contact without an account, refused (409) for one with another. */
export async function addContactToAccount(db: Kysely<DB>, actor: Actor, accountId: number, contactId: number): Promise<Contact> {
  assertCan(actor, 'edit', 'contacts');
  if (!(await findAccountRow(db, actor, accountId))) throw notFound('account');
  const current = await findContactRow(db, actor, contactId);
  if (!current) throw notFound('contact');
  await assertRecordRight(db, actor, 'contacts', current, 'edit');
  if (current.account_id === accountId) return loadContact(db, actor, contactId);
  await assertAccountChangeAllowed(db, actor, current, accountId);
  await setContactAccount(db, actor, current, accountId, current.version);
  return loadContact(db, actor, contactId);
}

/** Links a contact to an account (or none) at the version the caller saw, with its timeline entries. */
async function setContactAccount(db: Kysely<DB>, actor: Actor, current: ContactRow, accountId: number | null, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const set = { account_id: accountId };
    if (!(await updateVersioned(trx, 'contacts', current.id, version, { ...set, ...updatedStamps(actor, current.version) }))) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'contacts', current.id, { row: current, tags: null, points: null }, set);
  });
}

/** A copy of a contact the actor can see, owned by the actor, at the same account. */
export async function cloneContact(db: Kysely<DB>, actor: Actor, id: number): Promise<Contact> {
  return createContact(db, actor, cloneInput(contactCreateSchema, await getContact(db, actor, id), ['ownerId', 'restrictedTo']));
}
