import { IconAddressBook, IconExternalLink, IconFileText, IconForms, IconHierarchy2, IconId, IconKey, IconLayoutKanban, IconLock, IconShare, IconShieldCheck, IconTags, IconUsers } from '@tabler/icons-react';
import type { AdminRight } from '@kontor/contract/permissions';
import { useMyRights } from '../auth/permissions';

export interface SettingsItem {
  to: string;
  key: string;
  icon: typeof IconUsers;
  /** The administration right the page needs; null: every user. */
  right: AdminRight | null;
  group: 'organisation' | 'data' | 'personal';
}

/** The settings pages, grouped; each admin page names the right its API routes check. */
export const settingsItems: SettingsItem[] = [
  { to: '/settings/users', key: 'users', icon: IconUsers, right: 'users', group: 'organisation' },
  { to: '/settings/roles', key: 'roles', icon: IconHierarchy2, right: 'users', group: 'organisation' },
  { to: '/settings/profiles', key: 'profiles', icon: IconShieldCheck, right: 'users', group: 'organisation' },
  { to: '/settings/sharing', key: 'sharing', icon: IconShare, right: 'settings', group: 'organisation' },
  { to: '/settings/audit-log', key: 'audit', icon: IconFileText, right: 'users', group: 'organisation' },
  { to: '/settings/tags', key: 'tags', icon: IconTags, right: 'fields', group: 'data' },
  { to: '/settings/contact-types', key: 'contactTypes', icon: IconAddressBook, right: 'fields', group: 'data' },
  { to: '/settings/custom-fields', key: 'customFields', icon: IconForms, right: 'fields', group: 'data' },
  { to: '/settings/pipelines', key: 'pipelines', icon: IconLayoutKanban, right: 'fields', group: 'data' },
  { to: '/settings/custom-links', key: 'customLinks', icon: IconExternalLink, right: 'fields', group: 'data' },
  { to: '/settings/business-card', key: 'businessCard', icon: IconId, right: 'settings', group: 'data' },
  { to: '/settings/security', key: 'security', icon: IconLock, right: null, group: 'personal' },
  { to: '/settings/tokens', key: 'tokens', icon: IconKey, right: null, group: 'personal' },
];

export function useSettingsItems(): SettingsItem[] {
  const rights = useMyRights();
  return settingsItems.filter((i) => i.right === null || rights.admin(i.right));
}
