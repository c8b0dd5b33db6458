import { useQuery } from '@tanstack/react-query';
import type { ConversionMatch, Lead, LeadConversion, LeadConvert, LeadCreate, LeadUpdate } from '@kontor/contract/leads';
import { api } from '../../lib/api';
import { recordKeys } from '../records/api';

export const leadPath = (id: string) => `/leads/${id}`;

export function useLead(id: string) {
  return useQuery({ queryKey: recordKeys.detail('leads', id), queryFn: () => api.get<Lead>(leadPath(id)) });
}

export const createLead = (body: LeadCreate) => api.post<Lead>('/leads', body);
export const updateLead = (id: string, body: LeadUpdate) => api.patch<Lead>(leadPath(id), body);
export const deleteLead = (id: string) => api.delete(leadPath(id));
export const convertLead = (id: string, body: LeadConvert) => api.post<LeadConversion>(`${leadPath(id)}/convert`, body);

/** The accounts a lead may join (by company name or e-mail domain), only while the convert dialog is open. */
export function useConversionMatches(id: string, enabled: boolean) {
  return useQuery({
    queryKey: recordKeys.related('leads', id, 'conversion-matches', {}),
    queryFn: () => api.get<{ data: ConversionMatch[] }>(`${leadPath(id)}/conversion-matches`).then((r) => r.data),
    enabled,
  });
}
