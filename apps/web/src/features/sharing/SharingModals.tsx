import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Modal, MultiSelect, Radio, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { shareAccess, type Share } from '@kontor/contract/permissions';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage } from '../../lib/errors';
import { roleLabel, useRoles, userOptions, useUsers } from '../../lib/reference';
import { FormModal } from '../../components/FormModal';
import { ModalActions } from '../../components/ModalActions';
import type { RecordModule } from '../records/api';
import { addShare, type SharedRecord } from './api';

/** Restrict the record to chosen users (besides the owner, those above the owner and admins), or lift the restriction. */
export function RestrictModal({ record, name, onClose, onSave }: {
  record: SharedRecord;
  name: string;
  onClose: () => void;
  onSave: (restrictedTo: string[] | null) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const [ids, setIds] = useState<string[]>(record.restrictedTo ?? []);
  const [busy, setBusy] = useState<'save' | 'lift' | null>(null);
  const options = userOptions(users.data, null).filter((o) => o.value !== record.ownerId || ids.includes(o.value));
  const save = async (value: string[] | null) => {
    setBusy(value === null ? 'lift' : 'save');
    const ok = await onSave(value);
    setBusy(null);
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('sharing.restrictTitle', { name })} centered>
      <Stack gap="md">
        <Text size="sm">{t('sharing.restrictText')}</Text>
        <MultiSelect
          label={t('sharing.restrictUsers')}
          description={t('sharing.restrictUsersHint')}
          placeholder={ids.length ? undefined : t('sharing.ownerOnlyPlaceholder')}
          data={options}
          value={ids}
          onChange={setIds}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: true }}
          data-testid="restrict-users"
        />
        <ModalActions
          mt="xs"
          onCancel={onClose}
          label={t('sharing.restrictSave')}
          onConfirm={() => void save(ids)}
          busy={busy === 'save'}
          disabled={busy === 'lift'}
          testId="restrict-save"
          leading={
            record.restrictedTo !== null ? (
              <Button variant="subtle" color="gray" onClick={() => void save(null)} loading={busy === 'lift'} disabled={busy === 'save'} data-testid="restrict-lift">
                {t('sharing.lift')}
              </Button>
            ) : null
          }
        />
      </Stack>
    </Modal>
  );
}

/** Share with a user or a role (and the roles below it), read only or read and write. */
export function ShareModal({ module, record, name, onClose, onShared }: {
  module: RecordModule;
  record: SharedRecord;
  name: string;
  onClose: () => void;
  onShared: () => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const roles = useRoles();
  const [kind, setKind] = useState<'user' | 'role'>('user');
  const [target, setTarget] = useState<string | null>(null);
  const [access, setAccess] = useState<Share['access']>('read');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data =
    kind === 'user'
      ? userOptions(users.data, null).filter((o) => o.value !== record.ownerId)
      : (roles.data ?? []).map((r) => ({ value: r.id, label: roleLabel(t, r.name) }));
  const submit = async () => {
    if (!target) return setError(t('validation.required'));
    setBusy(true);
    try {
      await addShare(module, record.id, kind === 'user' ? { userId: target, access } : { roleId: target, access });
      onShared();
      onClose();
    } catch (e) {
      const field = e instanceof ApiError ? (e.fields.userId ?? e.fields.roleId) : undefined;
      setError(field ? fieldMessage(t, field) : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal title={t('sharing.shareTitle', { name })} onClose={onClose} onSubmit={() => void submit()} roomy submit={{ label: t('sharing.shareConfirm'), busy, testId: 'share-save' }}>
      {record.restrictedTo !== null ? <Alert color="orange" variant="light">{t('sharing.sharesInactive')}</Alert> : null}
      <SegmentedControl
        fullWidth
        data={[{ value: 'user', label: t('sharing.withUser') }, { value: 'role', label: t('sharing.withRole') }]}
        value={kind}
        onChange={(v) => { setKind(v === 'role' ? 'role' : 'user'); setTarget(null); setError(null); }}
        data-testid="share-kind"
      />
      <Select
        label={kind === 'user' ? t('sharing.user') : t('sharing.role')}
        description={kind === 'role' ? t('sharing.roleHint') : undefined}
        data={data}
        value={target}
        onChange={(v) => { setTarget(v); setError(null); }}
        error={error}
        searchable
        placeholder={t('common.choose')}
        nothingFoundMessage={t('common.nothingFound')}
        comboboxProps={{ withinPortal: true }}
        data-testid="share-target"
      />
      <Radio.Group label={t('sharing.accessLabel')} value={access} onChange={(v) => setAccess(v === 'write' ? 'write' : 'read')}>
        <Stack gap={8} mt={6}>
          {shareAccess.map((a) => (
            <Radio key={a} value={a} label={t(`sharing.access_${a}`)} description={t(`sharing.accessHint_${a}`)} data-testid={`share-access-${a}`} />
          ))}
        </Stack>
      </Radio.Group>
    </FormModal>
  );
}
