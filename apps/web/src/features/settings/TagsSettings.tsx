import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Button, ColorInput, ColorSwatch, Group, Menu, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconDots, IconGitMerge, IconPencil, IconPlus, IconTags, IconTrash } from '@tabler/icons-react';
import type { Tag } from '@kontor/contract/tags';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, notifyError } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { useTags } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { FormModal } from '../../components/FormModal';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { ConfirmModal, SWATCHES } from './ConfirmModal';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

type Dialog = { kind: 'edit'; tag: Tag | null } | { kind: 'merge'; tag: Tag } | { kind: 'delete'; tag: Tag } | null;

export function TagsSettings() {
  return (
    <AdminOnly right="fields">
      <TagsList />
    </AdminOnly>
  );
}

function TagsList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tags = useTags();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { busy, run: runBusy } = useBusy();
  const [target, setTarget] = useState<string | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['tags'] });
    void qc.invalidateQueries({ queryKey: ['accounts'] });
    void qc.invalidateQueries({ queryKey: ['contacts'] });
  };
  const run = (fn: () => Promise<unknown>) =>
    void runBusy(async () => {
      await fn();
      refresh();
      setDialog(null);
    }, (e) => notifyError(t, e));
  const columns: Column<Tag>[] = [
    { key: 'name', header: t('fields.name'), kind: 'name', render: (tg) => <Group gap={8} wrap="nowrap"><ColorSwatch color={tg.color} size={14} style={{ flex: 'none' }} /><Text size="sm" fw={550} truncate title={tg.name}>{tg.name}</Text></Group> },
    { key: 'usage', header: t('settings.tags.usage'), align: 'right', width: 140, render: (tg) => <Text size="sm" c="gray.7">{formatNumber(tg.usage)}</Text> },
    {
      key: 'actions', header: '', width: 60, align: 'right',
      render: (tg) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid={`tag-actions-${tg.name}`}><IconDots size={16} /></ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => setDialog({ kind: 'edit', tag: tg })}>{t('settings.tags.edit')}</Menu.Item>
            <Menu.Item leftSection={<IconGitMerge size={15} />} onClick={() => { setTarget(null); setDialog({ kind: 'merge', tag: tg }); }}>{t('settings.tags.merge')}</Menu.Item>
            <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={() => setDialog({ kind: 'delete', tag: tg })}>{t('common.delete')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];
  const list = tags.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SettingsIntro>{t('settings.tags.intro')}</SettingsIntro>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'edit', tag: null })} data-testid="new-tag">{t('settings.tags.new')}</Button>
      </Group>
      {tags.isError ? <ErrorState error={tags.error} onRetry={() => void tags.refetch()} /> : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {list.length === 0 && !tags.isPending ? (
            <EmptyState icon={<IconTags size={28} />} title={t('settings.tags.emptyTitle')} description={t('settings.tags.emptyText')} />
          ) : (
            <DataTable columns={columns} rows={list} rowKey={(tg) => tg.id} loading={tags.isPending} testId="tags-table" />
          )}
        </Paper>
      )}
      {dialog?.kind === 'edit' ? <TagEditModal tag={dialog.tag} onClose={() => setDialog(null)} onSaved={refresh} /> : null}
      {dialog?.kind === 'merge' ? (
        <ConfirmModal title={t('settings.tags.mergeTitle', { name: dialog.tag.name })} text={t('settings.tags.mergeText', { name: dialog.tag.name })} confirmLabel={t('settings.tags.merge')} danger={false} busy={busy} disabled={!target} onClose={() => setDialog(null)} onConfirm={() => run(() => api.post(`/tags/${dialog.tag.id}/merge`, { intoId: target }))}>
          <Select label={t('settings.tags.mergeInto')} data={list.filter((x) => x.id !== dialog.tag.id).map((x) => ({ value: x.id, label: x.name }))} value={target} onChange={setTarget} searchable data-testid="merge-target" comboboxProps={{ withinPortal: true }} />
        </ConfirmModal>
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmModal title={t('settings.tags.deleteTitle')} text={t('settings.tags.deleteText', { name: dialog.tag.name, count: dialog.tag.usage })} confirmLabel={t('common.delete')} busy={busy} onClose={() => setDialog(null)} onConfirm={() => run(() => api.delete(`/tags/${dialog.tag.id}`))} />
      ) : null}
    </Stack>
  );
}

function TagEditModal({ tag, onClose, onSaved }: { tag: Tag | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(tag?.name ?? '');
  const [color, setColor] = useState(tag?.color ?? SWATCHES[0] ?? '#3b82f6');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useBusy();
  const save = async () => {
    if (!name.trim()) return setErrors({ name: t('validation.required') });
    await run(async () => {
      if (tag) await api.patch(`/tags/${tag.id}`, { name: name.trim(), color });
      else await api.post('/tags', { name: name.trim(), color });
      onSaved();
      onClose();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'validation_failed') setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, fieldMessage(t, m)])));
      else setErrors({ name: errorMessage(t, e) });
    });
  };
  return (
    <FormModal title={tag ? t('settings.tags.edit') : t('settings.tags.new')} onClose={onClose} onSubmit={() => void save()} size="sm" submit={{ label: t('common.save'), busy, testId: 'tag-save' }}>
      <TextInput label={t('fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required data-autofocus data-testid="tag-name" />
      <ColorInput label={t('settings.color')} value={color} onChange={setColor} swatches={SWATCHES} swatchesPerRow={6} format="hex" error={errors.color} withEyeDropper={false} />
    </FormModal>
  );
}
