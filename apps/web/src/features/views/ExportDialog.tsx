import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Group, Loader, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import type { Job, Selection } from '@kontor/contract/views';
import type { QueryValue } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useRecordCount } from '../records/api';
import { exportUrl, useStartExport, type ExportOptions } from './api';
import { countText } from './labels';
import { describeError } from './errors';
import { JobProgress } from './JobProgress';

/** Up to this many rows the file streams straight to the browser; beyond, it is made by a job with a download link. */
export const DIRECT_EXPORT_LIMIT = 10_000;

interface Props {
  module: Module;
  /** The picked records, or everything the list shows (null when the list's quick filters cannot be exported). */
  selection: Selection | null;
  /** The list's parameters, to count what "everything" is. */
  countParams: Record<string, QueryValue>;
  columns: string[];
  columnLabel: (key: string) => string;
  sort: string;
  /** Why everything the list shows cannot be exported (when `selection` is null). */
  unavailable?: string | null;
  onClose: () => void;
}

/** Export the current view or the selection: CSV (delimiter, BOM), XLSX or vCard; the table's columns or every field. */
export function ExportDialog({ module, selection, countParams, columns, columnLabel, sort, unavailable, onClose }: Props) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<ExportOptions['format']>('csv');
  const [layout, setLayout] = useState<ExportOptions['layout']>('columns');
  // vCards and the full layout exist for accounts and contacts (full also for leads and deals).
  const cards = module === 'accounts' || module === 'contacts';
  const fullLayout = module !== 'activities';
  const [delimiter, setDelimiter] = useState<ExportOptions['delimiter']>('comma');
  const [bom, setBom] = useState(true);
  const [job, setJob] = useState<Job | null>(null);
  const start = useStartExport(module);
  const picked = selection !== null && 'ids' in selection;
  const count = useRecordCount(module, countParams, selection !== null && !picked);
  const options: ExportOptions = { format, layout: format === 'vcf' ? 'full' : layout, delimiter, bom, columns, sort };

  const total = picked ? selection.ids.length : (count.data?.total ?? null);
  const large = !picked && count.data !== undefined && (count.data.total > DIRECT_EXPORT_LIMIT || count.data.approximate || count.data.atLeast);
  const asJob = picked || large;
  const href = selection && !picked && 'all' in selection ? exportUrl(module, { view: selection.view, filter: selection.filter, q: selection.q, letter: selection.letter }, options) : null;

  return (
    <Modal opened onClose={onClose} title={t('views.export.title')} centered size="md" data-testid="export-dialog">
      {job ? (
        <Stack gap="md">
          <JobProgress job={job} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="export-close">
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          {selection === null ? (
            <Alert color="orange" icon={<IconInfoCircle size={16} />} data-testid="export-unavailable">
              {unavailable ?? t('views.export.quickFilters')}
            </Alert>
          ) : null}
          <Text size="sm" data-testid="export-what">
            {picked
              ? t('views.export.picked', { what: countText(t, module, selection.ids.length) })
              : count.isPending
                ? t('common.loading')
                : count.data
                  ? t('views.export.view', { what: countText(t, module, count.data.total, count.data.approximate || count.data.atLeast) })
                  : t('views.export.viewUncounted')}
          </Text>
          <SegmentedControl
            value={format}
            onChange={(v) => setFormat(v === 'xlsx' || v === 'vcf' ? v : 'csv')}
            data={[
              { value: 'csv', label: t('views.export.csv') },
              { value: 'xlsx', label: t('views.export.xlsx') },
              ...(cards ? [{ value: 'vcf', label: t('views.export.vcf') }] : []),
            ]}
            aria-label={t('views.export.format')}
            data-testid="export-format"
          />
          {format === 'csv' ? (
            <Group gap="md" align="flex-end">
              <Select
                label={t('views.export.delimiter')}
                data={(['comma', 'semicolon', 'tab'] as const).map((d) => ({ value: d, label: t(`views.export.delimiters.${d}`) }))}
                value={delimiter}
                onChange={(v) => setDelimiter(v === 'semicolon' || v === 'tab' ? v : 'comma')}
                allowDeselect={false}
                w={200}
                data-testid="export-delimiter"
              />
              <Checkbox label={t('views.export.bom')} description={t('views.export.bomHint')} checked={bom} onChange={(e) => setBom(e.currentTarget.checked)} data-testid="export-bom" />
            </Group>
          ) : null}
          {format !== 'vcf' && fullLayout ? (
            <SegmentedControl
              value={layout}
              onChange={(v) => setLayout(v === 'full' ? 'full' : 'columns')}
              data={[
                { value: 'columns', label: t('views.export.layoutColumns') },
                { value: 'full', label: t('views.export.layoutFull') },
              ]}
              aria-label={t('views.export.layout')}
              data-testid="export-layout"
            />
          ) : null}
          {format === 'vcf' ? (
            <Text size="sm" c="dimmed" data-testid="export-vcf-hint">
              {t('views.export.vcfHint')}
            </Text>
          ) : options.layout === 'full' ? (
            <Text size="sm" c="dimmed" data-testid="export-full-hint">
              {t('views.export.fullHint')}
            </Text>
          ) : (
            <div>
              <Text size="sm" fw={500}>
                {t('views.export.columns', { count: columns.length })}
              </Text>
              <Text size="sm" c="dimmed" lineClamp={3} data-testid="export-columns">
                {columns.map(columnLabel).join(', ')}
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {t('views.export.columnsHint')}
              </Text>
            </div>
          )}
          {asJob ? (
            <Text size="xs" c="dimmed">
              {t('views.export.jobHint', { limit: formatNumber(DIRECT_EXPORT_LIMIT) })}
            </Text>
          ) : null}
          {start.isError ? (
            <Alert color="red" role="alert">
              {describeError(t, start.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            {selection === null ? null : !picked && count.isPending ? (
              <Button disabled leftSection={<Loader size={14} />}>
                {t('views.export.start')}
              </Button>
            ) : asJob || !href ? (
              <Button
                leftSection={<IconDownload size={16} />}
                loading={start.isPending}
                onClick={() => start.mutate({ selection, options }, { onSuccess: setJob })}
                disabled={total === 0}
                data-testid="export-start"
              >
                {t('views.export.start')}
              </Button>
            ) : (
              <Button component="a" href={href} download leftSection={<IconDownload size={16} />} onClick={() => window.setTimeout(onClose, 300)} data-testid="export-download">
                {t('views.export.download')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
