import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { accountCreateSchema, type Account, type AccountListItem, type accountUpdateSchema } from '@kontor/contract/accounts';
import type { ListResponse } from '@kontor/contract/common';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { DealSummary } from '@kontor/contract/deals';
import { nameSortKey } from '@kontor/contract/sort-key';
import { inTransaction } from '../../db/in-transaction.ts';
import type { AccountRow, DB } from '../../db/schema.ts';
import { AppError, invalid, notFound, versionConflict, fieldError } from '../../errors.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
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
import { primaryValues, resolveShorthands, withoutPointCopies } from '../contact-points/primary-points.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { dealSummary } from '../deals/deals.service.ts';
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
import { accountColumns } from './accounts.columns.ts';
import { presentAccount, presentAccountListItem } from './accounts.presenter.ts';
import { accountNames, ancestorIds, findAccountDetailRow, insertAccountRow, listAccountRows, type AccountDetailRow, type AccountListQuery, type AccountListRow } from './accounts.repository.ts';

export type AccountCreateIn = z.output<typeof accountCreateSchema>;
export type AccountUpdateIn = z.output<typeof accountUpdateSchema>;

/** An account page as read (or as a write leaves it), its deal summary aside. */
interface AccountDetail {
  row: AccountRow;
  parentName: string | null;
  tags: string[];
  points: StoredPoints;
  contactCount: number;
  memberCount: number;
  facts: DetailFacts;
}

function accountDetailOf(actor: Actor, r: AccountDetailRow): AccountDetail {
  const { parent_name, owner_name: _o, tag_names, points, contact_count, member_count, creator_name: _c, editor_name: _e, restricted_to: _r, write_shared: _w, ...row } = r;
  return {
    row,
    parentName: parent_name,
    tags: splitTagNames(tag_names),
    points: parseContactPointsColumn(points),
    contactCount: Number(contact_count),
    memberCount: Number(member_count),
    facts: detailFactsOf(actor, r),
  };
}

function presentDetail(actor: Actor, d: AccountDetail, deals: DealSummary): Account {
  return presentAccount(d.row, {
    points: presentContactPoints(d.points),
    tags: d.tags,
    users: d.facts.users,
    parentName: d.row.parent_account_id == null ? null : d.parentName,
    contactCount: d.contactCount,
    memberCount: d.memberCount,
    deals,
    isCustomer: deals.isCustomer,
    restrictedTo: d.facts.restrictedTo,
    access: accessOf(actor, 'accounts', d.row, d.facts),
  });
}

async function readAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<AccountDetail> {
  const row = await findAccountDetailRow(db, actor, id);
  if (!row) throw notFound('account');
  return accountDetailOf(actor, row);
}

/** The account as the actor sees it (two statements); 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  const detail = await readAccount(db, actor, id);
  return presentDetail(actor, detail, await dealSummary(db, actor, { accountId: id }));
}

export function presentAccountRows(rows: AccountListRow[]): AccountListItem[] {
  return rows.map((r) =>
    presentAccountListItem(r, {
      tags: splitTagNames(r.tag_names),
      users: new Map(r.owner_id != null && r.owner_name != null ? [[r.owner_id, r.owner_name]] : []),
      parentName: r.parent_name,
      isCustomer: r.is_customer === true || Number(r.is_customer) === 1,
    }),
  );
}

export async function listAccounts(db: Kysely<DB>, actor: Actor, q: AccountListQuery): Promise<ListResponse<AccountListItem>> {
  assertCan(actor, 'view', 'accounts');
  const { rows, nextCursor, total } = await listAccountRows(db, actor, q);
  return { data: presentAccountRows(rows), nextCursor, ...total };
}

export async function getAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  assertCan(actor, 'view', 'accounts');
  return loadAccount(db, actor, id);
}

const cycle = () =>
  new AppError('parent_cycle', 'An account cannot be its own parent, directly or through its member accounts.', { parentAccountId: fieldError('parent_cycle') });

/**
 * A parent must not be the account itself or one of its members, at any depth. The answer may only depend on what
 * the actor can see: walking up from the new parent, a cycle is reported when the walk reaches the account through
 * visible accounts; a chain that first passes a hidden account is refused as unverifiable, whether or not it
 * loops, so the refusal tells nothing about the hidden part (that a parent is there is already visible).
 */
async function assertNoCycle(db: Kysely<DB>, actor: Actor, id: number, parentId: number | null): Promise<void> {
  if (parentId == null) return;
  if (parentId === id) throw cycle();
  const chain = await ancestorIds(db, parentId);
  const visible = actor.isAdmin ? null : new Set((await accountNames(db, actor, chain)).keys());
  for (const ancestor of chain) {
    if (ancestor === id) throw cycle();
    if (visible && !visible.has(ancestor)) {
      throw new AppError('parent_chain_hidden', 'The chosen parent sits below accounts you cannot see, so a cycle cannot be ruled out.', {
        parentAccountId: fieldError('parent_hidden'),
      });
    }
  }
}

/**
 * Checks the references the input sets or changes (one sent back unchanged links nothing new) and answers the names
 * of the owner and parent it found.
 */
async function validate(db: Kysely<DB>, actor: Actor, input: Partial<AccountCreateIn>, current?: AccountRow): Promise<FoundNames> {
  const found: FoundNames = {};
  const refs = {
    ownerId: changedRef(input.ownerId, current?.owner_id),
    contactType: changedRef(input.contactType, current?.contact_type_id),
    parentAccountId: changedRef(input.parentAccountId, current?.parent_account_id),
  };
  const refErrors = await checkReferences(db, actor, refs, found);
  if (Object.keys(refErrors).length) throw invalid(refErrors);
  if (refs.ownerId !== undefined) assertMayAssignOwner(actor, fromApiId(refs.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
  return found;
}

/**
 * A new account's row, contact points and tags as every create stores them (the single create and an import's many);
 * throws the input's custom-field problems.
 */
export function newAccountRecord(actor: Actor, given: AccountCreateIn, config: WriteConfig): NewRecord<'accounts'> {
  const input = { ...given, ...resolveShorthands(given, noStoredPoints()) };
  const custom = mergeCustomFields(config.defs, {}, input.customFields, 'create');
  return {
    row: {
      ...accountColumns(input),
      name: input.name,
      name_sort: nameSortKey(input.name),
      owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
      custom_fields: JSON.stringify(custom),
      ...(input.restrictedTo != null && { restricted: 1 }),
      ...primaryValues('accounts', input),
      ...createdStamps(actor),
    },
    points: storedPointsOf(input, config.settings.defaultPhoneRegion),
    tags: input.tags ?? [],
  };
}

/** Writes a new account (row, contact points, tags, restriction, its `created` event); answers what it stored. */
async function writeNewAccount(trx: Transaction<DB>, actor: Actor, given: AccountCreateIn, config: WriteConfig) {
  const record = newAccountRecord(actor, given, config);
  const row = await insertAccountRow(trx, record.row);
  await recordCreate(trx, actor, 'accounts', row.id, {});
  const points = record.points;
  await writeContactPoints(trx, 'accounts', row.id, points, changedPointKinds(noStoredPoints(), points), { fresh: true });
  const tags = given.tags ? await setRecordTags(trx, 'accounts', row.id, given.tags, { fresh: true }) : [];
  if (given.restrictedTo != null) await saveRestrictedTo(trx, 'accounts', row.id, given.restrictedTo);
  return { row, tags, points: mergedPoints(noStoredPoints(), points) };
}

/**
 * Writes a new account in the caller's transaction: the one insert of a new account and of a lead's conversion.
 * Rights and references are the caller's to check; `config` read before the transaction spares its reads.
 */
export async function insertAccountInTrx(trx: Transaction<DB>, actor: Actor, input: AccountCreateIn, config: WriteConfig): Promise<number> {
  return (await writeNewAccount(trx, actor, input, config)).row.id;
}

/** A new account has no contacts, members or deals yet: its answer needs no read. */
const noDeals = (): DealSummary => ({ isCustomer: false, wonDealsValue: [], openDealsValue: [], openDealCount: 0 });

export async function createAccount(db: Kysely<DB>, actor: Actor, input: AccountCreateIn): Promise<Account> {
  assertCan(actor, 'create', 'accounts');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'accounts');
  const found = await validate(db, actor, input);
  const config = await writeConfig(db, 'accounts');
  const written = await db.transaction().execute((trx) => writeNewAccount(trx, actor, input, config));
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'accounts', id: String(written.row.id) }, { restrictedTo: input.restrictedTo }, null);
  const facts = newRecordFacts(actor, written.row, { ownerName: input.ownerId === undefined ? undefined : (found.ownerId ?? null), restrictedTo: input.restrictedTo });
  return presentDetail(actor, { ...written, parentName: found.parentAccountId ?? null, contactCount: 0, memberCount: 0, facts }, noDeals());
}

/**
 * Edits an account: one read of the page before (visibility, rights, version, what the edit compares against), then
 * only what changes is written; the answer is built from that read and the write, plus the deal summary.
 */
export async function updateAccount(db: Kysely<DB>, actor: Actor, id: number, given: AccountUpdateIn): Promise<Account> {
  assertCan(actor, 'edit', 'accounts');
  const detail = await readAccount(db, actor, id);
  const input = { ...given, ...resolveShorthands(given, detail.points) };
  const current = detail.row;
  const access = accessOf(actor, 'accounts', current, detail.facts);
  assertAccessRight(access, 'edit');
  assertMayChangeAccessWith(access, current, input);
  if (current.version !== input.version) throw versionConflict(current.version);
  const found = await validate(db, actor, input, current);
  const parentId = input.parentAccountId === undefined ? undefined : fromApiIdOrNull(input.parentAccountId);
  if (parentId !== undefined && parentId !== current.parent_account_id) await assertNoCycle(db, actor, id, parentId);
  const { defs, settings } = await writeConfig(db, 'accounts');
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const points = storedPointsOf(input, settings.defaultPhoneRegion);
  const pointKindsToWrite = changedPointKinds(detail.points, points);
  const tagsToWrite = input.tags !== undefined && !sameTags(detail.tags, input.tags) ? input.tags : undefined;
  const restriction = restrictionToWrite(detail.facts.restrictedTo, input.restrictedTo);
  const set = changedColumns(current, {
    ...accountColumns(input),
    ...(custom && { custom_fields: JSON.stringify(custom) }),
    ...(restriction !== undefined && { restricted: restriction === null ? 0 : 1 }),
    ...primaryValues('accounts', input),
  });
  const before = { row: current, tags: detail.tags, points: presentContactPoints(detail.points) };
  const written = await inTransaction(db, async (trx) => {
    const row = await updateVersionedRow(trx, 'accounts', id, input.version, { ...set, ...updatedStamps(actor, current.version) });
    if (!row) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'accounts', id, before, withoutPointCopies('accounts', set), { tags: input.tags, points: input, customFields: custom });
    await writeContactPoints(trx, 'accounts', id, points, pointKindsToWrite);
    const tags = tagsToWrite ? await setRecordTags(trx, 'accounts', id, tagsToWrite) : detail.tags;
    if (restriction !== undefined) await saveRestrictedTo(trx, 'accounts', id, restriction);
    await recordAccessEdits(trx, actor, 'accounts', id, { ownerId: current.owner_id, restrictedTo: detail.facts.restrictedTo }, input, null);
    return { row, tags };
  });
  const parentName = set.parent_account_id === undefined ? detail.parentName : (found.parentAccountId ?? null);
  const facts = factsAfterWrite(actor, detail.facts, written.row, { ...(set.owner_id !== undefined && { ownerName: found.ownerId ?? null }), restrictedTo: restriction });
  const after = { ...detail, row: written.row, parentName, tags: written.tags, points: mergedPoints(detail.points, points), facts };
  return presentDetail(actor, after, await dealSummary(db, actor, { accountId: id }));
}

/** A copy of an account the actor can see, owned by the actor; its account number (an identifier) is not copied. */
export async function cloneAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  return createAccount(db, actor, cloneInput(accountCreateSchema, await getAccount(db, actor, id), ['ownerId', 'restrictedTo', 'accountNumber']));
}
