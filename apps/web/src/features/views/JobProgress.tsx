import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Alert, Anchor, Button, Group, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import type { Job } from '@kontor/contract/views';
import { formatNumber } from '../../lib/format';
import { jobFinished, useCancelJob, useJob } from './api';
import { describeError } from './errors';

export function etaText(t: TFunction, seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return t('views.job.etaSeconds', { count: Math.max(1, Math.round(seconds)) });
  return t('views.job.etaMinutes', { count: Math.round(seconds / 60) });
}

function skipReason(t: TFunction, i18nExists: (k: string) => boolean, code: string, message: string): string {
  const key = `views.job.skipCodes.${code}`;
  return i18nExists(key) ? t(key) : message;
}

/** A running job: bar, counts, time left, cancel; when it ends, what was done, the records it left alone and why, the download. */
export function JobProgress({ job: initial, onFinished }: { job: Job; onFinished?: (job: Job) => void }) {
  const { t, i18n } = useTranslation();
  const query = useJob(initial.id, initial);
  const cancel = useCancelJob();
  const job = query.data ?? initial;
  const finished = jobFinished(job);
  const told = useRef(false);
  useEffect(() => {
    if (finished && !told.current) {
      told.current = true;
      onFinished?.(job);
    }
  }, [finished, job, onFinished]);

  const total = job.total ?? 0;
  const percent = total > 0 ? Math.min(100, (job.processed / total) * 100) : finished ? 100 : 0;
  const eta = !finished ? etaText(t, job.etaSeconds) : null;
  const counts = { processed: formatNumber(job.processed), total: job.total === null ? '…' : formatNumber(job.total), succeeded: formatNumber(job.succeeded), skipped: formatNumber(job.skipped) };

  return (
    <Stack gap="sm" data-testid="job-progress" data-status={job.status}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {t(`views.job.status.${job.status}`)}
        </Text>
        <Text size="sm" c="dimmed" data-testid="job-counts">
          {t('views.job.processed', counts)}
        </Text>
      </Group>
      <Progress
        value={percent}
        animated={!finished}
        striped={!finished && total === 0}
        color={job.status === 'failed' ? 'red' : job.status === 'cancelled' ? 'gray' : job.skipped > 0 && finished ? 'orange' : undefined}
        aria-label={t('views.job.progress')}
        size="lg"
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t('views.job.result', counts)}
        </Text>
        {eta ? (
          <Text size="xs" c="dimmed" data-testid="job-eta">
            {eta}
          </Text>
        ) : null}
      </Group>
      {query.isError ? <Alert color="red" icon={<IconAlertTriangle size={16} />}>{describeError(t, query.error)}</Alert> : null}
      {job.status === 'failed' ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('views.job.failedTitle')} data-testid="job-error">
          {job.error ?? t('errors.unknown')}
        </Alert>
      ) : null}
      {job.status === 'done' && job.skipped === 0 && job.kind === 'bulk' ? (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="job-done">
          {t('views.job.allDone', { count: job.succeeded, formatted: formatNumber(job.succeeded) })}
        </Alert>
      ) : null}
      {job.status === 'done' && job.downloadUrl ? (
        <Button component="a" href={job.downloadUrl} download={job.fileName ?? true} leftSection={<IconDownload size={16} />} data-testid="job-download">
          {t('views.job.download', { name: job.fileName ?? '' })}
        </Button>
      ) : null}
      {finished && job.skipped > 0 ? (
        <Stack gap={4} data-testid="job-skips">
          <Text size="sm" fw={600} c="orange.8">
            {t('views.job.skippedTitle', { count: job.skipped, formatted: formatNumber(job.skipped) })}
          </Text>
          <ScrollArea.Autosize mah={220} type="auto">
            <Table fz="sm" verticalSpacing={4} withRowBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('views.job.record')}</Table.Th>
                  <Table.Th>{t('views.job.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.skips.map((s) => (
                  <Table.Tr key={s.id} data-testid="job-skip">
                    <Table.Td>{s.name ?? `#${s.id}`}</Table.Td>
                    <Table.Td>{skipReason(t, (k) => i18n.exists(k), s.code, s.message)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {job.skipped > job.skips.length ? (
            <Text size="xs" c="dimmed">
              {t('views.job.moreSkipped', { count: job.skipped - job.skips.length, formatted: formatNumber(job.skipped - job.skips.length) })}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      {!finished ? (
        <Group justify="flex-end">
          <Anchor component="button" type="button" size="sm" c="red" onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending} data-testid="job-cancel">
            {t('views.job.cancel')}
          </Anchor>
        </Group>
      ) : null}
    </Stack>
  );
}
