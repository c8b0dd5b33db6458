import { useQuery } from '@tanstack/react-query';
import type { Contact, ContactCreate, ContactUpdate } from '@kontor/contract/contacts';
import { api } from '../../lib/api';
import { recordKeys } from '../records/api';

export const contactPath = (id: string) => `/contacts/${id}`;

export function useContact(id: string) {
  return useQuery({ queryKey: recordKeys.detail('contacts', id), queryFn: () => api.get<Contact>(contactPath(id)) });
}

export const createContact = (body: ContactCreate) => api.post<Contact>('/contacts', body);
export const updateContact = (id: string, body: ContactUpdate) => api.patch<Contact>(contactPath(id), body);
export const deleteContact = (id: string) => api.delete(contactPath(id));
export const moveContact = (id: string, accountId: string | null, version: number) => api.post<Contact>(`${contactPath(id)}/move`, { accountId, version });
