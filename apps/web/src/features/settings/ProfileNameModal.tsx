import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Select, TextInput } from '@mantine/core';
import { noRights, type Profile } from '@kontor/contract/permissions';
import { api } from '../../lib/api';
import { profileLabel, refKeys } from '../../lib/reference';
import { FormModal } from '../../components/FormModal';
import { useNameSave } from './useNameSave';

/** Name a new profile (its rights copied from another) or rename one. */
export function ProfileNameModal({ profiles, profile, onClose, onSaved }: { profiles: Profile[]; profile?: Profile; onClose: () => void; onSaved: (p: Profile) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(profile?.name ?? '');
  const [copyFrom, setCopyFrom] = useState<string | null>(profiles.find((p) => p.key === 'salesperson')?.id ?? profiles[0]?.id ?? null);
  const { error, setError, busy, save } = useNameSave(name, onClose);
  const submit = () =>
    save(async (trimmed) => {
      const saved = profile
        ? await api.patch<Profile>(`/profiles/${profile.id}`, { name: trimmed, version: profile.version })
        : await api.post<Profile>('/profiles', { name: trimmed, rights: profiles.find((p) => p.id === copyFrom)?.rights ?? noRights });
      void qc.invalidateQueries({ queryKey: refKeys.profiles });
      void qc.invalidateQueries({ queryKey: refKeys.users });
      onSaved(saved);
    });
  return (
    <FormModal title={profile ? t('settings.profiles.rename') : t('settings.profiles.new')} onClose={onClose} onSubmit={() => void submit()} size="sm" submit={{ label: profile ? t('common.save') : t('common.create'), busy, testId: 'profile-name-save' }}>
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
    </FormModal>
  );
}
