import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck, IconDownload, IconExternalLink, IconFlask, IconPlayerPlay } from '@tabler/icons-react';
import type { Import } from '@kontor/contract/imports';
import { ErrorState } from '../../components/States';
import { formatDateTime, formatNumber } from '../../lib/format';
import { describeError } from '../views/errors';
import { reportCsvUrl, useImportActions, useImportProblems } from './api';
import { problemText } from './refusals';
import { UndoDialog } from './UndoDialog';

const countKeys = ['created', 'updated', 'skipped', 'failed', 'accountsCreated'] as const;
const countColors: Record<(typeof countKeys)[number], string> = { created: 'teal.8', updated: 'blue.8', skipped: 'gray.7', failed: 'red.8', accountsCreated: 'grape.8' };

/** Step 5 (and an import opened from the history): what came of it, each problem with line and column, the CSV, undo. */
export function ReportView({ imp }: { imp: Import }) {
  const { t, i18n } = useTranslation();
  const actions = useImportActions(imp.id);
  const hasProblems = imp.counts.failed + imp.counts.skipped > 0;
  const problems = useImportProblems(imp.id, hasProblems);
  const [undoing, setUndoing] = useState(false);
  const rows = problems.data?.pages.flatMap((p) => p.data) ?? [];
  const exists = (k: string) => i18n.exists(k);
  const modulePath = `/${imp.module}` as const;

  return (
    <Stack gap="md" data-testid="import-report" data-status={imp.status}>
      <StatusAlert imp={imp} />
      <div className="k-import-counts" data-testid="import-counts">
        {countKeys.map((k) =>
          k === 'accountsCreated' && imp.module === 'accounts' ? null : (
            <Paper key={k} withBorder p="sm" radius="md" data-testid={`import-count-${k}`}>
              <Text size="xs" c="dimmed">
                {t(`imports.report.counts.${k}`)}
              </Text>
              <Text fz={24} fw={700} c={imp.counts[k] > 0 ? countColors[k] : 'gray.7'} data-testid="import-count-value">
                {formatNumber(imp.counts[k])}
              </Text>
            </Paper>
          ),
        )}
      </div>
      <Text size="xs" c="dimmed">
        {t('imports.report.summary', { rows: formatNumber(imp.counts.rows), user: imp.user.name, when: formatDateTime(imp.finishedAt ?? imp.createdAt) })}
      </Text>

      <Group gap="sm" wrap="wrap">
        {!imp.dryRun && imp.status !== 'undone' && imp.counts.created + imp.counts.updated > 0 ? (
          <Button component={Link} to={modulePath} variant="default" leftSection={<IconExternalLink size={16} />} data-testid="import-open-records">
            {t(`imports.report.open.${imp.module}`)}
          </Button>
        ) : null}
        {/* always offered: a report without problems still says so (a header and no rows) */}
        {imp.status !== 'draft' ? (
          <Button component="a" href={reportCsvUrl(imp.id)} download variant="default" leftSection={<IconDownload size={16} />} data-testid="import-report-csv">
            {t('imports.report.download')}
          </Button>
        ) : null}
        {imp.dryRun && imp.status === 'done' ? (
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => actions.start.mutate(false)} loading={actions.start.isPending} data-testid="import-run-for-real">
            {t('imports.report.runForReal')}
          </Button>
        ) : null}
        {imp.canUndo ? (
          <Button color="red" variant="light" leftSection={<IconArrowBackUp size={16} />} onClick={() => setUndoing(true)} data-testid="import-undo">
            {t('imports.undo.button')}
          </Button>
        ) : null}
      </Group>
      {actions.start.isError ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
          {describeError(t, actions.start.error)}
        </Alert>
      ) : null}

      {hasProblems ? (
        <Stack gap="xs">
          <Title order={2} fz="md">
            {t('imports.report.problemsTitle')}
          </Title>
          {problems.isError ? (
            <ErrorState error={problems.error} onRetry={() => void problems.refetch()} />
          ) : (
            <Paper withBorder radius="md" style={{ overflow: 'auto' }}>
              <Table fz="sm" verticalSpacing={6} withRowBorders data-testid="import-problems">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80}>{t('imports.preview.line')}</Table.Th>
                    <Table.Th w="22%">{t('imports.report.column')}</Table.Th>
                    <Table.Th w={120}>{t('imports.preview.outcome')}</Table.Th>
                    <Table.Th>{t('imports.report.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {problems.isPending ? (
                    <Table.Tr>
                      <Table.Td colSpan={4}>{t('common.loading')}</Table.Td>
                    </Table.Tr>
                  ) : (
                    rows.map((p, i) => (
                      <Table.Tr key={`${p.line}-${i}`} data-testid="import-problem">
                        <Table.Td>{p.line}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.column ?? '—'}</Table.Td>
                        <Table.Td>
                          <Text size="sm" c={p.outcome === 'failed' ? 'red.8' : 'gray.7'}>
                            {t(`imports.report.problemOutcomes.${p.outcome}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{problemText(t, exists, p.code, p.message)}</Table.Td>
                      </Table.Tr>
                    ))
                  )}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          {problems.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" onClick={() => void problems.fetchNextPage()} loading={problems.isFetchingNextPage} data-testid="import-problems-more">
                {t('list.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
      <UndoDialog
        imp={undoing ? imp : null}
        busy={actions.undo.isPending}
        error={actions.undo.isError ? actions.undo.error : null}
        onClose={() => setUndoing(false)}
        onConfirm={() => actions.undo.mutate(undefined, { onSuccess: () => setUndoing(false) })}
      />
    </Stack>
  );
}

function StatusAlert({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  if (imp.status === 'failed')
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('imports.status.failed')} data-testid="import-failed">
        {imp.error ?? t('errors.unknown')}
      </Alert>
    );
  if (imp.status === 'cancelled')
    return (
      <Alert color="gray" icon={<IconAlertTriangle size={16} />} data-testid="import-cancelled">
        {t('imports.report.cancelled')}
      </Alert>
    );
  if (imp.status === 'undone')
    return (
      <Alert color="gray" icon={<IconArrowBackUp size={16} />} data-testid="import-undone">
        {t('imports.report.undone', { when: formatDateTime(imp.undoneAt) })}
        {imp.error ? ` ${imp.error}` : ''}
      </Alert>
    );
  if (imp.dryRun)
    return (
      <Alert color="blue" icon={<IconFlask size={16} />} title={t('imports.report.dryRunTitle')} data-testid="import-dry-run-done">
        {t('imports.report.dryRunText')}
      </Alert>
    );
  return (
    <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="import-done">
      {t('imports.report.done', { file: imp.fileName })}
    </Alert>
  );
}
