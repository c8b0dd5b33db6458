import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import type { Profile, Rights } from '@kontor/contract/permissions';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessage } from '../../lib/errors';
import { profileLabel, refKeys } from '../../lib/reference';

const noRights: Rights = { modules: { accounts: [], contacts: [] }, admin: [] };

/** Name a new profile (its rights copied from another) or rename one. */
export function ProfileNameModal({ profiles, profile, onClose, onSaved }: { profiles: Profile[]; profile?: Profile; onClose: () => void; onSaved: (p: Profile) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(profile?.name ?? '');
  const [copyFrom, setCopyFrom] = useState<string | null>(profiles.find((p) => p.key === 'salesperson')?.id ?? profiles[0]?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!name.trim()) return setError(t('validation.required'));
    setBusy(true);
    try {
      const saved = profile
        ? await api.patch<Profile>(`/profiles/${profile.id}`, { name: name.trim(), version: profile.version })
        : await api.post<Profile>('/profiles', { name: name.trim(), rights: profiles.find((p) => p.id === copyFrom)?.rights ?? noRights });
      void qc.invalidateQueries({ queryKey: refKeys.profiles });
      void qc.invalidateQueries({ queryKey: refKeys.users });
      onSaved(saved);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError && e.fields.name ? fieldMessage(t, e.fields.name) : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={profile ? t('settings.profiles.rename') : t('settings.profiles.new')} centered size="sm">
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <Stack gap="sm">
          <TextInput label={t('fields.name')} value={name} onChange={(e) => { setName(e.currentTarget.value); setError(null); }} error={error} required data-autofocus data-testid="profile-name" />
          {profile ? null : (
            <Select
              label={t('settings.profiles.copyFrom')}
              description={t('settings.profiles.copyFromHint')}
              data={profiles.map((p) => ({ value: p.id, label: profileLabel(t, p.name) }))}
              value={copyFrom}
              onChange={setCopyFrom}
              placeholder={t('settings.profiles.noRights')}
              clearable
              comboboxProps={{ withinPortal: true }}
              data-testid="profile-copy-from"
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="profile-name-save">{profile ? t('common.save') : t('common.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
