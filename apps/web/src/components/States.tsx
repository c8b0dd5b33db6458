import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState as MantineEmptyState, Group, Skeleton, Stack } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { errorMessage } from '../lib/errors';

export function EmptyState({ icon, title, description, action, testId }: { icon: ReactNode; title: string; description: string; action?: ReactNode; testId?: string }) {
  return (
    <MantineEmptyState icon={icon} title={title} description={description} py={48} data-testid={testId ?? 'empty-state'}>
      {action ? <Group justify="center">{action}</Group> : null}
    </MantineEmptyState>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('errors.loadFailed')} data-testid="error-state" my="md">
      <Stack gap="sm" align="flex-start">
        <span>{errorMessage(t, error)}</span>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function PageSkeleton() {
  return (
    <Stack gap="md" p="lg" aria-busy="true">
      <Skeleton h={28} w={240} />
      <Skeleton h={16} w="60%" />
      <Skeleton h={200} />
    </Stack>
  );
}
