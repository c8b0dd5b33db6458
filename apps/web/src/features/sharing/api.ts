import { useQuery } from '@tanstack/react-query';
import type { Share } from '@kontor/contract/permissions';
import { api } from '../../lib/api';
import { recordKeys, type RecordModule } from '../records/api';

export const sharesKey = (module: RecordModule, id: string) => recordKeys.related(module, id, 'shares', {});

export function useShares(module: RecordModule, id: string) {
  return useQuery({ queryKey: sharesKey(module, id), queryFn: () => api.get<{ data: Share[] }>(`/${module}/${id}/shares`).then((r) => r.data) });
}

export const addShare = (module: RecordModule, id: string, body: { userId?: string; roleId?: string; access: Share['access'] }) =>
  api.post<Share>(`/${module}/${id}/shares`, body);
export const removeShare = (module: RecordModule, id: string, shareId: string) => api.delete(`/${module}/${id}/shares/${shareId}`);

/** What a record page needs to show and change who sees it. */
export interface SharedRecord {
  id: string;
  ownerId: string | null;
  owner: { id: string; name: string } | null;
  restrictedTo: string[] | null;
  access: { edit: boolean; delete: boolean; share: boolean };
}

export type SharingDialog = 'share' | 'restrict' | null;
