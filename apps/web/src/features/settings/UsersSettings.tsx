import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Modal, Paper, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { locales, roles, userCreateSchema, type Role, type User } from '@kontor/contract/users';
import { api } from '../../lib/api';
import { errorMessage, fieldMessage, notifyError, zodFieldErrors } from '../../lib/errors';
import { languageNames } from '../../lib/i18n';
import { refKeys, useUsers } from '../../lib/reference';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorState } from '../../components/States';
import { ApiError } from '../../lib/api';
import { useCurrentUser } from '../auth/session';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

export function UsersSettings() {
  return (
    <AdminOnly>
      <UsersList />
    </AdminOnly>
  );
}

function UsersList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const update = async (u: User, patch: { role?: Role; active?: boolean }) => {
    try {
      await api.patch<User>(`/users/${u.id}`, { ...patch, version: u.version });
      void qc.invalidateQueries({ queryKey: refKeys.users });
    } catch (e) {
      notifyError(t, e);
      void qc.invalidateQueries({ queryKey: refKeys.users });
    }
  };
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const columns: Column<User>[] = [
    { key: 'name', header: t('fields.name'), render: (u) => <Text size="sm" fw={550}>{u.name}</Text> },
    { key: 'email', header: t('auth.email'), render: (u) => <Text size="sm">{u.email}</Text> },
    {
      key: 'role', header: t('settings.users.role'), width: 170,
      render: (u) => (
        <Select size="xs" aria-label={t('settings.users.role')} data={roleOptions} value={u.role} allowDeselect={false} disabled={u.id === me.id} onChange={(r) => r && void update(u, { role: r as Role })} />
      ),
    },
    { key: 'locale', header: t('nav.language'), render: (u) => <Text size="sm" c="gray.7">{languageNames[u.locale]}</Text> },
    {
      key: 'active', header: t('settings.users.status'), width: 150,
      render: (u) => (
        <Group gap={8} wrap="nowrap">
          <Switch size="xs" checked={u.active} disabled={u.id === me.id} onChange={(e) => void update(u, { active: e.currentTarget.checked })} aria-label={t('settings.users.active')} data-testid={`user-active-${u.email}`} />
          <Badge size="xs" variant="light" color={u.active ? 'teal' : 'gray'}>
            {u.active ? t('settings.users.active') : t('settings.users.inactive')}
          </Badge>
        </Group>
      ),
    },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SettingsIntro>{t('settings.users.intro')}</SettingsIntro>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-user">
          {t('settings.users.new')}
        </Button>
      </Group>
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DataTable columns={columns} rows={users.data ?? []} rowKey={(u) => u.id} loading={users.isPending} minWidth={760} testId="users-table" />
        </Paper>
      )}
      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ email: '', name: '', password: '', role: 'sales' as Role, locale: 'en' as User['locale'] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const parsed = userCreateSchema.safeParse(v);
    if (!parsed.success) {
      setErrors(Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([k, m]) => [k, fieldMessage(t, m)])));
      return;
    }
    setBusy(true);
    try {
      await api.post<User>('/users', v);
      void qc.invalidateQueries({ queryKey: refKeys.users });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_failed') setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, fieldMessage(t, m)])));
      else if (e instanceof ApiError && e.code === 'duplicate') setErrors({ email: t('settings.users.emailTaken') });
      else setFormError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('settings.users.new')} centered>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <Stack gap="sm">
          {formError ? <Alert color="red">{formError}</Alert> : null}
          <TextInput label={t('fields.name')} required value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={errors.name} data-autofocus data-testid="user-name" />
          <TextInput label={t('auth.email')} type="email" required value={v.email} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} error={errors.email} data-testid="user-email" />
          <PasswordInput label={t('auth.password')} description={t('settings.users.passwordHint')} required value={v.password} onChange={(e) => setV({ ...v, password: e.currentTarget.value })} error={errors.password} data-testid="user-password" />
          <Select label={t('settings.users.role')} data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={v.role} onChange={(r) => r && setV({ ...v, role: r as Role })} allowDeselect={false} data-testid="user-role" />
          <Select label={t('nav.language')} data={locales.map((l) => ({ value: l, label: languageNames[l] }))} value={v.locale} onChange={(l) => l && setV({ ...v, locale: l as User['locale'] })} allowDeselect={false} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="user-save">{t('common.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
