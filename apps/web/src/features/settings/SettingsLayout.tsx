import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Alert, Box, NavLink, Stack } from '@mantine/core';
import { IconAddressBook, IconForms, IconId, IconKey, IconTags, IconUsers } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../auth/session';

const items = [
  { to: '/settings/users', key: 'users', icon: IconUsers, admin: true },
  { to: '/settings/tags', key: 'tags', icon: IconTags, admin: true },
  { to: '/settings/contact-types', key: 'contactTypes', icon: IconAddressBook, admin: true },
  { to: '/settings/custom-fields', key: 'customFields', icon: IconForms, admin: true },
  { to: '/settings/business-card', key: 'businessCard', icon: IconId, admin: true },
  { to: '/settings/tokens', key: 'tokens', icon: IconKey, admin: false },
] as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const user = useCurrentUser();
  const current = items.find((i) => pathname.startsWith(i.to));
  return (
    <>
      <PageHeader title={current ? `${t('nav.settings')} · ${t(`settings.${current.key}.title`)}` : t('nav.settings')} />
      <div className="k-page" style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
        <Box component="nav" w={220} style={{ flex: 'none' }} aria-label={t('nav.settings')}>
          <Stack gap={2}>
            {items
              .filter((i) => !i.admin || user.role === 'admin')
              .map((i) => (
                <NavLink
                  key={i.to}
                  component={Link}
                  to={i.to}
                  label={t(`settings.${i.key}.title`)}
                  leftSection={<i.icon size={17} stroke={1.6} />}
                  active={pathname.startsWith(i.to)}
                  style={{ borderRadius: 6 }}
                  data-testid={`settings-nav-${i.key}`}
                />
              ))}
          </Stack>
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Outlet />
        </Box>
      </div>
    </>
  );
}

/** Wraps an admin-only settings page. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (user.role !== 'admin') return <Alert color="gray">{t('settings.adminOnly')}</Alert>;
  return <>{children}</>;
}

export function SettingsIntro({ children }: { children: ReactNode }) {
  return <Box c="dimmed" fz="sm" mb="md">{children}</Box>;
}
