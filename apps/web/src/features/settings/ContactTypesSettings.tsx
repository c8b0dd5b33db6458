import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Button, ColorInput, ColorSwatch, Group, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ContactType } from '@kontor/contract/tags';
import { api } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { contactTypeLabel, refKeys, useContactTypes } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { FormModal } from '../../components/FormModal';
import { ErrorState } from '../../components/States';
import { ConfirmModal, SWATCHES } from './ConfirmModal';
import { AdminOnly, SettingsIntro } from './SettingsLayout';
import { useNameSave } from './useNameSave';

export function ContactTypesSettings() {
  return (
    <AdminOnly right="fields">
      <ContactTypesList />
    </AdminOnly>
  );
}

function ContactTypesList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const types = useContactTypes();
  const [editing, setEditing] = useState<ContactType | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ContactType | null>(null);
  const [replaceWith, setReplaceWith] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const list = types.data ?? [];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: refKeys.contactTypes });
    void qc.invalidateQueries({ queryKey: ['accounts'] });
    void qc.invalidateQueries({ queryKey: ['contacts'] });
  };

  /** Swap with the neighbour: both get their new positions. */
  const move = async (index: number, dir: -1 | 1) => {
    const a = list[index];
    const b = list[index + dir];
    if (!a || !b) return;
    try {
      await api.patch(`/contact-types/${a.id}`, { position: index + dir });
      await api.patch(`/contact-types/${b.id}`, { position: index });
    } catch (e) {
      notifyError(t, e);
    }
    refresh();
  };
  const remove = () => {
    if (!deleting) return;
    void run(async () => {
      await api.delete(`/contact-types/${deleting.id}`, { replaceWith: replaceWith ?? undefined });
      setDeleting(null);
      refresh();
    }, (e) => notifyError(t, e));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SettingsIntro>{t('settings.contactTypes.intro')}</SettingsIntro>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-contact-type">{t('settings.contactTypes.new')}</Button>
      </Group>
      {types.isError ? <ErrorState error={types.error} onRetry={() => void types.refetch()} /> : (
        <Paper withBorder radius="md">
          {list.map((ct, i) => (
            <Group key={ct.id} justify="space-between" px="md" py={8} style={{ borderTop: i ? '1px solid var(--k-border)' : undefined }} data-testid="contact-type-row">
              <Group gap={10}>
                <ColorSwatch color={ct.color} size={16} />
                <Text size="sm" fw={550}>{contactTypeLabel(t, ct.name)}</Text>
              </Group>
              <Group gap={4}>
                <Tooltip label={t('settings.moveUp')}><ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => void move(i, -1)} aria-label={t('settings.moveUp')}><IconArrowUp size={16} /></ActionIcon></Tooltip>
                <Tooltip label={t('settings.moveDown')}><ActionIcon variant="subtle" color="gray" disabled={i === list.length - 1} onClick={() => void move(i, 1)} aria-label={t('settings.moveDown')}><IconArrowDown size={16} /></ActionIcon></Tooltip>
                <Tooltip label={t('common.edit')}><ActionIcon variant="subtle" color="gray" onClick={() => setEditing(ct)} aria-label={t('common.edit')}><IconPencil size={16} /></ActionIcon></Tooltip>
                <Tooltip label={t('common.delete')}><ActionIcon variant="subtle" color="red" onClick={() => { setReplaceWith(null); setDeleting(ct); }} aria-label={t('common.delete')}><IconTrash size={16} /></ActionIcon></Tooltip>
              </Group>
            </Group>
          ))}
        </Paper>
      )}
      {editing ? <ContactTypeModal type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
      {deleting ? (
        <ConfirmModal title={t('settings.contactTypes.deleteTitle')} text={t('settings.contactTypes.deleteText', { name: contactTypeLabel(t, deleting.name) })} confirmLabel={t('common.delete')} busy={busy} onClose={() => setDeleting(null)} onConfirm={remove}>
          <Select label={t('settings.contactTypes.replaceWith')} placeholder={t('common.none')} clearable data={list.filter((x) => x.id !== deleting.id).map((x) => ({ value: x.id, label: contactTypeLabel(t, x.name) }))} value={replaceWith} onChange={setReplaceWith} comboboxProps={{ withinPortal: true }} />
        </ConfirmModal>
      ) : null}
    </Stack>
  );
}

function ContactTypeModal({ type, onClose, onSaved }: { type: ContactType | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(type?.name ?? '');
  const [color, setColor] = useState(type?.color ?? SWATCHES[1] ?? '#6366f1');
  const { error, busy, save } = useNameSave(name, onClose);
  const submit = () =>
    save(async (trimmed) => {
      if (type) await api.patch(`/contact-types/${type.id}`, { name: trimmed, color });
      else await api.post('/contact-types', { name: trimmed, color });
      onSaved();
    });
  return (
    <FormModal title={type ? t('settings.contactTypes.edit') : t('settings.contactTypes.new')} onClose={onClose} onSubmit={() => void submit()} size="sm" submit={{ label: t('common.save'), busy, testId: 'contact-type-save' }}>
      <TextInput label={t('fields.name')} description={contactTypeLabel(t, name.trim()) !== name.trim() ? t('settings.contactTypes.defaultNameHint', { name: contactTypeLabel(t, name.trim()) }) : undefined} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} required data-autofocus data-testid="contact-type-name" />
      <ColorInput label={t('settings.color')} value={color} onChange={setColor} swatches={SWATCHES} swatchesPerRow={6} format="hex" withEyeDropper={false} />
    </FormModal>
  );
}
