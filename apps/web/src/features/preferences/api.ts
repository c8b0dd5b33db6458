import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PreferenceKey, RelatedListsPreference } from '@kontor/contract/preferences';
import { api } from '../../lib/api';

const key = ['me', 'preferences'] as const;

/** The user's own preferences, kept on the server so they follow them to every browser. */
export function usePreferences() {
  return useQuery({ queryKey: key, queryFn: () => api.get<{ data: Record<string, unknown> }>('/me/preferences').then((r) => r.data), staleTime: 10 * 60_000 });
}

export function useSetPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, value }: { name: PreferenceKey; value: RelatedListsPreference }) => api.put<{ data: Record<string, unknown> }>(`/me/preferences/${name}`, { value }),
    onSuccess: (res) => qc.setQueryData(key, res.data),
  });
}
