import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { RecordHistoryEntry } from '@kontor/contract/audit';
import { api } from '../../lib/api';
import { recordKeys, type RecordModule } from './api';

/** Under the record's detail key, so whatever reloads the record reloads its history too. */
export const historyKey = (module: RecordModule, id: string) => recordKeys.related(module, id, 'history', {});

/** Who owned the record and who could reach it: owner changes, shares, restrictions (newest first). */
export function useRecordHistory(module: RecordModule, id: string) {
  return useQuery({ queryKey: historyKey(module, id), queryFn: () => api.get<{ data: RecordHistoryEntry[] }>(`/${module}/${id}/history`).then((r) => r.data) });
}

/** After a save, a share, an unshare or a restriction: the history has a new entry. */
export const invalidateHistory = (qc: QueryClient, module: RecordModule, id: string) => qc.invalidateQueries({ queryKey: historyKey(module, id) });
