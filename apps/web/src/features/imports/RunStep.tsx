import { useTranslation } from 'react-i18next';
import { Alert, Anchor, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFlask } from '@tabler/icons-react';
import type { Import } from '@kontor/contract/imports';
import { formatNumber } from '../../lib/format';
import { etaText } from '../views/JobProgress';
import { describeError } from '../views/errors';
import { useImportActions } from './api';
import { progressPercent } from './status';

/**
 * Step 4: the import (or its undo) running in the background: bar, processed of total, rows per second, time left,
 * cancel. The page polls the import (api.ts); leaving is fine, the history keeps it.
 */
export function RunStep({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  const actions = useImportActions(imp.id);
  const progress = imp.progress;
  const percent = progressPercent(progress);
  const processed = progress?.processed ?? 0;
  const eta = etaText(t, progress?.etaSeconds ?? null);
  const rate = progress?.rowsPerSecond;
  const undoing = imp.status === 'undoing';

  return (
    <Paper withBorder p="lg" radius="md" maw={760} data-testid="import-run" data-status={imp.status}>
      <Stack gap="sm">
        {imp.dryRun ? (
          <Alert color="blue" variant="light" icon={<IconFlask size={16} />} py={6}>
            {t('imports.run.dryRunHint')}
          </Alert>
        ) : null}
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t(`imports.status.${imp.status}`)}</Text>
          <Text size="sm" c="dimmed" data-testid="import-run-counts">
            {progress?.total != null
              ? t('imports.run.processedOf', { processed: formatNumber(processed), total: formatNumber(progress.total) })
              : t('imports.run.processed', { processed: formatNumber(processed) })}
          </Text>
        </Group>
        <Progress
          value={percent ?? 100}
          striped={percent === null}
          animated
          size="lg"
          color={undoing ? 'orange' : undefined}
          aria-label={t('imports.run.progress')}
          aria-valuetext={percent === null ? t('imports.run.counting') : `${Math.round(percent)} %`}
          data-testid="import-progress"
        />
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed" data-testid="import-rate">
            {rate != null ? t('imports.run.rate', { rate: formatNumber(Math.round(rate)) }) : progress?.total == null ? t('imports.run.counting') : ''}
          </Text>
          {eta ? (
            <Text size="xs" c="dimmed" data-testid="import-eta">
              {eta}
            </Text>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t('imports.run.background')}
        </Text>
        {actions.cancel.isError ? (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
            {describeError(t, actions.cancel.error)}
          </Alert>
        ) : null}
        {!undoing ? (
          <Group justify="flex-end">
            <Anchor component="button" type="button" size="sm" c="red.8" onClick={() => actions.cancel.mutate()} disabled={actions.cancel.isPending} data-testid="import-cancel">
              {t('imports.run.cancel')}
            </Anchor>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
