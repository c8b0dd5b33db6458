import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { accountCreateSchema, type Account, type AccountListItem, type accountUpdateSchema } from '@kontor/contract/accounts';
import { cloneInput } from '../records/clone.ts';
import type { ListResponse } from '@kontor/contract/common';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { foldText } from '../../db/dialect.ts';
import { AppError, invalid, notFound, versionConflict } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { loadContactPoints, primaryValues, replaceContactPoints } from '../contact-points/contact-points.repository.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayAssignOwner, assertMayChangeAccess, assertRecordRight, recordAccess } from '../permissions/access.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { beforeEdit, recordCreate, recordEdit } from '../timeline/record-edits.ts';
import { dealSummary } from '../deals/deals.service.ts';
import { updateVersioned } from '../records/visible-records.ts';
import { checkReferences, userNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { getSettings } from '../settings/settings.service.ts';
import { checkRestrictedUsers, loadRestrictedTo, saveRestrictedTo } from '../sharing/restricted.ts';
import { loadTagNames, setRecordTags, splitTagNames } from '../tags/record-tags.ts';
import { audit } from '../audit/audit.service.ts';
import { accountColumns } from './accounts.columns.ts';
import { presentAccount, presentAccountListItem } from './accounts.presenter.ts';
import {
  accountNames,
  ancestorIds,
  countLive,
  findAccountRow,
  insertAccountRow,
  listAccountRows,
  type AccountListQuery,
  type AccountListRow,
} from './accounts.repository.ts';

type AccountCreateIn = z.output<typeof accountCreateSchema>;
type AccountUpdateIn = z.output<typeof accountUpdateSchema>;

/** The account as the actor sees it; 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  const row = await findAccountRow(db, actor, id);
  if (!row) throw notFound('account');
  const [points, tags, users, parents, contactCount, memberCount, restrictedTo, access, deals] = await Promise.all([
    loadContactPoints(db, 'accounts', row.id),
    loadTagNames(db, 'accounts', [row.id]),
    userNames(db, [row.owner_id, row.created_by, row.updated_by]),
    accountNames(db, actor, [row.parent_account_id]),
    countLive(db, actor, 'contacts', 'account_id', row.id),
    countLive(db, actor, 'accounts', 'parent_account_id', row.id),
    loadRestrictedTo(db, 'accounts', row),
    recordAccess(db, actor, 'accounts', row),
    dealSummary(db, actor, { accountId: row.id }),
  ]);
  return presentAccount(row, {
    points,
    tags: tags.get(row.id) ?? [],
    users,
    parentName: row.parent_account_id == null ? null : (parents.get(row.parent_account_id) ?? null),
    contactCount,
    memberCount,
    deals,
    isCustomer: deals.isCustomer,
    restrictedTo,
    access,
  });
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
  return { data: presentAccountRows(rows), nextCursor, ...(total !== undefined && { total }) };
}

export async function getAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  assertCan(actor, 'view', 'accounts');
  return loadAccount(db, actor, id);
}

const cycle = () =>
  new AppError('parent_cycle', 'An account cannot be its own parent, directly or through its member accounts.', { parentAccountId: 'would make a cycle of parent accounts' });

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
        parentAccountId: 'its parent chain passes through accounts you cannot see',
      });
    }
  }
}

/** `currentOwnerId`: on an update, the owner now (sending it back unchanged is no assignment). */
async function validate(db: Kysely<DB>, actor: Actor, input: Partial<AccountCreateIn>, currentOwnerId?: number | null): Promise<void> {
  const refErrors = await checkReferences(db, actor, input);
  if (Object.keys(refErrors).length) throw invalid(refErrors);
  if (input.ownerId !== undefined && fromApiId(input.ownerId) !== currentOwnerId) assertMayAssignOwner(actor, fromApiId(input.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
}

/**
 * Writes a new account (row, contact points, tags, restriction, its `created` event) in the caller's transaction:
 * the one insert of a new account and of a lead's conversion. Rights and references are the caller's to check.
 */
export async function insertAccountInTrx(trx: Transaction<DB>, actor: Actor, input: AccountCreateIn): Promise<number> {
  const [defs, settings] = await Promise.all([listCustomFields(trx, 'accounts'), getSettings(trx)]);
  const custom = mergeCustomFields(defs, {}, input.customFields, 'create');
  const newId = await insertAccountRow(trx, {
    ...accountColumns(input),
    name: input.name,
    name_sort: foldText(input.name),
    owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
    custom_fields: JSON.stringify(custom),
    ...primaryValues(input),
    ...createdStamps(actor),
  });
  await recordCreate(trx, actor, 'accounts', newId, {});
  await replaceContactPoints(trx, 'accounts', newId, input, settings.defaultPhoneRegion);
  if (input.tags) await setRecordTags(trx, 'accounts', newId, input.tags);
  if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'accounts', newId, input.restrictedTo);
  return newId;
}

export async function createAccount(db: Kysely<DB>, actor: Actor, input: AccountCreateIn): Promise<Account> {
  assertCan(actor, 'create', 'accounts');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'accounts');
  await validate(db, actor, input);
  const id = await db.transaction().execute((trx) => insertAccountInTrx(trx, actor, input));
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'accounts', id: String(id) }, { restrictedTo: input.restrictedTo }, null);
  return loadAccount(db, actor, id);
}

export async function updateAccount(db: Kysely<DB>, actor: Actor, id: number, input: AccountUpdateIn): Promise<Account> {
  assertCan(actor, 'edit', 'accounts');
  const current = await findAccountRow(db, actor, id);
  if (!current) throw notFound('account');
  await assertRecordRight(db, actor, 'accounts', current, 'edit');
  await assertMayChangeAccess(db, actor, 'accounts', current, input);
  if (current.version !== input.version) throw versionConflict(current.version);
  await validate(db, actor, input, current.owner_id);
  if (input.parentAccountId !== undefined) await assertNoCycle(db, actor, id, input.parentAccountId == null ? null : fromApiId(input.parentAccountId));
  const [defs, settings] = await Promise.all([listCustomFields(db, 'accounts'), getSettings(db)]);
  const custom = input.customFields ? mergeCustomFields(defs, parseJsonColumn(current.custom_fields, customFieldValues, {}), input.customFields, 'update') : null;
  const restrictedBefore = input.restrictedTo === undefined ? null : await loadRestrictedTo(db, 'accounts', current);
  const before = await beforeEdit(db, 'accounts', id, current, input);
  await db.transaction().execute(async (trx) => {
    const set = { ...accountColumns(input), ...(custom && { custom_fields: JSON.stringify(custom) }), ...primaryValues(input) };
    const ok = await updateVersioned(trx, 'accounts', id, input.version, { ...set, ...updatedStamps(actor, current.version) });
    if (!ok) throw versionConflict(current.version + 1);
    await recordEdit(trx, actor, 'accounts', id, before, set, { tags: input.tags, points: input, customFields: custom });
    await replaceContactPoints(trx, 'accounts', id, input, settings.defaultPhoneRegion);
    if (input.tags) await setRecordTags(trx, 'accounts', id, input.tags);
    if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'accounts', id, input.restrictedTo);
    await recordAccessEdits(trx, actor, 'accounts', id, { ownerId: current.owner_id, restrictedTo: restrictedBefore }, input, null);
  });
  return loadAccount(db, actor, id);
}

/** A copy of an account the actor can see, owned by the actor; its account number (an identifier) is not copied. */
export async function cloneAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  return createAccount(db, actor, cloneInput(accountCreateSchema, await getAccount(db, actor, id), ['ownerId', 'restrictedTo', 'accountNumber']));
}
