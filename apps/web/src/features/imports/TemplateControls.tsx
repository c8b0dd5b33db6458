import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconTemplate } from '@tabler/icons-react';
import type { Import } from '@kontor/contract/imports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { notifySuccess } from '../../lib/errors';
import { describeError } from '../views/errors';
import { useImportTemplates, useSaveTemplate } from './api';
import type { Draft } from './useDraftSave';

interface Props {
  imp: Import;
  draft: Draft;
  apply: (templateId: string) => void;
  busy: boolean;
}

/** Load a saved mapping (matched by header names) or save this one as a template for the next file. */
export function TemplateControls({ imp, draft, apply, busy }: Props) {
  const { t } = useTranslation();
  const templates = useImportTemplates(imp.module);
  const save = useSaveTemplate(imp.module);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const list = templates.data ?? [];

  const submit = () => {
    const body = {
      name: name.trim(),
      module: imp.module,
      columns: imp.columns.map((c) => ({ header: c.header, target: draft.targets[c.column] ?? null })),
      options: draft.options,
    };
    save.mutate(body, {
      onSuccess: (tpl) => {
        notifySuccess(t('imports.templates.saved', { name: tpl.name }));
        setNaming(false);
        setName('');
      },
    });
  };

  return (
    <Group gap="xs">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="compact-sm" leftSection={<IconTemplate size={15} />} disabled={busy || templates.isPending} data-testid="import-template-load">
            {t('imports.templates.load')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {list.length === 0 ? <Menu.Item disabled>{t('imports.templates.none')}</Menu.Item> : null}
          {list.map((tpl) => (
            <Menu.Item key={tpl.id} onClick={() => apply(tpl.id)} data-testid="import-template-item">
              {tpl.name}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" size="compact-sm" leftSection={<IconDeviceFloppy size={15} />} onClick={() => setNaming(true)} data-testid="import-template-save">
        {t('imports.templates.save')}
      </Button>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t('imports.templates.saveTitle')} centered size="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) submit();
          }}
        >
          <Stack gap="md">
            <TextInput label={t('imports.templates.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} data-autofocus required data-testid="import-template-name" />
            <ErrorAlert error={save.isError ? describeError(t, save.error) : null} />
            <ModalActions onCancel={() => setNaming(false)} label={t('common.save')} onConfirm={submit} busy={save.isPending} disabled={!name.trim()} testId="import-template-confirm" />
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
