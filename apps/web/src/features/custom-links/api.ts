import { useQuery } from '@tanstack/react-query';
import type { CustomLink } from '@kontor/contract/custom-links';
import { api } from '../../lib/api';

export const customLinksKey = ['custom-links'] as const;

/** Every module's custom links and the placeholders each may use (one small request, cached for the session). */
export function useCustomLinks() {
  return useQuery({
    queryKey: customLinksKey,
    queryFn: () => api.get<{ data: CustomLink[]; placeholders: Record<string, string[]> }>('/custom-links'),
    staleTime: 5 * 60_000,
  });
}
