import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Group, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowMoveRight, IconCornerDownRight, IconHierarchy2, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { RoleNode } from '@kontor/contract/permissions';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, notifyError } from '../../lib/errors';
import { refKeys, roleLabel, useRoles, useUsers } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { FormModal } from '../../components/FormModal';
import { ErrorState, PageSkeleton } from '../../components/States';
import { roleAndBelow, useMyRights } from '../auth/permissions';
import { ConfirmModal } from './ConfirmModal';
import { AdminOnly, AdminsOnlyNote, SettingsIntro } from './SettingsLayout';

type Dialog = { kind: 'add'; parent: RoleNode } | { kind: 'rename' | 'move' | 'delete'; role: RoleNode } | null;

export function RolesSettings() {
  return (
    <AdminOnly>
      <RolesTree />
    </AdminOnly>
  );
}

/** Depth-first order with each role's depth, children sorted by name. */
function flatten(roles: RoleNode[], t: (name: string) => string): { role: RoleNode; depth: number }[] {
  const out: { role: RoleNode; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of roles.filter((x) => x.parentId === parentId).sort((a, b) => t(a.name).localeCompare(t(b.name)))) {
      out.push({ role: r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function RolesTree() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const roles = useRoles();
  const users = useUsers();
  const { isAdmin } = useMyRights();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { busy, run } = useBusy();
  if (roles.isPending) return <PageSkeleton />;
  if (roles.isError) return <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />;
  const list = roles.data;
  const label = (name: string) => roleLabel(t, name);
  const rows = flatten(list, label);
  const userCount = (r: RoleNode) => (users.data ?? []).filter((u) => u.role === r.key && u.active).length;
  const hasChildren = (r: RoleNode) => list.some((x) => x.parentId === r.id);
  const deleteBlocker = (r: RoleNode) =>
    r.builtin ? t('settings.roles.builtinNoDelete') : hasChildren(r) ? t('settings.roles.hasChildren') : (users.data ?? []).some((u) => u.role === r.key) ? t('settings.roles.inUse') : null;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: refKeys.roles });
    void qc.invalidateQueries({ queryKey: refKeys.users });
  };
  const remove = (r: RoleNode) =>
    void run(async () => {
      await api.delete(`/roles/${r.id}`);
      setDialog(null);
    }, (e) => notifyError(t, e)).then(refresh);

  return (
    <Stack gap="md">
      <SettingsIntro>{t('settings.roles.intro')}</SettingsIntro>
      {isAdmin ? null : <AdminsOnlyNote testId="roles-read-only" />}
      <Paper withBorder radius="md" data-testid="roles-tree">
        {rows.map(({ role: r, depth }, i) => {
          const blocker = deleteBlocker(r);
          const count = userCount(r);
          return (
            <Group key={r.id} justify="space-between" wrap="nowrap" py={8} pr="md" pl={16 + depth * 28} style={{ borderTop: i ? '1px solid var(--k-border)' : undefined }} data-testid={`role-row-${r.key}`}>
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                {depth ? <IconCornerDownRight size={16} color="var(--mantine-color-gray-5)" style={{ flex: 'none' }} /> : <IconHierarchy2 size={16} style={{ flex: 'none' }} />}
                <Text size="sm" fw={depth ? 500 : 650} truncate title={label(r.name)} data-testid="role-name">{label(r.name)}</Text>
                {r.builtin ? <Badge size="xs" variant="light" color="gray" style={{ flex: 'none' }} styles={{ label: { textTransform: 'none' } }}>{t('settings.builtin')}</Badge> : null}
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{t('settings.roles.userCount', { count })}</Text>
              </Group>
              {isAdmin ? (
              <Group gap={2} wrap="nowrap">
                <Tooltip label={t('settings.roles.addChild')}><ActionIcon variant="subtle" color="gray" onClick={() => setDialog({ kind: 'add', parent: r })} aria-label={t('settings.roles.addChild')} data-testid="role-add-child"><IconPlus size={16} /></ActionIcon></Tooltip>
                <Tooltip label={t('settings.roles.rename')}><ActionIcon variant="subtle" color="gray" onClick={() => setDialog({ kind: 'rename', role: r })} aria-label={t('settings.roles.rename')} data-testid="role-rename"><IconPencil size={16} /></ActionIcon></Tooltip>
                <Tooltip label={r.parentId ? t('settings.roles.move') : t('settings.roles.topStays')}>
                  <ActionIcon variant="subtle" color="gray" disabled={!r.parentId} onClick={() => setDialog({ kind: 'move', role: r })} aria-label={t('settings.roles.move')} data-testid="role-move"><IconArrowMoveRight size={16} /></ActionIcon>
                </Tooltip>
                <Tooltip label={blocker ?? t('common.delete')}>
                  <ActionIcon variant="subtle" color="red" disabled={Boolean(blocker)} onClick={() => setDialog({ kind: 'delete', role: r })} aria-label={t('common.delete')} data-testid="role-delete"><IconTrash size={16} /></ActionIcon>
                </Tooltip>
              </Group>
              ) : null}
            </Group>
          );
        })}
      </Paper>
      <Text size="xs" c="dimmed">{t('settings.roles.hint')}</Text>
      {dialog?.kind === 'add' || dialog?.kind === 'rename' || dialog?.kind === 'move' ? <RoleModal dialog={dialog} roles={list} onClose={() => setDialog(null)} onSaved={refresh} /> : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmModal title={t('settings.roles.deleteTitle')} text={t('settings.roles.deleteText', { name: label(dialog.role.name) })} confirmLabel={t('common.delete')} busy={busy} onClose={() => setDialog(null)} onConfirm={() => remove(dialog.role)} />
      ) : null}
    </Stack>
  );
}

/** Add a role below another, rename one, or move one under another parent (not below itself). */
function RoleModal({ dialog, roles, onClose, onSaved }: { dialog: Exclude<Dialog, null | { kind: 'delete' }>; roles: RoleNode[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const role = dialog.kind === 'add' ? null : dialog.role;
  const [name, setName] = useState(role?.name ?? '');
  const [parentId, setParentId] = useState<string | null>(role?.parentId ?? null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const below = role ? roleAndBelow(roles, role.key) : new Set<string>();
  const parents = roles.filter((r) => !below.has(r.key)).map((r) => ({ value: r.id, label: roleLabel(t, r.name) }));
  const save = async () => {
    if (dialog.kind !== 'move' && !name.trim()) return setError(t('validation.required'));
    await run(async () => {
      if (dialog.kind === 'add') await api.post('/roles', { name: name.trim(), parentId: dialog.parent.id });
      else if (dialog.kind === 'rename') await api.patch(`/roles/${dialog.role.id}`, { name: name.trim(), version: dialog.role.version });
      else await api.patch(`/roles/${dialog.role.id}`, { parentId, version: dialog.role.version });
      onSaved();
      onClose();
    }, (e) => {
      const field = e instanceof ApiError ? (e.fields.name ?? e.fields.parentId) : undefined;
      setError(field?.code === 'role_cycle' ? t('settings.roles.cycle') : field ? fieldMessage(t, field) : errorMessage(t, e));
    });
  };
  const title = dialog.kind === 'add' ? t('settings.roles.addTitle', { parent: roleLabel(t, dialog.parent.name) }) : dialog.kind === 'rename' ? t('settings.roles.rename') : t('settings.roles.moveTitle', { name: roleLabel(t, dialog.role.name) });
  return (
    <FormModal title={title} onClose={onClose} onSubmit={() => void save()} size="sm" submit={{ label: dialog.kind === 'add' ? t('common.create') : t('common.save'), busy, testId: 'role-save' }}>
      {dialog.kind === 'move' ? (
        <Select label={t('settings.roles.parent')} description={t('settings.roles.parentHint')} data={parents} value={parentId} onChange={setParentId} allowDeselect={false} error={error} comboboxProps={{ withinPortal: true }} data-testid="role-parent" />
      ) : (
        <TextInput label={t('fields.name')} value={name} onChange={(e) => { setName(e.currentTarget.value); setError(null); }} error={error} required data-autofocus data-testid="role-name-input" />
      )}
    </FormModal>
  );
}
