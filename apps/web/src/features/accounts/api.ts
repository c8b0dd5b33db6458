import type { QueryClient } from '@tanstack/react-query';
import type { Account, AccountCreate, AccountListItem, AccountUpdate } from '@kontor/contract/accounts';
import type { Contact, ContactListItem } from '@kontor/contract/contacts';
import { recordPageLists, type AccountPage } from '@kontor/contract/record-pages';
import { api } from '../../lib/api';
import { recordKeys, usePagedList } from '../records/api';
import { seedCommonSections, seedDealSections, seedFirstPage, usePageRecord } from '../records/page-record';

export const accountPath = (id: string) => `/accounts/${id}`;

/** Puts an account page's lists where its sections look for them (their hooks' keys and first parameters). */
function seedAccountPage(qc: QueryClient, id: string, page: AccountPage, tz: string): void {
  if (page.contacts) seedFirstPage(qc, recordKeys.related('accounts', id, 'contacts', { sort: recordPageLists.contacts.sort }), page.contacts);
  seedFirstPage(qc, recordKeys.related('accounts', id, 'members', { sort: recordPageLists.members.sort }), page.members);
  seedDealSections(qc, 'accounts', id, page.deals);
  seedCommonSections(qc, 'accounts', id, page, tz);
}

/** The account of an account page, loaded with the whole page at first (`usePageRecord`). */
export const useAccount = (id: string) => usePageRecord<Account, AccountPage>('accounts', id, (qc, page, tz) => seedAccountPage(qc, id, page, tz));

export const createAccount = (body: AccountCreate) => api.post<Account>('/accounts', body);
export const updateAccount = (id: string, body: AccountUpdate) => api.patch<Account>(accountPath(id), body);
export const deleteAccount = (id: string, contacts?: 'detach' | 'delete') => api.delete(accountPath(id), { contacts });
export const addExistingContact = (accountId: string, contactId: string) => api.post<Contact>(`${accountPath(accountId)}/contacts`, { contactId });

export function useAccountContacts(id: string, sort: string) {
  return usePagedList<ContactListItem>(recordKeys.related('accounts', id, 'contacts', { sort }), `${accountPath(id)}/contacts`, { sort });
}
export function useAccountMembers(id: string, sort: string) {
  return usePagedList<AccountListItem>(recordKeys.related('accounts', id, 'members', { sort }), `${accountPath(id)}/members`, { sort });
}
