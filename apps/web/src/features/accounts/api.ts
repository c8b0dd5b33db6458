import { useQuery } from '@tanstack/react-query';
import type { Account, AccountCreate, AccountListItem, AccountUpdate } from '@kontor/contract/accounts';
import type { Contact, ContactListItem } from '@kontor/contract/contacts';
import { api } from '../../lib/api';
import { recordKeys, usePagedList } from '../records/api';

export const accountPath = (id: string) => `/accounts/${id}`;

export function useAccount(id: string) {
  return useQuery({ queryKey: recordKeys.detail('accounts', id), queryFn: () => api.get<Account>(accountPath(id)) });
}

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
