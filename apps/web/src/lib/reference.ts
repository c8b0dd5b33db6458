import { useQuery } from '@tanstack/react-query';
import type { User } from '@kontor/contract/users';
import type { ContactType, Tag } from '@kontor/contract/tags';
import type { CustomFieldDefinition, Module } from '@kontor/contract/custom-fields';
import type { Settings } from '@kontor/contract/settings';
import type { Profile, RoleNode } from '@kontor/contract/permissions';
import type { TFunction } from 'i18next';
import { api } from './api';

/** Small lists every page needs: users, tags, contact types, custom fields, settings. */
export const refKeys = {
  users: ['users'] as const,
  tags: ['tags'] as const,
  contactTypes: ['contact-types'] as const,
  customFields: (module: Module) => ['custom-fields', module] as const,
  settings: ['settings'] as const,
  roles: ['roles'] as const,
  profiles: ['profiles'] as const,
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

export function useRoles() {
  return useQuery({ queryKey: refKeys.roles, queryFn: () => api.get<{ data: RoleNode[] }>('/roles').then((r) => r.data), staleTime: 60_000 });
}
export function useProfiles() {
  return useQuery({ queryKey: refKeys.profiles, queryFn: () => api.get<{ data: Profile[] }>('/profiles').then((r) => r.data), staleTime: 60_000 });
}

/** The contact types Kontor starts with are stored in English; show those translated, and anything an admin typed as typed. */
const defaultContactTypes: Record<string, string> = { Cold: 'cold', Warm: 'warm', Hot: 'hot' };
export function contactTypeLabel(t: TFunction, name: string): string {
  const key = defaultContactTypes[name];
  return key ? t(`contactTypes.defaults.${key}`) : name;
}
export function useContactTypeOptions() {
  const types = useContactTypes();
  return (t: TFunction) => (types.data ?? []).map((c) => ({ value: c.id, label: contactTypeLabel(t, c.name) }));
}

/** Built-in roles and profiles are stored with English names; translate those, show renamed and custom ones as typed. */
const builtinNames = {
  roles: { Administrator: 'admin', 'Sales manager': 'manager', Salesperson: 'sales', 'Read-only': 'readonly' },
  profileNames: { Administrator: 'administrator', 'Sales manager': 'sales_manager', Salesperson: 'salesperson', 'Read-only': 'read_only' },
} as const satisfies Record<string, Record<string, string>>;
function builtinLabel(t: TFunction, kind: keyof typeof builtinNames, name: string): string {
  const key = (builtinNames[kind] as Record<string, string>)[name];
  return key ? t(`${kind}.${key}`) : name;
}
export const roleLabel = (t: TFunction, name: string) => builtinLabel(t, 'roles', name);
export const profileLabel = (t: TFunction, name: string) => builtinLabel(t, 'profileNames', name);

/** Select options for users (active first); inactive ones stay visible when already chosen. */
export function userOptions(users: User[] | undefined, keep?: string | null) {
  return (users ?? []).filter((u) => u.active || u.id === keep).map((u) => ({ value: u.id, label: u.name }));
}
