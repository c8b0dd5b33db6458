import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconSend, IconUserPlus } from '@tabler/icons-react';
import type { User } from '@kontor/contract/users';
import { api } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { languageNames } from '../../lib/i18n';
import { profileLabel, refKeys, roleLabel, useUsers } from '../../lib/reference';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorState } from '../../components/States';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { useUserManagement } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { AdminOnly, SettingsIntro } from './SettingsLayout';
import { AccessModal, DeactivateModal, ResetPasswordModal } from './UserAdminModals';
import { UserFormModal, type InviteCreated, type UserFormMode } from './UserFormModal';
import { UserRowMenu, type UserAction } from './UserRowMenu';

export function UsersSettings() {
  return (
    <AdminOnly>
      <UsersList />
    </AdminOnly>
  );
}

type Dialog = { kind: 'form'; mode: UserFormMode } | { kind: 'deactivate' | 'password' | 'access'; user: User } | null;

function UsersList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const users = useUsers();
  const mgmt = useUserManagement();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [invite, setInvite] = useState<InviteCreated | null>(null);
  const close = () => setDialog(null);

  const reactivate = async (u: User) => {
    try {
      await api.patch<User>(`/users/${u.id}`, { active: true, version: u.version });
    } catch (e) {
      notifyError(t, e);
    }
    void qc.invalidateQueries({ queryKey: refKeys.users });
  };
  const reinvite = async (u: User) => {
    try {
      setInvite(await api.post<InviteCreated>(`/users/${u.id}/invite`));
    } catch (e) {
      notifyError(t, e);
    }
  };
  const onAction = (u: User, a: UserAction) => {
    if (a === 'edit') setDialog({ kind: 'form', mode: { kind: 'edit', user: u } });
    else if (a === 'reinvite') void reinvite(u);
    else if (a === 'reactivate') void reactivate(u);
    else setDialog({ kind: a, user: u });
  };
  /** Someone who is not an administrator adds users only into roles below their own, with profiles no stronger than theirs. */
  const mayAdd = mgmt.ready && mgmt.grantableRoles.length > 0 && mgmt.grantableProfiles.length > 0;

  const columns: Column<User>[] = [
    {
      key: 'name', header: t('fields.name'),
      render: (u) => (
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={550} truncate>{u.name}{u.id === me.id ? <Text span c="dimmed" size="xs"> · {t('settings.users.you')}</Text> : null}</Text>
          <Text size="xs" c="dimmed" truncate>{u.email}</Text>
        </div>
      ),
    },
    { key: 'role', header: t('settings.users.role'), width: 150, render: (u) => <Text size="sm" truncate data-testid="user-role-cell">{roleLabel(t, u.roleName)}</Text> },
    { key: 'profile', header: t('settings.users.profile'), width: 150, render: (u) => <Text size="sm" c="gray.7" truncate data-testid="user-profile-cell">{u.profileName ? profileLabel(t, u.profileName) : '—'}</Text> },
    { key: 'locale', header: t('nav.language'), width: 110, hideBelow: 'lg', render: (u) => <Text size="sm" c="gray.7">{languageNames[u.locale]}</Text> },
    { key: 'createdAt', header: t('fields.createdAt'), kind: 'datetime', hideBelow: 'lg', render: (u) => <Text size="sm" c="gray.7">{formatDateTime(u.createdAt)}</Text> },
    {
      key: 'active', header: t('settings.users.status'), width: 120,
      render: (u) => (
        <Badge size="sm" variant="light" color={u.active ? 'teal' : 'gray'} styles={{ label: { textTransform: 'none' } }} data-testid={`user-status-${u.email}`}>
          {u.active ? t('settings.users.active') : t('settings.users.inactive')}
        </Badge>
      ),
    },
    {
      key: 'actions', header: '', width: 56, align: 'right',
      render: (u) => <UserRowMenu user={u} self={u.id === me.id} manageable={mgmt.mayManage(u)} onAction={(a) => onAction(u, a)} />,
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SettingsIntro>{t('settings.users.intro')}</SettingsIntro>
        <Tooltip label={t('settings.users.nothingToGrant')} disabled={mayAdd || !mgmt.ready} multiline w={280} withArrow>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" leftSection={<IconSend size={16} />} disabled={!mayAdd} onClick={() => setDialog({ kind: 'form', mode: { kind: 'invite' } })} data-testid="invite-user">
              {t('settings.users.invite')}
            </Button>
            <Button leftSection={<IconUserPlus size={16} />} disabled={!mayAdd} onClick={() => setDialog({ kind: 'form', mode: { kind: 'create' } })} data-testid="new-user">
              {t('settings.users.new')}
            </Button>
          </Group>
        </Tooltip>
      </Group>
      {invite ? (
        <OneTimeSecret
          title={t('settings.users.inviteCreatedTitle', { name: invite.user.name })}
          text={t('settings.users.inviteCreatedText', { at: formatDateTime(invite.expiresAt) })}
          value={window.location.origin + invite.invitePath}
          onClose={() => setInvite(null)}
          testId="invite-link"
        />
      ) : null}
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DataTable columns={columns} rows={users.data ?? []} rowKey={(u) => u.id} loading={users.isPending} testId="users-table" />
        </Paper>
      )}
      {dialog?.kind === 'form' ? (
        <UserFormModal mode={dialog.mode} isSelf={dialog.mode.kind === 'edit' && dialog.mode.user.id === me.id} onClose={close} onInvited={setInvite} />
      ) : null}
      {dialog?.kind === 'deactivate' ? <DeactivateModal user={dialog.user} onClose={close} /> : null}
      {dialog?.kind === 'password' ? <ResetPasswordModal user={dialog.user} onClose={close} /> : null}
      {dialog?.kind === 'access' ? <AccessModal user={dialog.user} onClose={close} /> : null}
    </Stack>
  );
}
