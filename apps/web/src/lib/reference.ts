import { useQuery } from '@tanstack/react-query';
import type { User } from '@kontor/contract/users';
import type { ContactType, Tag } from '@kontor/contract/tags';
import type { CustomFieldDefinition, Module } from '@kontor/contract/custom-fields';
import type { Settings } from '@kontor/contract/settings';
import { api } from './api';

/** Small lists every page needs: users, tags, contact types, custom fields, settings. */
export const refKeys = {
  users: ['users'] as const,
  tags: ['tags'] as const,
  contactTypes: ['contact-types'] as const,
  customFields: (module: Module) => ['custom-fields', module] as const,
  settings: ['settings'] as const,
};

export function useUsers() {
  return useQuery({ queryKey: refKeys.users, queryFn: () => api.get<{ data: User[] }>('/users').then((r) => r.data), staleTime: 60_000 });
}
export function useTags() {
  return useQuery({ queryKey: refKeys.tags, queryFn: () => api.get<{ data: Tag[] }>('/tags').then((r) => r.data), staleTime: 30_000 });
}
export function useContactTypes() {
  return useQuery({
    queryKey: refKeys.contactTypes,
    queryFn: () => api.get<{ data: ContactType[] }>('/contact-types').then((r) => [...r.data].sort((a, b) => a.position - b.position)),
    staleTime: 60_000,
  });
}
export function useCustomFields(module: Module) {
  return useQuery({
    queryKey: refKeys.customFields(module),
    queryFn: () => api.get<{ data: CustomFieldDefinition[] }>('/custom-fields', { module }).then((r) => [...r.data].sort((a, b) => a.position - b.position)),
    staleTime: 60_000,
  });
}
export function useSettings() {
  return useQuery({ queryKey: refKeys.settings, queryFn: () => api.get<Settings>('/settings'), staleTime: 60_000 });
}

/** Select options for users (active first); inactive ones stay visible when already chosen. */
export function userOptions(users: User[] | undefined, keep?: string | null) {
  return (users ?? []).filter((u) => u.active || u.id === keep).map((u) => ({ value: u.id, label: u.name }));
}
