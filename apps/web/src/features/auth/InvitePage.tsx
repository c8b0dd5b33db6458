import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Center, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLinkOff } from '@tabler/icons-react';
import type { z } from 'zod';
import type { inviteInfoSchema } from '@kontor/contract/users';
import { api, ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { emptyNewPassword, newPasswordErrors, NewPasswordFields, type NewPassword } from '../../components/forms/NewPasswordFields';
import { AuthShell } from './AuthShell';
import { useAcceptInvite } from './session';

type InviteInfo = z.infer<typeof inviteInfoSchema>;

/** A link that is unknown, malformed, used or expired: the server answers 404 (or 400 for a malformed token). */
const isDeadLink = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 400);

/** The public page of an invitation link: who is invited, a password typed twice, then the app. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const info = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get<InviteInfo>(`/auth/invite/${encodeURIComponent(token)}`, undefined, { allow401: true }),
    retry: false,
    staleTime: Infinity,
  });
  const accept = useAcceptInvite(token);
  const [value, setValue] = useState<NewPassword>(emptyNewPassword);
  const [errors, setErrors] = useState<Partial<Record<keyof NewPassword, string>>>({});

  const submit = () => {
    const found = newPasswordErrors(t, value);
    setErrors(found);
    if (Object.keys(found).length) return;
    accept.mutate(value.password, { onSuccess: () => void navigate({ to: '/accounts', replace: true }) });
  };

  if (info.isPending)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (info.isError || isDeadLink(accept.error))
    return (
      <AuthShell title={t('invite.deadTitle')} subtitle={t('invite.deadSubtitle')}>
        <Stack gap="md" align="center" data-testid="invite-dead">
          <IconLinkOff size={32} stroke={1.5} color="var(--mantine-color-gray-6)" />
          <Text size="sm" ta="center">
            {isDeadLink(info.error) || isDeadLink(accept.error) ? t('invite.deadText') : errorMessage(t, info.error)}
          </Text>
          <Button variant="default" onClick={() => void navigate({ to: '/accounts' })} data-testid="invite-to-login">
            {t('invite.toLogin')}
          </Button>
        </Stack>
      </AuthShell>
    );

  return (
    <AuthShell title={t('invite.title', { name: info.data.name })} subtitle={t('invite.subtitle')}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate data-testid="invite-form">
        <Stack gap="md">
          {accept.error ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {errorMessage(t, accept.error)}
            </Alert>
          ) : null}
          <TextInput label={t('auth.email')} value={info.data.email} readOnly variant="filled" autoComplete="username" data-testid="invite-email" />
          <NewPasswordFields value={value} onChange={setValue} errors={errors} label={t('invite.password')} autoFocus testId="invite-password" />
          <Button type="submit" fullWidth loading={accept.isPending} data-testid="invite-submit">
            {t('invite.submit')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('invite.expires', { at: formatDateTime(info.data.expiresAt) })}
          </Text>
        </Stack>
      </form>
    </AuthShell>
  );
}
