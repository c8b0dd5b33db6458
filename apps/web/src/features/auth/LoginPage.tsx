import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { LanguageSelect } from '../../components/LanguageSelect';
import { Logo } from '../../components/Logo';
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
    <Center mih="100vh" bg="gray.0" p="md">
      <Box w="100%" maw={400}>
        <Stack align="center" gap={6} mb="lg">
          <Logo size={44} />
          <Title order={1} fz={24}>
            {t('auth.title')}
          </Title>
          <Text c="dimmed" size="sm" ta="center">
            {t('auth.subtitle')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="md" p="xl">
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
        </Paper>
        <Center mt="md">
          <LanguageSelect persist={false} />
        </Center>
      </Box>
    </Center>
  );
}
