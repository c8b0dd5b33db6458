import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Alert, Badge, Button, Group, Paper, Select, Stack, Switch, Tabs, TagsInput, Text, TextInput } from '@mantine/core';
import { IconForms, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { customFieldCreateSchema, customFieldTypes, modules, type CustomFieldDefinition, type CustomFieldType, type Module } from '@kontor/contract/custom-fields';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessages, notifyError, zodFieldErrors } from '../../lib/errors';
import { refKeys, useCustomFields } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { FormModal } from '../../components/FormModal';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { ConfirmModal } from './ConfirmModal';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const [module, setModule] = useState<Module>('accounts');
  return (
    <AdminOnly right="fields">
      <SettingsIntro>{t('settings.customFields.intro')}</SettingsIntro>
      <Tabs value={module} onChange={(v) => setModule(modules.find((m) => m === v) ?? 'accounts')} mb="md">
        <Tabs.List>
          {modules.map((m) => (
            <Tabs.Tab key={m} value={m} data-testid={`cf-tab-${m}`}>{t(`nav.${m}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <FieldsList key={module} module={module} />
    </AdminOnly>
  );
}

const keyFromLabel = (label: string) =>
  label.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+/, '').replace(/_+$/, '').slice(0, 40);

function FieldsList({ module }: { module: Module }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const defs = useCustomFields(module);
  const [editing, setEditing] = useState<CustomFieldDefinition | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomFieldDefinition | null>(null);
  const { busy, run } = useBusy();
  const refresh = () => void qc.invalidateQueries({ queryKey: refKeys.customFields(module) });
  const columns: Column<CustomFieldDefinition>[] = [
    { key: 'label', header: t('settings.customFields.label'), render: (d) => <Text size="sm" fw={550}>{d.label}</Text> },
    { key: 'key', header: t('settings.customFields.key'), render: (d) => <Text size="sm" ff="monospace" c="gray.7">{d.key}</Text> },
    { key: 'type', header: t('settings.customFields.type'), render: (d) => <Badge variant="light" color="gray" size="sm" styles={{ label: { textTransform: 'none' } }}>{t(`customFieldTypes.${d.type}`)}</Badge> },
    { key: 'options', header: t('settings.customFields.options'), render: (d) => <Text size="sm" c="gray.7" truncate>{d.options.join(', ')}</Text> },
    { key: 'required', header: t('settings.customFields.required'), render: (d) => (d.required ? t('common.yes') : t('common.no')) },
    {
      key: 'actions', header: '', align: 'right', width: 90,
      render: (d) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(d)} aria-label={t('common.edit')}><IconPencil size={16} /></ActionIcon>
          <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(d)} aria-label={t('common.delete')}><IconTrash size={16} /></ActionIcon>
        </Group>
      ),
    },
  ];
  const remove = () => {
    if (!deleting) return;
    void run(async () => {
      await api.delete(`/custom-fields/${deleting.id}`);
      setDeleting(null);
      refresh();
    }, (e) => notifyError(t, e));
  };
  const list = defs.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-custom-field">{t('settings.customFields.new')}</Button>
      </Group>
      {defs.isError ? <ErrorState error={defs.error} onRetry={() => void defs.refetch()} /> : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {list.length === 0 && !defs.isPending ? (
            <EmptyState icon={<IconForms size={28} />} title={t('settings.customFields.emptyTitle')} description={t('settings.customFields.emptyText')} />
          ) : (
            <DataTable columns={columns} rows={list} rowKey={(d) => d.id} loading={defs.isPending} testId="custom-fields-table" />
          )}
        </Paper>
      )}
      {editing ? <FieldModal module={module} def={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
      {deleting ? <ConfirmModal title={t('settings.customFields.deleteTitle')} text={t('settings.customFields.deleteText', { name: deleting.label })} confirmLabel={t('common.delete')} busy={busy} onClose={() => setDeleting(null)} onConfirm={remove} /> : null}
    </Stack>
  );
}

function FieldModal({ module, def, onClose, onSaved }: { module: Module; def: CustomFieldDefinition | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ label: def?.label ?? '', key: def?.key ?? '', type: def?.type ?? ('text' as CustomFieldType), options: def?.options ?? [], required: def?.required ?? false });
  const [keyTouched, setKeyTouched] = useState(Boolean(def));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const hasOptions = v.type === 'picklist' || v.type === 'multiselect';
  const save = async () => {
    const body = { module, ...v, options: hasOptions ? v.options : [] };
    if (!def) {
      const parsed = customFieldCreateSchema.safeParse(body);
      if (!parsed.success) return setErrors(fieldMessages(t, zodFieldErrors(parsed.error)));
    }
    await run(async () => {
      if (def) await api.patch(`/custom-fields/${def.id}`, { label: v.label, options: body.options, required: v.required, version: def.version });
      else await api.post('/custom-fields', body);
      onSaved();
      onClose();
    }, (e) => {
      if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(fieldMessages(t, e.fields));
      else if (e instanceof ApiError && e.code === 'duplicate') setErrors({ key: t('settings.customFields.keyTaken') });
      else setFormError(errorMessage(t, e));
    });
  };
  return (
    <FormModal title={def ? t('settings.customFields.edit') : t('settings.customFields.new')} onClose={onClose} onSubmit={() => void save()} submit={{ label: t('common.save'), busy, testId: 'cf-save' }}>
      {formError ? <Alert color="red">{formError}</Alert> : null}
      <TextInput label={t('settings.customFields.label')} required value={v.label} error={errors.label} data-autofocus data-testid="cf-label"
        onChange={(e) => { const label = e.currentTarget.value; setV((o) => ({ ...o, label, key: keyTouched ? o.key : keyFromLabel(label) })); }} />
      <TextInput label={t('settings.customFields.key')} description={t('settings.customFields.keyHint')} required value={v.key} error={errors.key} disabled={Boolean(def)} ff="monospace" data-testid="cf-key"
        onChange={(e) => { setKeyTouched(true); setV({ ...v, key: e.currentTarget.value }); }} />
      <Select label={t('settings.customFields.type')} data={customFieldTypes.map((ty) => ({ value: ty, label: t(`customFieldTypes.${ty}`) }))} value={v.type} onChange={(ty) => ty && setV({ ...v, type: ty as CustomFieldType })} allowDeselect={false} disabled={Boolean(def)} data-testid="cf-type" />
      {hasOptions ? <TagsInput label={t('settings.customFields.options')} description={t('settings.customFields.optionsHint')} value={v.options} onChange={(options) => setV({ ...v, options })} error={errors.options} data-testid="cf-options" /> : null}
      <Switch label={t('settings.customFields.required')} checked={v.required} onChange={(e) => setV({ ...v, required: e.currentTarget.checked })} mt={4} />
    </FormModal>
  );
}
