import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { AuthShell } from './AuthShell';
import { useLogin } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };
  const wrongCredentials = isApiError(login.error, 'invalid_credentials');

  return (
    <AuthShell title={t('auth.title')} subtitle={t('auth.subtitle')}>
      <form onSubmit={submit} noValidate data-testid="login-form">
        <Stack gap="md">
          {login.error ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="login-error" role="alert">
              {wrongCredentials ? t('auth.wrongCredentials') : errorMessage(t, login.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
          <Button type="submit" fullWidth loading={login.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
