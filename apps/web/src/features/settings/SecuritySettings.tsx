import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import type { passwordChangedSchema } from '@kontor/contract/users';
import { api, ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { profileLabel, roleLabel } from '../../lib/reference';
import { emptyNewPassword, newPasswordErrors, NewPasswordFields, type NewPassword } from '../../components/forms/NewPasswordFields';
import { FieldItem } from '../records/FieldItem';
import { useCurrentUser } from '../auth/session';
import { SessionsTable } from './SessionsTable';
import { SettingsIntro } from './SettingsLayout';

/** The signed-in user's own account: who they are, their password, where they are signed in. */
export function SecuritySettings() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack gap="md">
      <SettingsIntro>{t('settings.security.intro')}</SettingsIntro>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz={15} mb="md">{t('settings.security.account')}</Title>
          <Stack gap={12}>
            <FieldItem label={t('fields.name')}>{me.name}</FieldItem>
            <FieldItem label={t('auth.email')}>{me.email}</FieldItem>
            <FieldItem label={t('settings.users.role')} testId="me-role">{roleLabel(t, me.roleName)}</FieldItem>
            <FieldItem label={t('settings.users.profile')}>{me.profileName ? profileLabel(t, me.profileName) : null}</FieldItem>
          </Stack>
        </Paper>
        <ChangePassword />
      </SimpleGrid>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Group px="md" py={10} style={{ borderBottom: '1px solid var(--k-border)' }}>
          <Text fw={650} size="sm">{t('settings.security.sessions')}</Text>
          <Text size="xs" c="dimmed">{t('settings.security.sessionsHint')}</Text>
        </Group>
        <SessionsTable userId={me.id} />
      </Paper>
    </Stack>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>(emptyNewPassword);
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<keyof NewPassword | 'current', string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const found = { ...(current ? {} : { current: t('validation.required') }), ...newPasswordErrors(t, next) };
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const done = await api.post<z.infer<typeof passwordChangedSchema>>('/me/password', { currentPassword: current, newPassword: next.password, revokeTokens });
      setCurrent('');
      setNext(emptyNewPassword);
      setRevokeTokens(false);
      notifications.show({
        color: 'teal',
        title: t('settings.security.changed'),
        message: (
          <span data-testid="password-changed">
            {t('settings.security.sessionsEnded', { count: done.sessionsEnded })} {t('settings.security.tokensRevoked', { count: done.tokensRevoked })}
          </span>
        ),
        autoClose: 8000,
      });
      void qc.invalidateQueries({ queryKey: ['users', me.id] });
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (e) {
      if (e instanceof ApiError && e.fields.currentPassword) setErrors({ current: t('settings.security.wrongCurrent') });
      else if (e instanceof ApiError && e.fields.newPassword) setErrors({ password: t('validation.password') });
      else setFormError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz={15} mb="md">{t('settings.security.changePassword')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate data-testid="change-password-form">
        <Stack gap="sm">
          {formError ? <Alert color="red">{formError}</Alert> : null}
          <PasswordInput label={t('settings.security.current')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={errors.current} data-testid="current-password" />
          <NewPasswordFields value={next} onChange={setNext} errors={errors} />
          <Checkbox
            label={t('settings.security.revokeTokens')}
            description={t('settings.security.revokeTokensHint')}
            checked={revokeTokens}
            onChange={(e) => setRevokeTokens(e.currentTarget.checked)}
            data-testid="revoke-tokens"
          />
          <Text size="xs" c="dimmed">{t('settings.security.otherSessionsEnd')}</Text>
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="change-password-save">{t('settings.security.changePassword')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
