import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Group, PasswordInput, Select, Text, TextInput } from '@mantine/core';
import type { z } from 'zod';
import { locales, userCreateSchema, userInviteSchema, type inviteCreatedSchema, type Locale, type User } from '@kontor/contract/users';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessages, zodFieldErrors } from '../../lib/errors';
import { isLocale, languageNames } from '../../lib/i18n';
import { profileLabel, refKeys, roleLabel, useProfiles, useRoles } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { FormModal } from '../../components/FormModal';
import { useUserManagement } from '../auth/permissions';

export type InviteCreated = z.infer<typeof inviteCreatedSchema>;
export type UserFormMode = { kind: 'create' } | { kind: 'invite' } | { kind: 'edit'; user: User };

interface Values {
  name: string;
  email: string;
  password: string;
  role: string;
  /** null: the role's default profile */
  profileId: string | null;
  /** '': none; the user's browser's language at their first sign-in (issue #14) */
  locale: Locale | '';
}

/**
 * Create a user with a password, invite one (they set it themselves), or change name, role and profile. Only the roles
 * and profiles the viewer may give are offered; only administrators change an existing user's role or profile.
 */
export function UserFormModal({ mode, isSelf, onClose, onInvited }: { mode: UserFormMode; isSelf: boolean; onClose: () => void; onInvited: (r: InviteCreated) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const roles = useRoles();
  const profiles = useProfiles();
  const mgmt = useUserManagement();
  const editing = mode.kind === 'edit' ? mode.user : null;
  /** Role and profile stay as they are: one's own, or someone else's unless the viewer is an administrator. */
  const locked = isSelf || (Boolean(editing) && !mgmt.isAdmin);
  const grantableRole = mgmt.grantableRoles.some((r) => r.key === 'sales') ? 'sales' : (mgmt.grantableRoles[0]?.key ?? 'sales');
  const [v, setV] = useState<Values>({
    name: editing?.name ?? '',
    email: editing?.email ?? '',
    password: '',
    role: editing?.role ?? grantableRole,
    profileId: editing?.profileId ?? null,
    locale: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const submit = async () => {
    const profileId = v.profileId ?? undefined;
    const body =
      mode.kind === 'create' ? { email: v.email, name: v.name, password: v.password, role: v.role, profileId, locale: v.locale || undefined }
      : mode.kind === 'invite' ? { email: v.email, name: v.name, role: v.role, profileId, locale: v.locale || undefined }
      : { name: v.name, ...(locked ? {} : { role: v.role, profileId }), version: editing?.version ?? 1 };
    if (mode.kind !== 'edit') {
      const parsed = (mode.kind === 'create' ? userCreateSchema : userInviteSchema).safeParse(body);
      const found = parsed.success ? {} : fieldMessages(t, zodFieldErrors(parsed.error));
      // someone who is not an administrator names the profile: the role's standard one may grant more than they have
      if (!mgmt.isAdmin && !profileId) found.profileId = t('validation.required');
      if (Object.keys(found).length) return setErrors(found);
    } else if (!v.name.trim()) return setErrors({ name: t('validation.required') });
    setFormError(null);
    await run(async () => {
      if (mode.kind === 'invite') onInvited(await api.post<InviteCreated>('/users/invite', body));
      else if (editing) await api.patch<User>(`/users/${editing.id}`, body);
      else await api.post<User>('/users', body);
      void qc.invalidateQueries({ queryKey: refKeys.users });
      onClose();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'validation_failed' && Object.keys(e.fields).length) setErrors(fieldMessages(t, e.fields));
      else if (e instanceof ApiError && e.code === 'duplicate') setErrors({ email: t('settings.users.emailTaken') });
      else if (e instanceof ApiError && e.code === 'forbidden' && (e.fields.role || e.fields.profileId)) setErrors({ [e.fields.role ? 'role' : 'profileId']: t('settings.users.grantLimitHint') });
      else setFormError(errorMessage(t, e));
    });
  };

  const roleData = (editing ? (roles.data ?? []) : mgmt.grantableRoles).map((r) => ({ value: r.key, label: roleLabel(t, r.name) }));
  const profileData = [
    ...(mgmt.isAdmin ? [{ value: '', label: t('settings.users.profileFromRole') }] : []),
    ...(editing ? (profiles.data ?? []) : mgmt.grantableProfiles).map((p) => ({ value: p.id, label: profileLabel(t, p.name) })),
  ];
  const title = mode.kind === 'create' ? t('settings.users.new') : mode.kind === 'invite' ? t('settings.users.invite') : t('settings.users.edit');
  return (
    <FormModal
      title={title}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="user-form"
      submit={{ label: mode.kind === 'invite' ? t('settings.users.sendInvite') : mode.kind === 'create' ? t('common.create') : t('common.save'), busy, testId: 'user-save' }}
    >
      {formError ? <Alert color="red">{formError}</Alert> : null}
      {mode.kind === 'invite' ? <Text size="sm" c="dimmed">{t('settings.users.inviteIntro')}</Text> : null}
      <TextInput label={t('fields.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-autofocus data-testid="user-name" />
      <TextInput
        label={t('auth.email')}
        type="email"
        required
        value={v.email}
        onChange={(e) => set('email', e.currentTarget.value)}
        error={errors.email}
        readOnly={Boolean(editing)}
        variant={editing ? 'filled' : 'default'}
        data-testid="user-email"
      />
      {mode.kind === 'create' ? (
        <PasswordInput label={t('auth.password')} description={t('settings.users.passwordHint')} required value={v.password} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} data-testid="user-password" />
      ) : null}
      <Group grow align="flex-start">
        <Select
          label={t('settings.users.role')}
          description={t('settings.users.roleHint')}
          data={roleData}
          value={v.role}
          onChange={(r) => r && setV((old) => ({ ...old, role: r, profileId: mgmt.isAdmin ? null : old.profileId }))}
          error={errors.role}
          allowDeselect={false}
          disabled={locked}
          comboboxProps={{ withinPortal: true }}
          data-testid="user-role"
        />
        <Select
          label={t('settings.users.profile')}
          description={t('settings.users.profileHint')}
          data={profileData}
          value={v.profileId ?? (mgmt.isAdmin ? '' : null)}
          onChange={(p) => set('profileId', p || null)}
          error={errors.profileId}
          allowDeselect={false}
          placeholder={t('common.choose')}
          disabled={locked}
          comboboxProps={{ withinPortal: true }}
          data-testid="user-profile"
        />
      </Group>
      {isSelf && mgmt.isAdmin ? <Text size="xs" c="dimmed">{t('settings.users.selfHint')}</Text> : locked ? <Text size="xs" c="dimmed" data-testid="user-role-locked">{t('settings.users.roleProfileAdminOnly')}</Text> : null}
      {!editing && !mgmt.isAdmin ? <Text size="xs" c="dimmed">{t('settings.users.grantLimitHint')}</Text> : null}
      {editing ? null : (
        <Select
          label={t('nav.language')}
          data={[{ value: '', label: t('settings.users.localeBrowser') }, ...locales.map((l) => ({ value: l, label: languageNames[l] }))]}
          value={v.locale}
          onChange={(l) => set('locale', isLocale(l) ? l : '')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="user-locale"
        />
      )}
    </FormModal>
  );
}
