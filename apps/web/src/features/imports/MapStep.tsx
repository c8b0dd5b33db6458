import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconId, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import type { Import } from '@kontor/contract/imports';
import { ErrorState } from '../../components/States';
import { describeError } from '../views/errors';
import { useImportActions, useImportTargets } from './api';
import { MapOptions } from './MapOptions';
import { TemplateControls } from './TemplateControls';
import { detectedText } from './status';
import { SKIP, targetGroups } from './targets';
import { useDraftSave } from './useDraftSave';
import { useImportLabels } from './labels';

interface Props {
  imp: Import;
  onPreview: () => void;
  onDiscarded: () => void;
}

/** Step 2: what each column becomes, the options (defaults, duplicates, phone region, dates), templates. */
export function MapStep({ imp, onPreview, onDiscarded }: Props) {
  const { t } = useTranslation();
  const labels = useImportLabels(imp.module);
  const actions = useImportActions(imp.id);
  const targets = useImportTargets(imp.id);
  const edit = useDraftSave(imp, actions.update);
  const vcard = imp.format === 'vcard';
  const groups = targetGroups(labels, targets.data ?? [], Object.values(edit.draft.targets));
  const mapped = imp.columns.filter((c) => (edit.draft.targets[c.column] ?? null) !== null).length;
  const visibleSheets = imp.sheets.filter((s) => !s.hidden);

  const changeSheet = (sheet: string | null) => {
    if (!sheet || sheet === imp.options.sheet) return;
    actions.update.mutate({ options: { ...edit.draft.options, sheet } }, { onSuccess: edit.reset });
  };
  const next = async () => {
    try {
      await edit.flush();
      onPreview();
    } catch {
      // the error shows below (update.error)
    }
  };

  return (
    <Stack gap="md" data-testid="import-map">
      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} truncate>
              {imp.fileName}
            </Text>
            <Text size="sm" c="dimmed" data-testid="import-detected">
              {t('imports.map.detected', { what: detectedText(t, imp) })}
            </Text>
          </Stack>
          {visibleSheets.length > 1 || (imp.format === 'xlsx' && visibleSheets.length > 0) ? (
            <Select
              label={t('imports.map.sheet')}
              data={visibleSheets.map((s) => s.name)}
              value={imp.options.sheet ?? visibleSheets[0]?.name ?? null}
              onChange={changeSheet}
              allowDeselect={false}
              w={240}
              disabled={actions.update.isPending}
              data-testid="import-sheet"
            />
          ) : null}
        </Group>
      </Paper>

      {vcard ? (
        <Alert color="blue" icon={<IconId size={16} />} data-testid="import-vcard">
          {t('imports.map.vcard')}
        </Alert>
      ) : (
        <>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" c="dimmed" data-testid="import-mapped-count">
              {t('imports.map.mappedCount', { count: imp.columns.length, mapped })}
            </Text>
            <TemplateControls imp={imp} draft={edit.draft} apply={(templateId) => actions.update.mutate({ templateId }, { onSuccess: edit.reset })} busy={actions.update.isPending} />
          </Group>
          {targets.isError ? <ErrorState error={targets.error} onRetry={() => void targets.refetch()} /> : null}
          <Paper withBorder radius="md" style={{ overflow: 'auto' }}>
            <Table className="k-import-map" verticalSpacing={6} fz="sm" striped={false} withRowBorders data-testid="import-columns">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">{t('imports.map.column')}</Table.Th>
                  <Table.Th w="36%">{t('imports.map.samples')}</Table.Th>
                  <Table.Th>{t('imports.map.target')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imp.columns.map((c) => {
                  const target = edit.draft.targets[c.column] ?? null;
                  const header = c.header || t('imports.map.unnamed', { n: c.column + 1 });
                  return (
                    <Table.Tr key={c.column} data-testid="import-column" data-header={c.header}>
                      <Table.Td>
                        <Text size="sm" fw={550} style={{ overflowWrap: 'anywhere' }}>
                          {header}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ maxWidth: 0 }}>
                        <div className="k-import-samples">
                          {c.samples.length ? (
                            c.samples.slice(0, 3).map((s, i) => (
                              <Text key={i} component="span" size="xs" c="dimmed" title={s}>
                                {s}
                              </Text>
                            ))
                          ) : (
                            <Text component="span" size="xs" c="dimmed" fs="italic">
                              {t('imports.map.noSamples')}
                            </Text>
                          )}
                        </div>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('imports.map.targetOf', { column: header })}
                          data={groups}
                          value={target ?? SKIP}
                          onChange={(v) => edit.setTarget(c.column, v === null || v === SKIP ? null : v)}
                          searchable
                          allowDeselect={false}
                          nothingFoundMessage={t('common.nothingFound')}
                          size="xs"
                          comboboxProps={{ withinPortal: true }}
                          rightSection={target === null ? <Badge size="xs" variant="light" color="gray">{t('imports.map.off')}</Badge> : undefined}
                          rightSectionWidth={target === null ? 64 : undefined}
                          data-testid="import-target"
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}

      <MapOptions imp={imp} options={edit.draft.options} onChange={edit.setOptions} />

      {actions.update.isError ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="import-save-error">
          {describeError(t, actions.update.error)}
        </Alert>
      ) : null}
      <Group justify="space-between" gap="sm">
        <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => actions.discard.mutate(undefined, { onSuccess: onDiscarded })} loading={actions.discard.isPending} data-testid="import-discard">
          {t('imports.map.discard')}
        </Button>
        <Group gap="sm">
          <Text size="xs" c="dimmed" aria-live="polite">
            {actions.update.isPending ? t('imports.map.saving') : edit.dirty ? '' : t('imports.map.savedDraft')}
          </Text>
          {!vcard && mapped === 0 ? (
            <Text size="xs" c="orange.8">
              <IconInfoCircle size={12} /> {t('imports.map.nothingMapped')}
            </Text>
          ) : null}
          <Button rightSection={<IconArrowRight size={16} />} onClick={() => void next()} loading={actions.update.isPending} disabled={!vcard && mapped === 0} data-testid="import-to-preview">
            {t('imports.map.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
