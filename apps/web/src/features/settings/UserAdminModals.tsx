import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Modal, Select, Stack, Text, Title } from '@mantine/core';
import type { User } from '@kontor/contract/users';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, notifySuccess } from '../../lib/errors';
import { refKeys, userOptions, useUsers } from '../../lib/reference';
import { FormModal } from '../../components/FormModal';
import { ModalActions } from '../../components/ModalActions';
import { emptyNewPassword, newPasswordErrors, NewPasswordFields, type NewPassword } from '../../components/forms/NewPasswordFields';
import { useUserManagement } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { recordKeys } from '../records/api';
import { SessionsTable } from './SessionsTable';
import { UserTokensTable } from './UserTokensTable';

/** Deactivate a user, optionally handing every record they own to someone else first. */
export function DeactivateModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useUsers();
  const me = useCurrentUser();
  const { mayManage } = useUserManagement();
  /** Records go only to oneself or to someone one may manage (they gain what they receive). */
  const receivers = (users.data ?? []).filter((u) => u.id !== user.id && (u.id === me.id || mayManage(u)));
  const [to, setTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (to) {
        const moved = await api.post<{ accounts: number; contacts: number }>(`/users/${user.id}/transfer`, { toUserId: to });
        notifySuccess(t('settings.users.transferred', { accounts: moved.accounts, contacts: moved.contacts, name: users.data?.find((u) => u.id === to)?.name ?? '' }));
        void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
        void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
      }
      await api.patch<User>(`/users/${user.id}`, { active: false, version: user.version });
      void qc.invalidateQueries({ queryKey: refKeys.users });
      onClose();
    } catch (e) {
      setError(e instanceof ApiError && e.fields.toUserId ? fieldMessage(t, e.fields.toUserId) : errorMessage(t, e));
      void qc.invalidateQueries({ queryKey: refKeys.users });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('settings.users.deactivateTitle', { name: user.name })} centered>
      <Stack gap="md">
        <Text size="sm">{t('settings.users.deactivateText')}</Text>
        <Select
          label={t('settings.users.transferTo')}
          description={t('settings.users.transferHint')}
          placeholder={t('settings.users.transferNobody')}
          data={userOptions(receivers, null)}
          value={to}
          onChange={setTo}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: true }}
          data-testid="transfer-to"
        />
        {error ? <Alert color="red">{error}</Alert> : null}
        <ModalActions gap="xs" onCancel={onClose} label={to ? t('settings.users.transferAndDeactivate') : t('settings.users.deactivate')} onConfirm={() => void confirm()} color="red" busy={busy} testId="confirm-deactivate" />
      </Stack>
    </Modal>
  );
}

/** An administrator (or whoever may manage the user) sets a new password; the user's sessions and API tokens end. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<NewPassword>(emptyNewPassword);
  const [errors, setErrors] = useState<Partial<Record<keyof NewPassword, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const found = newPasswordErrors(t, value);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.post(`/users/${user.id}/password`, { password: value.password });
      notifySuccess(t('settings.users.passwordReset', { name: user.name }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.password) setErrors({ password: fieldMessage(t, e.fields.password) });
      else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal title={t('settings.users.resetTitle', { name: user.name })} onClose={onClose} onSubmit={() => void submit()} size="sm" roomy submit={{ label: t('settings.users.resetPassword'), busy, testId: 'reset-save' }}>
      <Text size="sm">{t('settings.users.resetText')}</Text>
      {error ? <Alert color="red">{error}</Alert> : null}
      <NewPasswordFields value={value} onChange={setValue} errors={errors} autoFocus testId="reset-password" />
    </FormModal>
  );
}

/** Where a user is signed in and which API tokens they hold; either can be ended here. */
export function AccessModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('settings.users.accessTitle', { name: user.name })} centered size="xl">
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={3} fz={14}>{t('settings.users.sessions')}</Title>
          <Text size="sm" c="dimmed">{t('settings.users.sessionsText')}</Text>
          <SessionsTable userId={user.id} />
        </Stack>
        <Stack gap="xs" data-testid="user-tokens">
          <Title order={3} fz={14}>{t('settings.tokens.title')}</Title>
          <Text size="sm" c="dimmed">{t('settings.users.tokensText')}</Text>
          <UserTokensTable userId={user.id} />
        </Stack>
      </Stack>
    </Modal>
  );
}
