import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRouterState } from '@tanstack/react-router';
import { ActionIcon, Box, Group, Menu, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { UserAvatar } from '../components/RecordAvatar';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import {
  IconAddressBook, IconBuilding, IconFileImport, IconUserSearch, IconCalendarCheck, IconKey, IconKeyboard, IconReportMoney, IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand, IconLock, IconLogout, IconSettings, IconTrash,
} from '@tabler/icons-react';
import { Logo } from '../components/Logo';
import { LanguageSelect } from '../components/LanguageSelect';
import { useCurrentUser, useLogout } from '../features/auth/session';
import { useMyRights } from '../features/auth/permissions';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { useShortcut } from '../features/search/shortcuts';
import { ShortcutsDialog } from '../features/keyboard/ShortcutsDialog';

interface NavItemProps {
  to: string;
  label: string;
  icon: ReactNode;
  collapsed: boolean;
  testId: string;
}

function NavItem({ to, label, icon, collapsed, testId }: NavItemProps) {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const active = pathname === to || pathname.startsWith(`${to}/`);
  const link = (
    <Link to={to} className="k-nav-button" data-active={active} data-testid={testId} aria-label={collapsed ? label : undefined} aria-current={active ? 'page' : undefined}>
      <Group gap={10} wrap="nowrap">
        {icon}
        {collapsed ? null : <span>{label}</span>}
      </Group>
    </Link>
  );
  return collapsed ? (
    <Tooltip label={label} position="right">
      {link}
    </Tooltip>
  ) : (
    link
  );
}

function UserMenu({ collapsed, onShortcuts }: { collapsed: boolean; onShortcuts: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  return (
    <Menu position="top-start" withinPortal width={220}>
      <Menu.Target>
        {/* named by the visible user name (a voice user says what they see); the initials are decoration */}
        <UnstyledButton className="k-nav-button" data-testid="user-menu" aria-label={collapsed ? `${t('nav.userMenu')}: ${user.name}` : undefined}>
          <Group gap={10} wrap="nowrap" style={{ minWidth: 0 }}>
            <span aria-hidden style={{ display: 'flex', flex: 'none' }}>
              <UserAvatar size={24} name={user.name} />
            </span>
            {collapsed ? null : (
              <Box style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate title={user.name}>
                  {user.name}
                </Text>
              </Box>
            )}
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/settings/security" leftSection={<IconLock size={16} />} data-testid="menu-security">
          {t('settings.security.title')}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/tokens" leftSection={<IconKey size={16} />}>
          {t('nav.apiTokens')}
        </Menu.Item>
        <Menu.Item component={Link} to="/imports" leftSection={<IconFileImport size={16} />} data-testid="menu-imports">
          {t('imports.history.title')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKeyboard size={16} />} rightSection={<Text size="xs" c="dimmed">?</Text>} onClick={onShortcuts} data-testid="menu-shortcuts">
          {t('keyboard.open')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()} data-testid="logout">
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const rights = useMyRights();
  const narrow = useMediaQuery('(max-width: 900px)');
  const [collapsedPref, setCollapsed] = useLocalStorage({ key: 'kontor.sidebarCollapsed', defaultValue: false });
  const collapsed = collapsedPref || Boolean(narrow);
  const icon = { size: 18, stroke: 1.6 };
  const main = useRef<HTMLElement>(null);
  const [shortcuts, setShortcuts] = useState(false);
  useShortcut('help', () => setShortcuts((open) => !open));
  return (
    <div className="k-shell">
      {/* the first Tab stop of every page: past the sidebar to the page itself */}
      <a
        href="#main"
        className="k-skip-link"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
          main.current?.scrollIntoView({ block: 'start' });
        }}
        data-testid="skip-link"
      >
        {t('keyboard.skipToMain')}
      </a>
      <div className="k-sidebar-wrap" style={{ width: collapsed ? 60 : 232 }}>
      <nav className="k-sidebar" aria-label={t('nav.main')}>
        <Group gap={8} px={collapsed ? 6 : 8} py={6} mb={10} wrap="nowrap">
          <Logo size={26} />
          {collapsed ? null : (
            <Text fw={700} size="lg">
              Kontor
            </Text>
          )}
        </Group>
        <GlobalSearch collapsed={collapsed} />
        <NavItem to="/accounts" label={t('nav.accounts')} icon={<IconBuilding {...icon} />} collapsed={collapsed} testId="nav-accounts" />
        <NavItem to="/contacts" label={t('nav.contacts')} icon={<IconAddressBook {...icon} />} collapsed={collapsed} testId="nav-contacts" />
        {rights.can('deals', 'view') ? <NavItem to="/deals" label={t('nav.deals')} icon={<IconReportMoney {...icon} />} collapsed={collapsed} testId="nav-deals" /> : null}
        {rights.can('leads', 'view') ? <NavItem to="/leads" label={t('nav.leads')} icon={<IconUserSearch {...icon} />} collapsed={collapsed} testId="nav-leads" /> : null}
        {rights.can('activities', 'view') ? <NavItem to="/activities" label={t('nav.activities')} icon={<IconCalendarCheck {...icon} />} collapsed={collapsed} testId="nav-activities" /> : null}
        <Box style={{ flex: 1 }} />
        <NavItem to="/recycle-bin" label={t('nav.recycleBin')} icon={<IconTrash {...icon} />} collapsed={collapsed} testId="nav-recycle-bin" />
        <NavItem to="/settings" label={t('nav.settings')} icon={<IconSettings {...icon} />} collapsed={collapsed} testId="nav-settings" />
        <LanguageSelect persist compact={collapsed} />
        <UserMenu collapsed={collapsed} onShortcuts={() => setShortcuts(true)} />
        {narrow ? null : (
          <Group justify={collapsed ? 'center' : 'flex-end'} mt={4}>
            <Tooltip label={collapsed ? t('nav.expand') : t('nav.collapse')} position="right">
              <ActionIcon variant="subtle" color="gray" onClick={() => setCollapsed(!collapsedPref)} aria-label={collapsed ? t('nav.expand') : t('nav.collapse')} data-testid="sidebar-toggle">
                {collapsed ? <IconLayoutSidebarLeftExpand size={18} /> : <IconLayoutSidebarLeftCollapse size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </nav>
      </div>
      <main className="k-main" id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      <ShortcutsDialog opened={shortcuts} onClose={() => setShortcuts(false)} />
    </div>
  );
}
