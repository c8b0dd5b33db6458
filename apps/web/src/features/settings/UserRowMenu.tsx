import { useTranslation } from 'react-i18next';
import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconDeviceLaptop, IconDots, IconLock, IconMailForward, IconPassword, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import type { User } from '@kontor/contract/users';

export type UserAction = 'edit' | 'password' | 'reinvite' | 'access' | 'deactivate' | 'reactivate';

/**
 * The actions on a row of the users table. Oneself: edit one's name, one's sessions and tokens (the password is changed
 * under My account). Others: everything, when the viewer may manage them; otherwise a lock that says why not.
 */
export function UserRowMenu({ user: u, self, manageable, onAction }: { user: User; self: boolean; manageable: boolean; onAction: (a: UserAction) => void }) {
  const { t } = useTranslation();
  if (!self && !manageable) {
    return (
      <Tooltip label={t('settings.users.notManageable')} multiline w={260} withArrow position="left">
        <ActionIcon variant="subtle" color="gray" aria-label={t('settings.users.notManageable')} data-testid={`user-locked-${u.email}`}>
          <IconLock size={15} />
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal width={240}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid={`user-actions-${u.email}`}><IconDots size={16} /></ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => onAction('edit')} data-testid="user-edit">{t('settings.users.edit')}</Menu.Item>
        {self ? null : (
          <>
            <Menu.Item leftSection={<IconPassword size={15} />} onClick={() => onAction('password')} data-testid="user-reset-password">{t('settings.users.resetPassword')}</Menu.Item>
            <Menu.Item leftSection={<IconMailForward size={15} />} onClick={() => onAction('reinvite')} disabled={!u.active} data-testid="user-reinvite">{t('settings.users.reinvite')}</Menu.Item>
          </>
        )}
        <Menu.Item leftSection={<IconDeviceLaptop size={15} />} onClick={() => onAction('access')} data-testid="user-sessions">{t('settings.users.sessionsAndTokens')}</Menu.Item>
        {self ? null : (
          <>
            <Menu.Divider />
            {u.active ? (
              <Menu.Item color="red" leftSection={<IconUserOff size={15} />} onClick={() => onAction('deactivate')} data-testid="user-deactivate">{t('settings.users.deactivate')}</Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconUserCheck size={15} />} onClick={() => onAction('reactivate')} data-testid="user-reactivate">{t('settings.users.reactivate')}</Menu.Item>
            )}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
