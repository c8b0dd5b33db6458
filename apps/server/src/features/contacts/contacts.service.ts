import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { ListResponse } from '@kontor/contract/common';
import { contactCreateSchema, type Contact, type ContactListItem, type contactMoveSchema, type contactUpdateSchema } from '@kontor/contract/contacts';
import { customFieldValues } from '@kontor/contract/custom-fields';
import { personSortKey } from '@kontor/contract/sort-key';
import { inTransaction } from '../../db/in-transaction.ts';
import type { ContactRow, DB } from '../../db/schema.ts';
import { AppError, invalid, notFound, versionConflict, fieldError } from '../../errors.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { findAccountRow } from '../accounts/accounts.repository.ts';
import {
  changedPointKinds,
  mergedPoints,
  noStoredPoints,
  parseContactPointsColumn,
  presentContactPoints,
  storedPointsOf,
  writeContactPoints,
  type StoredPoints,
} from '../contact-points/contact-points.repository.ts';
import { primaryValues } from '../contact-points/primary-points.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAccessRight, assertCan, assertMayAssignOwner, assertMayChangeAccessWith } from '../permissions/access.ts';
import { cloneInput } from '../records/clone.ts';
import { accessOf, restrictionToWrite, detailFactsOf, factsAfterWrite, newRecordFacts, type DetailFacts } from '../records/record-detail.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { writeConfig, type WriteConfig } from '../records/write-config.ts';
import type { NewRecord } from '../records/bulk-insert.ts';
import { changedRef, checkReferences, type FoundNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { changedColumns, updateVersionedRow } from '../records/visible-records.ts';
import { checkRestrictedUsers, saveRestrictedTo } from '../sharing/restricted.ts';
import { sameTags, setRecordTags, splitTagNames } from '../tags/record-tags.ts';
import { recordCreate, recordEdit } from '../timeline/record-edits.ts';
import { audit } from '../audit/audit.service.ts';
import { contactColumns } from './contacts.columns.ts';
import { presentContact, presentContactListItem } from './contacts.presenter.ts';
import { findContactDetailRow, insertContactRow, listContactRows, type ContactDetailRow, type ContactListQuery, type ContactListRow } from './contacts.repository.ts';

export type ContactCreateIn = z.output<typeof contactCreateSchema>;
export type ContactUpdateIn = z.output<typeof contactUpdateSchema>;

/** A contact page as read (or as a write leaves it): the row and what the page shows beside it. */
interface ContactDetail {
  row: ContactRow;
  accountName: string | null;
  tags: string[];
  points: StoredPoints;
  facts: DetailFacts;
}

function contactDetailOf(actor: Actor, r: ContactDetailRow): ContactDetail {
  const { account_name, owner_name: _o, tag_names, points, creator_name: _c, editor_name: _e, restricted_to: _r, write_shared: _w, ...row } = r;
  return { row, accountName: account_name, tags: splitTagNames(tag_names), points: parseContactPointsColumn(points), facts: detailFactsOf(actor, r) };
}

function presentDetail(actor: Actor, d: ContactDetail): Contact {
  return presentContact(d.row, {
    points: presentContactPoints(d.points),
    tags: d.tags,
    users: d.facts.users,
    accountName: d.row.account_id == null ? null : d.accountName,
    restrictedTo: d.facts.restrictedTo,
    access: accessOf(actor, 'contacts', d.row, d.facts),
  });
}

async function readContact(db: Kysely<DB>, actor: Actor, id: number): Promise<ContactDetail> {
  const row = await findContactDetailRow(db, actor, id);
  if (!row) throw notFound('contact');
  return contactDetailOf(actor, row);
}

/** The contact as the actor sees it (one statement); 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadContact(db: Kysely<DB>, actor: Actor, id: number): Promise<Contact> {
  return presentDetail(actor, await readContact(db, actor, id));
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
  return { data: presentContactRows(rows), nextCursor, ...total };
}

export async function getContact(db: Kysely<DB>, actor: Actor, id: number): Promise<Contact> {
  assertCan(actor, 'view', 'contacts');
  return loadContact(db, actor, id);
}

/**
 * Checks the references the input sets or changes (one sent back unchanged links nothing new) and answers the names
 * of the owner and account it found.
 */
async function validateRefs(
  db: Kysely<DB>,
  actor: Actor,
  input: { ownerId?: string; contactType?: string | null; accountId?: string | null; restrictedTo?: string[] | null },
  current?: ContactRow,
): Promise<FoundNames> {
  const found: FoundNames = {};
  const refs = { ownerId: changedRef(input.ownerId, current?.owner_id), contactType: changedRef(input.contactType, current?.contact_type_id), accountId: changedRef(input.accountId, current?.account_id) };
  const errors = await checkReferences(db, actor, refs, found);
  if (Object.keys(errors).length) throw invalid(errors);
  if (refs.ownerId !== undefined) assertMayAssignOwner(actor, fromApiId(refs.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
  return found;
}

/**
 * A new contact's row, contact points and tags as every create stores them (the single create and an import's many);
 * throws the input's custom-field problems.
 */
export function newContactRecord(actor: Actor, input: ContactCreateIn, config: WriteConfig): NewRecord<'contacts'> {
  const custom = mergeCustomFields(config.defs, {}, input.customFields, 'create');
  const first = input.firstName ?? null;
  const last = input.lastName ?? null;
  return {
    row: {
      ...contactColumns(input),
      first_name: first,
      last_name: last,
      sort_name: personSortKey({ firstName: first, lastName: last }),
      owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
      custom_fields: JSON.stringify(custom),
      ...(input.restrictedTo != null && { restricted: 1 }),
      ...primaryValues('contacts', input),
      ...createdStamps(actor),
    },
    points: storedPointsOf(input, config.settings.defaultPhoneRegion),
    tags: input.tags ?? [],
  };
}

/** Writes a new contact (row, contact points, tags, restriction, its `created` event); answers what it stored. */
async function writeNewContact(trx: Transaction<DB>, actor: Actor, input: ContactCreateIn, config: WriteConfig) {
  const record = newContactRecord(actor, input, config);
  const row = await insertContactRow(trx, record.row);
  await recordCreate(trx, actor, 'contacts', row.id, row);
  const points = record.points;
  await writeContactPoints(trx, 'contacts', row.id, points, changedPointKinds(noStoredPoints(), points), { fresh: true });
  const tags = input.tags ? await setRecordTags(trx, 'contacts', row.id, input.tags, { fresh: true }) : [];
  if (input.restrictedTo != null) await saveRestrictedTo(trx, 'contacts', row.id, input.restrictedTo);
  return { row, tags, points: mergedPoints(noStoredPoints(), points) };
}

/**
 * Writes a new contact in the caller's transaction: the one insert of a new contact and of a lead's conversion.
 * Rights and references are the caller's to check; `config` read before the transaction spares its reads.
 */
export async function insertContactInTrx(trx: Transaction<DB>, actor: Actor, input: ContactCreateIn, config: WriteConfig): Promise<number> {
  return (await writeNewContact(trx, actor, input, config)).row.id;
}

export async function createContact(db: Kysely<DB>, actor: Actor, input: ContactCreateIn): Promise<Contact> {
  assertCan(actor, 'create', 'contacts');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'contacts');
  const found = await validateRefs(db, actor, input);
  const config = await writeConfig(db, 'contacts');
  const written = await db.transaction().execute((trx) => writeNewContact(trx, actor, input, config));
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'contacts', id: String(written.row.id) }, { restrictedTo: input.restrictedTo }, null);
  const facts = newRecordFacts(actor, written.row, { ownerName: input.ownerId === undefined ? undefined : (found.ownerId ?? null), restrictedTo: input.restrictedTo });
  return presentDetail(actor, { ...written, accountName: found.accountId ?? null, facts });
}

function accountTaken(current: ContactRow, accountName: string | null) {
  return new AppError(
    'contact_has_account',
    `This contact already belongs to ${accountName ? `"${accountName}"` : 'another account'}. A contact belongs to one account only: move it explicitly if it changed companies.`,
    { accountId: fieldError('account_taken') },
    { currentAccountId: String(current.account_id) },
  );
}

/** One account per contact: an edit may link an unlinked contact or unlink it, but never re-link it silently. */
function assertAccountChangeAllowed(current: ContactDetail, next: number | null | undefined): void {
  const now = current.row.account_id;
  if (next === undefined || next === null || now === null || now === next) return;
  throw accountTaken(current.row, current.accountName);
}

/**
 * Edits a contact: one read of the page before (visibility, rights, version, what the edit compares against), then
 * only what changes is written, and the answer is built from that read and the write (equal to a read afterwards).
 */
export async function updateContact(db: Kysely<DB>, actor: Actor, id: number, input: ContactUpdateIn): Promise<Contact> {
  assertCan(actor, 'edit', 'contacts');
  const detail = await readContact(db, actor, id);
  const current = detail.row;
  const access = accessOf(actor, 'contacts', current, detail.facts);
  assertAccessRight(access, 'edit');
  assertMayChangeAccessWith(access, current, input);
  if (current.version !== input.version) throw versionConflict(current.version);
  const found = await validateRefs(db, actor, input, current);
  assertAccountChangeAllowed(detail, input.accountId === undefined ? undefined : fromApiIdOrNull(input.accountId));
  const first = input.firstName !== undefined ? input.firstName : current.first_name;
  const last = input.lastName !== undefined ? input.lastName : current.last_name;
  if (!first && !last) throw invalid({ lastName: fieldError('name_required') });
  const { defs, settings } = await writeConfig(db, 'contacts');
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const points = storedPointsOf(input, settings.defaultPhoneRegion);
  const pointKindsToWrite = changedPointKinds(detail.points, points);
  const tagsToWrite = input.tags !== undefined && !sameTags(detail.tags, input.tags) ? input.tags : undefined;
  const restriction = restrictionToWrite(detail.facts.restrictedTo, input.restrictedTo);
  const set = changedColumns(current, {
    ...contactColumns(input),
    ...((input.firstName !== undefined || input.lastName !== undefined) && { sort_name: personSortKey({ firstName: first, lastName: last }) }),
    ...(custom && { custom_fields: JSON.stringify(custom) }),
    ...(restriction !== undefined && { restricted: restriction === null ? 0 : 1 }),
    ...primaryValues('contacts', input),
  });
  const before = { row: current, tags: detail.tags, points: presentContactPoints(detail.points) };
  const written = await inTransaction(db, async (trx) => {
    const row = await updateVersionedRow(trx, 'contacts', id, input.version, { ...set, ...updatedStamps(actor, current.version) });
    if (!row) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'contacts', id, before, set, { tags: input.tags, points: input, customFields: custom });
    await writeContactPoints(trx, 'contacts', id, points, pointKindsToWrite);
    const tags = tagsToWrite ? await setRecordTags(trx, 'contacts', id, tagsToWrite) : detail.tags;
    if (restriction !== undefined) await saveRestrictedTo(trx, 'contacts', id, restriction);
    await recordAccessEdits(trx, actor, 'contacts', id, { ownerId: current.owner_id, restrictedTo: detail.facts.restrictedTo }, input, null);
    return { row, tags };
  });
  const accountName = set.account_id === undefined ? detail.accountName : (found.accountId ?? null);
  const facts = factsAfterWrite(actor, detail.facts, written.row, { ...(set.owner_id !== undefined && { ownerName: found.ownerId ?? null }), restrictedTo: restriction });
  return presentDetail(actor, { row: written.row, accountName, tags: written.tags, points: mergedPoints(detail.points, points), facts });
}

/** The explicit action that moves a contact to another account (or to none). */
export async function moveContact(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof contactMoveSchema>): Promise<Contact> {
  assertCan(actor, 'edit', 'contacts');
  const detail = await readContact(db, actor, id);
  assertAccessRight(accessOf(actor, 'contacts', detail.row, detail.facts), 'edit');
  if (detail.row.version !== input.version) throw versionConflict(detail.row.version);
  const found = await validateRefs(db, actor, { accountId: input.accountId });
  return setContactAccount(db, actor, detail, fromApiIdOrNull(input.accountId), input.version, found.accountId ?? null);
}

/** "Add existing contact" on an account page: allowed for a contact without an account, refused (409) for one with another. */
export async function addContactToAccount(db: Kysely<DB>, actor: Actor, accountId: number, contactId: number): Promise<Contact> {
  assertCan(actor, 'edit', 'contacts');
  const account = await findAccountRow(db, actor, accountId);
  if (!account) throw notFound('account');
  const detail = await readContact(db, actor, contactId);
  assertAccessRight(accessOf(actor, 'contacts', detail.row, detail.facts), 'edit');
  if (detail.row.account_id === accountId) return presentDetail(actor, detail);
  assertAccountChangeAllowed(detail, accountId);
  return setContactAccount(db, actor, detail, accountId, detail.row.version, account.name);
}

/** Links a contact to an account (or none) at the version the caller saw, with its timeline entries; answers the contact. */
async function setContactAccount(db: Kysely<DB>, actor: Actor, detail: ContactDetail, accountId: number | null, version: number, accountName: string | null): Promise<Contact> {
  const current = detail.row;
  const row = await db.transaction().execute(async (trx) => {
    const set = { account_id: accountId };
    const updated = await updateVersionedRow(trx, 'contacts', current.id, version, { ...set, ...updatedStamps(actor, current.version) });
    if (!updated) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'contacts', current.id, { row: current, tags: null, points: null }, set);
    return updated;
  });
  return presentDetail(actor, { ...detail, row, accountName, facts: factsAfterWrite(actor, detail.facts, row) });
}

/** A copy of a contact the actor can see, owned by the actor, at the same account. */
export async function cloneContact(db: Kysely<DB>, actor: Actor, id: number): Promise<Contact> {
  return createContact(db, actor, cloneInput(contactCreateSchema, await getContact(db, actor, id), ['ownerId', 'restrictedTo']));
}
