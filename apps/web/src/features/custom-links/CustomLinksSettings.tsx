import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Button, Code, Group, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconExternalLink, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { modules, type Module } from '@kontor/contract/custom-fields';
import { customLinkCreateSchema, type CustomLink } from '@kontor/contract/custom-links';
import { api, isApiError } from '../../lib/api';
import { fieldMessages, notifyError, zodFieldErrors } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { FormModal } from '../../components/FormModal';
import { EmptyState, ErrorState } from '../../components/States';
import { ConfirmModal } from '../settings/ConfirmModal';
import { AdminOnly, SettingsIntro } from '../settings/SettingsLayout';
import { customLinksKey, useCustomLinks } from './api';

export function CustomLinksSettings() {
  return (
    <AdminOnly right="fields">
      <CustomLinksList />
    </AdminOnly>
  );
}

function CustomLinksList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const links = useCustomLinks();
  const [editing, setEditing] = useState<CustomLink | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomLink | null>(null);
  const { busy, run } = useBusy();
  const refresh = () => void qc.invalidateQueries({ queryKey: customLinksKey });
  const list = links.data?.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SettingsIntro>{t('customLinks.intro')}</SettingsIntro>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="custom-link-new">
          {t('customLinks.new')}
        </Button>
      </Group>
      {links.isError ? (
        <ErrorState error={links.error} onRetry={() => void links.refetch()} />
      ) : list.length === 0 && !links.isPending ? (
        <EmptyState icon={<IconExternalLink size={28} />} title={t('customLinks.emptyTitle')} description={t('customLinks.emptyText')} testId="custom-links-empty" />
      ) : (
        <Paper withBorder radius="md">
          {list.map((l, i) => (
            <Group key={l.id} justify="space-between" wrap="nowrap" px="md" py={8} style={{ borderTop: i ? '1px solid var(--k-border)' : undefined }} data-testid="custom-link-row">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={8}>
                  <Text size="sm" fw={550}>
                    {l.label}
                  </Text>
                  <Badge size="xs" variant="light">
                    {t(`nav.${l.module}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {l.urlTemplate}
                </Text>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <Tooltip label={t('common.edit')}>
                  <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(l)} aria-label={t('common.edit')}>
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('common.delete')}>
                  <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(l)} aria-label={t('common.delete')} data-testid="custom-link-delete">
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          ))}
        </Paper>
      )}
      {editing ? <CustomLinkModal link={editing === 'new' ? null : editing} placeholders={links.data?.placeholders ?? {}} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
      {deleting ? (
        <ConfirmModal
          title={t('customLinks.deleteTitle')}
          text={t('customLinks.deleteText', { name: deleting.label })}
          confirmLabel={t('common.delete')}
          busy={busy}
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            void run(async () => {
              await api.delete(`/custom-links/${deleting.id}`);
              setDeleting(null);
              refresh();
            }, (e) => notifyError(t, e))
          }
        />
      ) : null}
    </Stack>
  );
}

function CustomLinkModal({ link, placeholders, onClose, onSaved }: { link: CustomLink | null; placeholders: Record<string, string[]>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [module, setModule] = useState<Module>(link?.module ?? 'accounts');
  const [label, setLabel] = useState(link?.label ?? '');
  const [template, setTemplate] = useState(link?.urlTemplate ?? 'https://');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useBusy();
  const submit = () => {
    const parsed = customLinkCreateSchema.safeParse({ module, label, urlTemplate: template });
    if (!parsed.success) {
      setErrors(fieldMessages(t, zodFieldErrors(parsed.error)));
      return;
    }
    void run(async () => {
      if (link) await api.patch(`/custom-links/${link.id}`, { label: parsed.data.label, urlTemplate: parsed.data.urlTemplate, version: link.version });
      else await api.post('/custom-links', parsed.data);
      onSaved();
      onClose();
    }, (e) => {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(fieldMessages(t, e.fields));
      else notifyError(t, e);
    });
  };
  return (
    <FormModal title={link ? t('customLinks.edit') : t('customLinks.new')} onClose={onClose} onSubmit={submit} submit={{ label: t('common.save'), busy, testId: 'custom-link-save' }}>
      <Select label={t('customLinks.module')} data={modules.map((m) => ({ value: m, label: t(`nav.${m}`) }))} value={module} onChange={(v) => setModule(modules.find((m) => m === v) ?? module)} disabled={Boolean(link)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      <TextInput label={t('customLinks.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.label} required data-autofocus data-testid="custom-link-label" />
      <TextInput
        label={t('customLinks.template')}
        description={t('customLinks.templateHint')}
        value={template}
        onChange={(e) => setTemplate(e.currentTarget.value)}
        error={errors.urlTemplate}
        required
        leftSection={<IconExternalLink size={14} />}
        data-testid="custom-link-template"
      />
      <Text size="xs" c="dimmed">
        {t('customLinks.placeholders')}{' '}
        {(placeholders[module] ?? []).filter((p) => !p.includes('.')).map((p) => (
          <Code key={p} style={{ cursor: 'pointer', marginRight: 4 }} onClick={() => setTemplate(`${template}{${p}}`)}>{`{${p}}`}</Code>
        ))}
      </Text>
    </FormModal>
  );
}
