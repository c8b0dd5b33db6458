import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Alert, Box, NavLink, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { AdminRight } from '@kontor/contract/permissions';
import { PageHeader } from '../../components/PageHeader';
import { useMyRights } from '../auth/permissions';
import { settingsItems, useSettingsItems } from './items';

export function SettingsLayout() {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const items = useSettingsItems();
  const current = settingsItems.find((i) => pathname.startsWith(i.to));
  const groups = (['organisation', 'data', 'personal'] as const).map((g) => ({ g, list: items.filter((i) => i.group === g) })).filter((x) => x.list.length);
  return (
    <>
      <PageHeader title={current ? `${t('nav.settings')} · ${t(`settings.${current.key}.title`)}` : t('nav.settings')} />
      <div className="k-page" style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
        <Box component="nav" w={220} style={{ flex: 'none' }} aria-label={t('nav.settings')}>
          <Stack gap={2}>
            {groups.map(({ g, list }) => (
              <Box key={g} mb={6}>
                {groups.length > 1 ? (
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase" px={12} pt={4} pb={4} style={{ letterSpacing: 0.4 }}>
                    {t(`settings.groups.${g}`)}
                  </Text>
                ) : null}
                {list.map((i) => (
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
              </Box>
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

/** Wraps an administration page: only users whose profile has `right` see it (the server checks the same right). */
export function AdminOnly({ children, right = 'users' }: { children: ReactNode; right?: AdminRight }) {
  const { t } = useTranslation();
  const rights = useMyRights();
  if (!rights.admin(right)) return <Alert color="gray" data-testid="admin-only">{t('settings.adminOnly')}</Alert>;
  return <>{children}</>;
}

/** Roles and profiles are the administrators' to change: what everyone else with the `users` right sees instead of buttons. */
export function AdminsOnlyNote({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={16} />} data-testid={testId}>
      {t('settings.rolesProfilesAdminsOnly')}
    </Alert>
  );
}

export function SettingsIntro({ children }: { children: ReactNode }) {
  return <Box c="dimmed" fz="sm" mb="md">{children}</Box>;
}
