import type { Contact, ContactCreate, ContactUpdate } from '@kontor/contract/contacts';
import type { ContactPage } from '@kontor/contract/record-pages';
import { api } from '../../lib/api';
import { seedCommonSections, seedDealSections, usePageRecord } from '../records/page-record';

export const contactPath = (id: string) => `/contacts/${id}`;

/** The contact of a contact page, loaded with the whole page at first (its deals, activities, notes, files, timeline). */
export const useContact = (id: string) =>
  usePageRecord<Contact, ContactPage>('contacts', id, (qc, page, tz) => {
    seedDealSections(qc, 'contacts', id, page.deals);
    seedCommonSections(qc, 'contacts', id, page, tz);
  });

export const createContact = (body: ContactCreate) => api.post<Contact>('/contacts', body);
export const updateContact = (id: string, body: ContactUpdate) => api.patch<Contact>(contactPath(id), body);
export const deleteContact = (id: string) => api.delete(contactPath(id));
export const moveContact = (id: string, accountId: string | null, version: number) => api.post<Contact>(`${contactPath(id)}/move`, { accountId, version });
