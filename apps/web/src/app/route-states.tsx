import { useTranslation } from 'react-i18next';
import { useNavigate, type ErrorComponentProps } from '@tanstack/react-router';
import { Alert, Button, Center, Stack } from '@mantine/core';
import { IconAlertTriangle, IconMapOff, IconRefresh } from '@tabler/icons-react';
import { EmptyState, ErrorState, PageSkeleton } from '../components/States';
import { PageHeader } from '../components/PageHeader';

/** A script chunk that did not arrive: a new version was deployed while the page was open, or the connection dropped. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/.test(message);
}

/** A page or the app could not be loaded: say so and offer a reload (which fetches the current version). */
export function LoadFailed({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  const alert = (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('loading.title')} data-testid="load-failed" my="md" maw={560}>
      <Stack gap="sm" align="flex-start">
        <span>{t('loading.text')}</span>
        <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={() => window.location.reload()} data-testid="load-failed-reload">
          {t('loading.reload')}
        </Button>
      </Stack>
    </Alert>
  );
  return fullPage ? (
    <Center h="100vh" p="lg">
      {alert}
    </Center>
  ) : (
    <div className="k-page">{alert}</div>
  );
}

/** While a page's chunk loads: the page skeleton, never a blank page. */
export function RoutePending() {
  return (
    <div data-testid="route-pending">
      <PageSkeleton />
    </div>
  );
}

/** A route that failed: a chunk that did not load offers a reload; any other error a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  if (isChunkLoadError(error)) return <LoadFailed />;
  return (
    <div className="k-page">
      <ErrorState error={error} onRetry={reset} />
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState icon={<IconMapOff size={28} />} title={t('notFound.title')} description={t('notFound.text')} action={<Button onClick={() => void navigate({ to: '/accounts' })}>{t('nav.accounts')}</Button>} />
    </>
  );
}
