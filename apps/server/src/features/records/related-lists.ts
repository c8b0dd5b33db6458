import type { Kysely } from 'kysely';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { ListResponse } from '@kontor/contract/common';
import type { ContactListItem } from '@kontor/contract/contacts';
import type { DealListItem } from '@kontor/contract/deals';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import type { AccountListQuery } from '../accounts/accounts.repository.ts';
import { listAccounts } from '../accounts/accounts.service.ts';
import type { ContactListQuery } from '../contacts/contacts.repository.ts';
import { listContacts } from '../contacts/contacts.service.ts';
import type { DealListQuery } from '../deals/deals.repository.ts';
import { listDeals } from '../deals/deals.service.ts';
import type { Actor } from '../permissions/actor.ts';
import type { VisibleParent } from './visible-parent.ts';

/**
 * The related lists that are a module's list filtered by the parent: an account's contacts and member accounts, an
 * account's or contact's deals. Each takes the parent as `assertVisibleParent` answered it, so none lists the
 * records of a parent the actor may not see; the list itself applies the actor's visibility to every row.
 */
export const accountContacts = (db: Kysely<DB>, actor: Actor, parent: VisibleParent<'accounts'>, q: Omit<ContactListQuery, 'accountId'>): Promise<ListResponse<ContactListItem>> =>
  listContacts(db, actor, { ...q, accountId: toApiId(parent.id) });

export const accountMembers = (db: Kysely<DB>, actor: Actor, parent: VisibleParent<'accounts'>, q: Omit<AccountListQuery, 'parentAccountId'>): Promise<ListResponse<AccountListItem>> =>
  listAccounts(db, actor, { ...q, parentAccountId: toApiId(parent.id) });

export const relatedDeals = (
  db: Kysely<DB>,
  actor: Actor,
  parent: VisibleParent<'accounts' | 'contacts'>,
  q: Omit<DealListQuery, 'accountId' | 'contactId'>,
): Promise<ListResponse<DealListItem>> => listDeals(db, actor, { ...q, [parent.module === 'accounts' ? 'accountId' : 'contactId']: toApiId(parent.id) });
