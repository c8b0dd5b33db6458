import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Account, AccountListItem, accountCreateSchema, accountUpdateSchema } from '@kontor/contract/accounts';
import type { ListResponse } from '@kontor/contract/common';
import type { CustomFieldValues } from '@kontor/contract/custom-fields';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { AccountRow, DB } from '../../db/schema.ts';
import { foldText } from '../../db/dialect.ts';
import { AppError, invalid, notFound, versionConflict } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { loadContactPoints, primaryValues, replaceContactPoints } from '../contact-points/contact-points.repository.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { checkReferences, userNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { getSettings } from '../settings/settings.service.ts';
import { loadTagNames, setRecordTags } from '../tags/record-tags.ts';
import { accountColumns } from './accounts.columns.ts';
import { presentAccount, presentAccountListItem } from './accounts.presenter.ts';
import {
  accountNames,
  ancestorIds,
  countLive,
  findAccountRow,
  insertAccountRow,
  listAccountRows,
  updateAccountRow,
  type AccountListQuery,
} from './accounts.repository.ts';

type AccountCreateIn = z.output<typeof accountCreateSchema>;
type AccountUpdateIn = z.output<typeof accountUpdateSchema>;

export async function loadAccount(db: Kysely<DB>, id: number): Promise<Account> {
  const row = await findAccountRow(db, id);
  if (!row) throw notFound('account');
  return presentFull(db, row);
}

async function presentFull(db: Kysely<DB>, row: AccountRow): Promise<Account> {
  const [points, tags, users, parents, contactCount, memberCount] = await Promise.all([
    loadContactPoints(db, 'accounts', row.id),
    loadTagNames(db, 'accounts', [row.id]),
    userNames(db, [row.owner_id, row.created_by, row.updated_by]),
    accountNames(db, [row.parent_account_id]),
    countLive(db, 'contacts', 'account_id', row.id),
    countLive(db, 'accounts', 'parent_account_id', row.id),
  ]);
  return presentAccount(row, {
    points,
    tags: tags.get(row.id) ?? [],
    users,
    parentName: row.parent_account_id == null ? null : (parents.get(row.parent_account_id) ?? null),
    contactCount,
    memberCount,
  });
}

export async function presentAccountRows(db: Kysely<DB>, rows: AccountRow[]): Promise<AccountListItem[]> {
  const ids = rows.map((r) => r.id);
  const [tags, users, parents] = await Promise.all([
    loadTagNames(db, 'accounts', ids),
    userNames(db, rows.map((r) => r.owner_id)),
    accountNames(db, rows.map((r) => r.parent_account_id)),
  ]);
  return rows.map((r) =>
    presentAccountListItem(r, { tags: tags.get(r.id) ?? [], users, parentName: r.parent_account_id == null ? null : (parents.get(r.parent_account_id) ?? null) }),
  );
}

export async function listAccounts(db: Kysely<DB>, actor: Actor, q: AccountListQuery): Promise<ListResponse<AccountListItem>> {
  assertCan(actor, 'view', 'accounts');
  const { rows, nextCursor, total } = await listAccountRows(db, q);
  return { data: await presentAccountRows(db, rows), nextCursor, ...(total !== undefined && { total }) };
}

export async function getAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<Account> {
  assertCan(actor, 'view', 'accounts');
  return loadAccount(db, id);
}

/** A parent must not be the account itself or one of its members, at any depth. */
async function assertNoCycle(db: Kysely<DB>, id: number, parentId: number | null): Promise<void> {
  if (parentId == null) return;
  if (parentId === id || (await ancestorIds(db, parentId)).includes(id)) {
    throw new AppError('parent_cycle', 'An account cannot be its own parent, directly or through its member accounts.', {
      parentAccountId: 'would make a cycle of parent accounts',
    });
  }
}

export async function createAccount(db: Kysely<DB>, actor: Actor, input: AccountCreateIn): Promise<Account> {
  assertCan(actor, 'create', 'accounts');
  const refErrors = await checkReferences(db, input);
  if (Object.keys(refErrors).length) throw invalid(refErrors);
  const [defs, settings] = await Promise.all([listCustomFields(db, 'accounts'), getSettings(db)]);
  const custom = mergeCustomFields(defs, {}, input.customFields, 'create');
  const id = await db.transaction().execute(async (trx) => {
    const cols = accountColumns(input);
    const newId = await insertAccountRow(trx, {
      ...cols,
      name: input.name,
      name_sort: foldText(input.name),
      owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
      custom_fields: JSON.stringify(custom),
      ...primaryValues(input),
      ...createdStamps(actor),
    });
    await replaceContactPoints(trx, 'accounts', newId, input, settings.defaultPhoneRegion);
    if (input.tags) await setRecordTags(trx, 'accounts', newId, input.tags);
    return newId;
  });
  return loadAccount(db, id);
}

export async function updateAccount(db: Kysely<DB>, actor: Actor, id: number, input: AccountUpdateIn): Promise<Account> {
  assertCan(actor, 'edit', 'accounts');
  const current = await findAccountRow(db, id);
  if (!current) throw notFound('account');
  if (current.version !== input.version) throw versionConflict(current.version);
  const refErrors = await checkReferences(db, input);
  if (Object.keys(refErrors).length) throw invalid(refErrors);
  if (input.parentAccountId !== undefined) await assertNoCycle(db, id, input.parentAccountId == null ? null : fromApiId(input.parentAccountId));
  const [defs, settings] = await Promise.all([listCustomFields(db, 'accounts'), getSettings(db)]);
  const currentCustom: CustomFieldValues = parseJsonColumn(current.custom_fields, customFieldValues, {});
  const custom = input.customFields ? mergeCustomFields(defs, currentCustom, input.customFields, 'update') : null;
  await db.transaction().execute(async (trx) => {
    const ok = await updateAccountRow(trx, id, input.version, {
      ...accountColumns(input),
      ...(custom && { custom_fields: JSON.stringify(custom) }),
      ...primaryValues(input),
      ...updatedStamps(actor, current.version),
    });
    if (!ok) throw versionConflict(current.version + 1);
    await replaceContactPoints(trx, 'accounts', id, input, settings.defaultPhoneRegion);
    if (input.tags) await setRecordTags(trx, 'accounts', id, input.tags);
  });
  return loadAccount(db, id);
}
