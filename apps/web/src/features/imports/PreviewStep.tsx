import { useTranslation } from 'react-i18next';
import { Alert, Anchor, Button, Group, Paper, ScrollArea, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconFlask, IconPlayerPlay } from '@tabler/icons-react';
import type { Import, ImportPreviewRow } from '@kontor/contract/imports';
import { ErrorState } from '../../components/States';
import { describeError } from '../views/errors';
import { useImportActions, useImportPreview } from './api';
import { OutcomeBadge } from './OutcomeBadge';
import { problemText } from './refusals';
import { fieldKeyLabel } from './targets';
import { useImportLabels } from './labels';
import type { TFunction } from 'i18next';
import { PICKLISTS } from '../timeline/timeline-text';

/** A previewed value as the reader reads it: a picklist's key in their language. */
function cellText(t: TFunction, key: string, value: string | undefined): string {
  if (value === undefined) return '';
  const list = PICKLISTS[key];
  return list ? t(`picklist.${list}.${value}`, { defaultValue: value }) : value;
}

interface Props {
  imp: Import;
  onBack: () => void;
}

const PREVIEW_ROWS = 20;

/** Step 3: the first rows as they will be stored, what happens to each and why a row fails; then a dry run or the import. */
export function PreviewStep({ imp, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const labels = useImportLabels(imp.module);
  const preview = useImportPreview(imp.id, PREVIEW_ROWS);
  const actions = useImportActions(imp.id);
  const fields = preview.data?.fields ?? [];
  const rows = preview.data?.rows ?? [];
  const exists = (k: string) => i18n.exists(k);

  const matchText = (row: ImportPreviewRow) => (row.match ? t(`imports.preview.match.${row.match.reason}`, { name: row.match.name }) : null);

  return (
    <Stack gap="md" data-testid="import-preview">
      <Text size="sm" c="dimmed">
        {t('imports.preview.intro', { count: PREVIEW_ROWS })}
      </Text>
      {preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : preview.isPending ? (
        <Stack gap={6} aria-busy="true">
          <Skeleton h={28} />
          <Skeleton h={28} />
          <Skeleton h={28} />
        </Stack>
      ) : rows.length === 0 ? (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} data-testid="import-preview-empty">
          {t('imports.preview.noRows')}
        </Alert>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <ScrollArea type="auto" offsetScrollbars="x">
            <Table className="k-import-preview" fz="sm" verticalSpacing={6} withRowBorders data-testid="import-preview-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.preview.line')}</Table.Th>
                  <Table.Th>{t('imports.preview.outcome')}</Table.Th>
                  {fields.map((f) => (
                    <Table.Th key={f.key}>{fieldKeyLabel(labels, labels.knownField(f.key), f.key, f.label)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <PreviewRow key={row.line} row={row} fields={fields} match={matchText(row)} problem={(code, message) => problemText(t, exists, code, message)} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      {actions.start.isError ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
          {describeError(t, actions.start.error)}
        </Alert>
      ) : null}
      <Group justify="space-between" gap="sm">
        <Anchor component="button" type="button" size="sm" onClick={onBack} data-testid="import-back-to-map">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={14} />
            {t('imports.preview.back')}
          </Group>
        </Anchor>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconFlask size={16} />} onClick={() => actions.start.mutate(true)} loading={actions.start.isPending && actions.start.variables} disabled={actions.start.isPending} data-testid="import-dry-run">
            {t('imports.preview.dryRun')}
          </Button>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => actions.start.mutate(false)} loading={actions.start.isPending && !actions.start.variables} disabled={actions.start.isPending} data-testid="import-start">
            {t('imports.preview.start')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function PreviewRow({ row, fields, match, problem }: { row: ImportPreviewRow; fields: { key: string; label: string }[]; match: string | null; problem: (code: string, message: string) => string }) {
  const { t } = useTranslation();
  const span = fields.length + 2;
  return (
    <>
      <Table.Tr data-testid="import-preview-row" data-line={row.line}>
        <Table.Td>{row.line}</Table.Td>
        <Table.Td>
          <OutcomeBadge outcome={row.outcome} />
        </Table.Td>
        {fields.map((f) => (
          <Table.Td key={f.key}>
            <div className="k-import-cell">{cellText(t, f.key, row.values[f.key])}</div>
          </Table.Td>
        ))}
      </Table.Tr>
      {row.problems.length || match ? (
        <Table.Tr data-testid="import-preview-problems">
          <Table.Td colSpan={span} py={4}>
            <Stack gap={2}>
              {match ? (
                <Text size="xs" c="dimmed">
                  {match}
                </Text>
              ) : null}
              {row.problems.map((p, i) => (
                <Text key={i} size="xs" c={p.outcome === 'failed' ? 'red.8' : 'orange.9'}>
                  {t('imports.preview.problemAt', { line: p.line, column: p.column ?? '—', text: problem(p.code, p.message) })}
                </Text>
              ))}
            </Stack>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}
