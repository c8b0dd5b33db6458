import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Checkbox, Group, Menu, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconChevronDown, IconDeviceFloppy, IconEye, IconPencil, IconRestore, IconStar, IconStarFilled, IconTrash, IconUsers } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import type { View } from '@kontor/contract/views';
import { FormModal } from '../../components/FormModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyError, notifySuccess } from '../../lib/errors';
import { ConfirmModal } from '../settings/ConfirmModal';
import { useViewMutations } from './api';
import { viewName } from './labels';
import { ALL_VIEW } from './listState';
import { describeError } from './errors';

/** What a save writes: the state the list shows now. */
export interface ViewDraft {
  filter: View['filter'];
  sort: string[];
  columns: string[];
  columnWidths: Record<string, number>;
  pageSize: number;
}

interface Props {
  module: Module;
  views: View[];
  /** The view in use; null: all records. */
  current: View | null;
  defaultViewId: string | null;
  /** The URL differs from the view (or, without a view, holds anything worth saving). */
  dirty: boolean;
  draft: () => ViewDraft;
  onSelect: (viewId: string) => void;
  /** After a save: the view the list now shows, with the URL's changes folded into it. */
  onSaved: (view: View) => void;
  onDiscard: () => void;
  loading?: boolean;
}

type Dialog = { kind: 'create' } | { kind: 'rename'; view: View } | { kind: 'delete'; view: View } | null;

function ViewItem({ view, label, active, isDefault, onClick }: { view: string; label: string; active: boolean; isDefault: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Menu.Item
      onClick={onClick}
      data-active={active || undefined}
      fw={active ? 600 : undefined}
      rightSection={isDefault ? <IconStarFilled size={13} color="var(--mantine-color-yellow-6)" aria-label={t('views.selector.isDefault')} /> : null}
      data-testid="view-option"
      data-view={view}
    >
      {label}
    </Menu.Item>
  );
}

/** The view dropdown: system views, shared, personal; save, save as, rename, share, delete, default; the unsaved marker. */
export function ViewSelector({ module, views, current, defaultViewId, dirty, draft, onSelect, onSaved, onDiscard, loading }: Props) {
  const { t } = useTranslation();
  const m = useViewMutations(module);
  const [dialog, setDialog] = useState<Dialog>(null);
  const system = views.filter((v) => v.kind === 'system');
  const shared = views.filter((v) => v.kind === 'shared');
  const personal = views.filter((v) => v.kind === 'personal');
  const name = viewName(t, module, current);
  const editable = current !== null && current.kind !== 'system' && current.editable;
  const isDefault = (id: string | null) => (defaultViewId ?? null) === id || (id === null && !views.some((v) => v.id === defaultViewId));

  const saveCurrent = () => {
    if (!current || !editable) return;
    const d = draft();
    m.update.mutate(
      { id: current.id, version: current.version, filter: d.filter, sort: d.sort, columns: d.columns, columnWidths: d.columnWidths, pageSize: d.pageSize },
      { onSuccess: (v) => { notifySuccess(t('views.selector.saved', { name: v.name })); onSaved(v); }, onError: (e) => notifyError(t, e, t('views.selector.saveFailed')) },
    );
  };
  const toggleShared = (view: View, on: boolean) =>
    m.update.mutate({ id: view.id, version: view.version, shared: on }, { onError: (e) => notifyError(t, e, t('views.selector.saveFailed')) });
  const setDefault = (id: string | null) =>
    m.setDefault.mutate(id, { onSuccess: () => notifySuccess(t('views.selector.defaultSet')), onError: (e) => notifyError(t, e) });

  return (
    <Group gap={6} wrap="nowrap">
      <Menu position="bottom-start" width={280} shadow="md" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={15} />} leftSection={<IconEye size={15} />} loading={loading} maw={300} data-testid="view-selector" aria-label={t('views.selector.label', { name })}>
            <Text span size="sm" fw={600} truncate="end">
              {name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="view-menu">
          {system.some((v) => v.systemKey === 'all') ? null : (
            <ViewItem view={ALL_VIEW} label={viewName(t, module, null)} active={current === null} isDefault={isDefault(null)} onClick={() => onSelect(ALL_VIEW)} />
          )}
          {system.length ? <Menu.Label>{t('views.selector.system')}</Menu.Label> : null}
          {system.map((v) => (
            <ViewItem key={v.id} view={v.id} label={viewName(t, module, v)} active={current?.id === v.id} isDefault={v.isDefault || defaultViewId === v.id} onClick={() => onSelect(v.id)} />
          ))}
          {shared.length ? <Menu.Label>{t('views.selector.shared')}</Menu.Label> : null}
          {shared.map((v) => (
            <ViewItem key={v.id} view={v.id} label={v.name} active={current?.id === v.id} isDefault={v.isDefault || defaultViewId === v.id} onClick={() => onSelect(v.id)} />
          ))}
          <Menu.Label>{t('views.selector.personal')}</Menu.Label>
          {personal.length ? (
            personal.map((v) => <ViewItem key={v.id} view={v.id} label={v.name} active={current?.id === v.id} isDefault={v.isDefault || defaultViewId === v.id} onClick={() => onSelect(v.id)} />)
          ) : (
            <Text size="xs" c="dimmed" px="sm" pb={6}>
              {t('views.selector.noPersonal')}
            </Text>
          )}
          <Menu.Divider />
          {editable && dirty ? (
            <Menu.Item leftSection={<IconDeviceFloppy size={15} />} onClick={saveCurrent} data-testid="view-menu-save">
              {t('views.selector.save')}
            </Menu.Item>
          ) : null}
          <Menu.Item leftSection={<IconDeviceFloppy size={15} />} onClick={() => setDialog({ kind: 'create' })} data-testid="view-save-as">
            {t('views.selector.saveAs')}
          </Menu.Item>
          {dirty ? (
            <Menu.Item leftSection={<IconRestore size={15} />} onClick={onDiscard} data-testid="view-discard">
              {t('views.selector.discard')}
            </Menu.Item>
          ) : null}
          {!isDefault(current?.id ?? null) ? (
            <Menu.Item leftSection={<IconStar size={15} />} onClick={() => setDefault(current?.id ?? null)} data-testid="view-set-default">
              {t('views.selector.setDefault')}
            </Menu.Item>
          ) : null}
          {editable && current ? (
            <>
              <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => setDialog({ kind: 'rename', view: current })} data-testid="view-rename">
                {t('views.selector.rename')}
              </Menu.Item>
              <Menu.Item closeMenuOnClick={false} leftSection={<IconUsers size={15} />} onClick={() => toggleShared(current, current.kind !== 'shared')} data-testid="view-share">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <span>{t('views.selector.share')}</span>
                  <Switch size="xs" checked={current.kind === 'shared'} readOnly tabIndex={-1} aria-hidden />
                </Group>
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={() => setDialog({ kind: 'delete', view: current })} data-testid="view-delete">
                {t('views.selector.delete')}
              </Menu.Item>
            </>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      {dirty ? (
        <>
          <Tooltip label={t('views.selector.modifiedHint')} withinPortal>
            <Badge variant="light" color="orange" size="sm" radius="sm" styles={{ label: { textTransform: 'none' } }} data-testid="view-modified">
              {t('views.selector.modified')}
            </Badge>
          </Tooltip>
          <Button size="compact-sm" variant="light" leftSection={<IconDeviceFloppy size={14} />} onClick={editable ? saveCurrent : () => setDialog({ kind: 'create' })} loading={m.update.isPending} data-testid="view-save">
            {editable ? t('views.selector.save') : t('views.selector.saveAsShort')}
          </Button>
        </>
      ) : null}
      {dialog?.kind === 'create' ? (
        <ViewNameModal
          title={t('views.selector.saveAsTitle')}
          initial=""
          withShare
          busy={m.create.isPending}
          error={m.create.error}
          onClose={() => setDialog(null)}
          onSubmit={(viewName, sharedOn, makeDefault) => {
            const d = draft();
            m.create.mutate(
              { module, name: viewName, shared: sharedOn, ...d },
              {
                onSuccess: (v) => {
                  setDialog(null);
                  notifySuccess(t('views.selector.created', { name: v.name }));
                  if (makeDefault) setDefault(v.id);
                  onSaved(v);
                },
              },
            );
          }}
        />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <ViewNameModal
          title={t('views.selector.renameTitle')}
          initial={dialog.view.name}
          busy={m.update.isPending}
          error={m.update.error}
          onClose={() => setDialog(null)}
          onSubmit={(newName) => m.update.mutate({ id: dialog.view.id, version: dialog.view.version, name: newName }, { onSuccess: () => setDialog(null) })}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmModal
          title={t('views.selector.deleteTitle')}
          text={t('views.selector.deleteText', { name: dialog.view.name })}
          confirmLabel={t('common.delete')}
          busy={m.remove.isPending}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            m.remove.mutate(dialog.view.id, {
              onSuccess: () => {
                setDialog(null);
                onSelect(ALL_VIEW);
              },
              onError: (e) => notifyError(t, e),
            })
          }
        />
      ) : null}
    </Group>
  );
}

function ViewNameModal({ title, initial, withShare, busy, error, onClose, onSubmit }: {
  title: string;
  initial: string;
  withShare?: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (name: string, shared: boolean, makeDefault: boolean) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(false);
  const [makeDefault, setMakeDefault] = useState(false);
  const [touched, setTouched] = useState(false);
  const empty = name.trim() === '';
  return (
    <FormModal
      title={title}
      onClose={onClose}
      onSubmit={() => {
        setTouched(true);
        if (!empty) onSubmit(name.trim(), shared, makeDefault);
      }}
      submit={{ label: t('common.save'), busy, testId: 'view-name-save' }}
      testId="view-name-form"
    >
      <TextInput
        label={t('views.selector.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={100}
        required
        data-autofocus
        error={touched && empty ? t('validation.required') : undefined}
        data-testid="view-name"
      />
      {withShare ? (
        <>
          <Checkbox label={t('views.selector.shareNew')} description={t('views.selector.shareHint')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} data-testid="view-name-shared" />
          <Checkbox label={t('views.selector.makeDefault')} checked={makeDefault} onChange={(e) => setMakeDefault(e.currentTarget.checked)} data-testid="view-name-default" />
        </>
      ) : null}
      <ErrorAlert error={error ? describeError(t, error) : null} />
    </FormModal>
  );
}
