import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { adminRights, moduleRights, type Profile, type Rights } from '@kontor/contract/permissions';
import { modules } from '@kontor/contract/custom-fields';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { profileLabel, refKeys, useProfiles, useUsers } from '../../lib/reference';
import { ErrorState, PageSkeleton } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { ConfirmModal } from './ConfirmModal';
import { ProfileNameModal } from './ProfileNameModal';
import { AdminOnly, AdminsOnlyNote, SettingsIntro } from './SettingsLayout';

export function ProfilesSettings() {
  return (
    <AdminOnly>
      <ProfilesPage />
    </AdminOnly>
  );
}

function ProfilesPage() {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const { isAdmin } = useMyRights();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  if (profiles.isPending) return <PageSkeleton />;
  if (profiles.isError) return <ErrorState error={profiles.error} onRetry={() => void profiles.refetch()} />;
  const list = profiles.data;
  const current = list.find((p) => p.id === selected) ?? list[0];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SettingsIntro>{t('settings.profiles.intro')}</SettingsIntro>
        {isAdmin ? <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-profile">{t('settings.profiles.new')}</Button> : null}
      </Group>
      {isAdmin ? null : <AdminsOnlyNote testId="profiles-read-only" />}
      <Tabs value={current?.id ?? null} onChange={setSelected}>
        <Tabs.List>
          {list.map((p) => (
            <Tabs.Tab key={p.id} value={p.id} leftSection={p.key === 'administrator' ? <IconLock size={14} /> : undefined} data-testid={`profile-tab-${p.key}`}>
              {profileLabel(t, p.name)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {current ? <ProfileEditor key={`${current.id}-${current.version}`} profile={current} readOnly={!isAdmin} onDeleted={() => setSelected(null)} /> : null}
      {creating ? <ProfileNameModal profiles={list} onClose={() => setCreating(false)} onSaved={(p) => setSelected(p.id)} /> : null}
    </Stack>
  );
}

/** One profile's rights; changed only by administrators, and never by the one who holds it (the server refuses that too). */
function ProfileEditor({ profile, readOnly, onDeleted }: { profile: Profile; readOnly: boolean; onDeleted: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const users = useUsers();
  const [rights, setRights] = useState<Rights>(profile.rights);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const allRights = profile.key === 'administrator';
  const own = profile.id === me.profileId;
  const locked = allRights || own || readOnly;
  const dirty = JSON.stringify(rights) !== JSON.stringify(profile.rights);
  const inUse = (users.data ?? []).filter((u) => u.profileId === profile.id).length;
  const refresh = () => void qc.invalidateQueries({ queryKey: refKeys.profiles });
  const toggleModule = (m: (typeof modules)[number], r: (typeof moduleRights)[number], on: boolean) =>
    setRights((old) => ({ ...old, modules: { ...old.modules, [m]: on ? moduleRights.filter((x) => x === r || old.modules[m].includes(x)) : old.modules[m].filter((x) => x !== r) } }));
  const toggleAdmin = (r: (typeof adminRights)[number], on: boolean) =>
    setRights((old) => ({ ...old, admin: on ? adminRights.filter((x) => x === r || old.admin.includes(x)) : old.admin.filter((x) => x !== r) }));
  const save = async () => {
    setBusy(true);
    try {
      await api.patch<Profile>(`/profiles/${profile.id}`, { rights, version: profile.version });
      notifySuccess(t('common.saved'));
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await api.delete(`/profiles/${profile.id}`);
      setDialog(null);
      onDeleted();
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const deleteBlocker = profile.builtin ? t('settings.profiles.builtinNoDelete') : inUse ? t('settings.profiles.inUse', { count: inUse }) : null;

  return (
    <Paper withBorder radius="md" p="lg" data-testid="profile-editor">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8}>
            <Title order={2} fz={17}>{profileLabel(t, profile.name)}</Title>
            {profile.builtin ? <Badge size="xs" variant="light" color="gray" styles={{ label: { textTransform: 'none' } }}>{t('settings.builtin')}</Badge> : null}
            <Text size="xs" c="dimmed">{t('settings.roles.userCount', { count: inUse })}</Text>
          </Group>
          {locked ? null : (
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setDialog('rename')} data-testid="profile-rename">{t('settings.profiles.rename')}</Button>
            <Tooltip label={deleteBlocker ?? t('common.delete')}>
              <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} disabled={Boolean(deleteBlocker)} onClick={() => setDialog('delete')} data-testid="profile-delete">{t('common.delete')}</Button>
            </Tooltip>
          </Group>
          )}
        </Group>
        {allRights ? (
          <Alert color="gray" variant="light" icon={<IconLock size={16} />}>{t('settings.profiles.adminLocked')}</Alert>
        ) : own && !readOnly ? (
          <Alert color="gray" variant="light" icon={<IconLock size={16} />} data-testid="profile-own">{t('settings.profiles.ownLocked')}</Alert>
        ) : null}
        <Table.ScrollContainer minWidth={620} type="native">
          <Table className="k-table" withTableBorder={false} verticalSpacing={6} data-testid="profile-rights">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.profiles.module')}</Table.Th>
                {moduleRights.map((r) => <Table.Th key={r} style={{ textAlign: 'center' }}>{t(`settings.profiles.right_${r}`)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {modules.map((m) => (
                <Table.Tr key={m}>
                  <Table.Td><Text size="sm" fw={550}>{t(`nav.${m}`)}</Text></Table.Td>
                  {moduleRights.map((r) => (
                    <Table.Td key={r} style={{ textAlign: 'center' }}>
                      <Checkbox
                        style={{ display: 'inline-block' }}
                        checked={allRights || rights.modules[m].includes(r)}
                        disabled={locked}
                        onChange={(e) => toggleModule(m, r, e.currentTarget.checked)}
                        aria-label={`${t(`nav.${m}`)}: ${t(`settings.profiles.right_${r}`)}`}
                        data-testid={`right-${m}-${r}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <div>
          <Text size="sm" fw={650} mb={8}>{t('settings.profiles.adminRights')}</Text>
          <Stack gap={10}>
            {adminRights.map((r) => (
              <Checkbox key={r} checked={allRights || rights.admin.includes(r)} disabled={locked} onChange={(e) => toggleAdmin(r, e.currentTarget.checked)} label={t(`settings.profiles.admin_${r}`)} description={t(`settings.profiles.adminHint_${r}`)} data-testid={`admin-right-${r}`} />
            ))}
          </Stack>
        </div>
        {locked ? null : (
          <Group justify="flex-end" gap="xs">
            <Button variant="default" disabled={!dirty} onClick={() => setRights(profile.rights)}>{t('settings.profiles.reset')}</Button>
            <Button disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="profile-save">{t('common.save')}</Button>
          </Group>
        )}
      </Stack>
      {dialog === 'rename' ? <ProfileNameModal profiles={[]} profile={profile} onClose={() => setDialog(null)} onSaved={() => undefined} /> : null}
      {dialog === 'delete' ? (
        <ConfirmModal title={t('settings.profiles.deleteTitle')} text={t('settings.profiles.deleteText', { name: profileLabel(t, profile.name) })} confirmLabel={t('common.delete')} busy={busy} onClose={() => setDialog(null)} onConfirm={() => void remove()} />
      ) : null}
    </Paper>
  );
}
