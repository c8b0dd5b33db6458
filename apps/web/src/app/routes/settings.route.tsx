import { useEffect, type ComponentType } from 'react';
import { createLazyRoute, useNavigate } from '@tanstack/react-router';
import { SettingsLayout } from '../../features/settings/SettingsLayout';
import { UsersSettings } from '../../features/settings/UsersSettings';
import { TagsSettings } from '../../features/settings/TagsSettings';
import { ContactTypesSettings } from '../../features/settings/ContactTypesSettings';
import { CustomFieldsSettings } from '../../features/settings/CustomFieldsSettings';
import { BusinessCardSettings } from '../../features/settings/BusinessCardSettings';
import { PipelinesSettings } from '../../features/settings/PipelinesSettings';
import { TokensSettings } from '../../features/settings/TokensSettings';
import { RolesSettings } from '../../features/settings/RolesSettings';
import { ProfilesSettings } from '../../features/settings/ProfilesSettings';
import { SharingDefaultsSettings } from '../../features/settings/SharingDefaultsSettings';
import { AuditLogSettings } from '../../features/settings/AuditLogSettings';
import { SecuritySettings } from '../../features/settings/SecuritySettings';
import { CustomLinksSettings } from '../../features/custom-links/CustomLinksSettings';
import { useSettingsItems } from '../../features/settings/items';
import type { SettingsPage } from '../router';

/** /settings opens the first page the user may use. */
function SettingsHome() {
  const items = useSettingsItems();
  const navigate = useNavigate();
  const first = items[0]?.to ?? '/settings/security';
  useEffect(() => {
    void navigate({ to: first, replace: true });
  }, [navigate, first]);
  return null;
}

export const layout = createLazyRoute('/app/settings')({ component: SettingsLayout });
export const home = createLazyRoute('/app/settings/')({ component: SettingsHome });

/** Every settings page, by its path under /settings (the router's list, `settingsPages`, names the same keys). */
export const pages: Record<SettingsPage, ComponentType> = {
  users: UsersSettings,
  tags: TagsSettings,
  'contact-types': ContactTypesSettings,
  'custom-fields': CustomFieldsSettings,
  'business-card': BusinessCardSettings,
  pipelines: PipelinesSettings,
  tokens: TokensSettings,
  roles: RolesSettings,
  profiles: ProfilesSettings,
  sharing: SharingDefaultsSettings,
  'audit-log': AuditLogSettings,
  security: SecuritySettings,
  'custom-links': CustomLinksSettings,
};
