import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Button, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { IconLock, IconLockOpen, IconShare, IconUser, IconUsersGroup, IconX } from '@tabler/icons-react';
import type { Share } from '@kontor/contract/permissions';
import { notifyError } from '../../lib/errors';
import { roleLabel, useRoles, useSettings, useUsers } from '../../lib/reference';
import { ErrorState } from '../../components/States';
import type { RecordModule } from '../records/api';
import { FieldItem } from '../records/FieldItem';
import { invalidateHistory } from '../records/history';
import { RecordSection } from '../records/RecordSection';
import { removeShare, sharesKey, useShares, type SharedRecord, type SharingDialog } from './api';
import { RestrictModal, ShareModal } from './SharingModals';

interface Props {
  module: RecordModule;
  record: SharedRecord;
  name: string;
  dialog: SharingDialog;
  onDialog: (d: SharingDialog) => void;
  /** Saves `restrictedTo` on the record; true when saved. */
  onRestrict: (restrictedTo: string[] | null) => Promise<boolean>;
}

/** "Sharing & access" on a record page: owner, restriction, shares; changes only with the share right on the record. */
export function SharingSection({ module, record, name, dialog, onDialog, onRestrict }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const shares = useShares(module, record.id);
  const users = useUsers();
  const roles = useRoles();
  const settings = useSettings();
  const canShare = record.access.share;
  const restricted = record.restrictedTo !== null;
  const userName = (id: string | null) => users.data?.find((u) => u.id === id)?.name ?? '…';
  const roleName = (id: string | null) => {
    const role = roles.data?.find((r) => r.id === id);
    return role ? roleLabel(t, role.name) : '…';
  };
  const remove = async (share: Share) => {
    try {
      await removeShare(module, record.id, share.id);
    } catch (e) {
      notifyError(t, e);
    }
    void qc.invalidateQueries({ queryKey: sharesKey(module, record.id) });
    void invalidateHistory(qc, module, record.id);
  };
  const orgDefault = settings.data?.orgDefaults[module];
  const list = shares.data ?? [];

  return (
    <RecordSection
      title={t('sharing.title')}
      testId="section-sharing"
      actions={
        canShare ? (
          <>
            <Button size="xs" variant="default" leftSection={<IconLock size={14} />} onClick={() => onDialog('restrict')} data-testid="sharing-restrict">
              {restricted ? t('sharing.changeRestriction') : t('sharing.restrict')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconShare size={14} />} onClick={() => onDialog('share')} data-testid="sharing-share">
              {t('sharing.share')}
            </Button>
          </>
        ) : null
      }
    >
      <Stack gap="md">
        <div className="k-fields">
          <FieldItem label={t('fields.owner')} testId="sharing-owner">
            {record.owner?.name}
          </FieldItem>
          <FieldItem label={t('sharing.whoSees')} testId="sharing-state">
            <Group gap={6} wrap="nowrap" align="flex-start">
              {restricted ? <IconLock size={16} color="var(--mantine-color-orange-7)" style={{ flex: 'none', marginTop: 2 }} /> : <IconLockOpen size={16} color="var(--mantine-color-gray-6)" style={{ flex: 'none', marginTop: 2 }} />}
              <Text size="sm">
                {restricted
                  ? record.restrictedTo?.length
                    ? t('sharing.restrictedTo', { names: record.restrictedTo.map(userName).join(', ') })
                    : t('sharing.restrictedOwnerOnly')
                  : orgDefault
                    ? t(`sharing.open_${orgDefault}`)
                    : null}
              </Text>
            </Group>
          </FieldItem>
        </div>
        {restricted ? (
          <Text size="xs" c="dimmed">
            {t('sharing.restrictedExplain')}
          </Text>
        ) : null}
        <div>
          <div className="k-field-label" style={{ marginBottom: 6 }}>
            {t('sharing.sharedWith')}
          </div>
          {shares.isError ? (
            <ErrorState error={shares.error} onRetry={() => void shares.refetch()} />
          ) : list.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="shares-empty">
              {shares.isPending ? t('common.loading') : t('sharing.noShares')}
            </Text>
          ) : (
            <Stack gap={4} data-testid="shares-list">
              {list.map((s) => (
                <Group key={s.id} gap={8} wrap="nowrap" justify="space-between" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="share-row">
                  <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                    {s.userId ? <IconUser size={16} stroke={1.6} /> : <IconUsersGroup size={16} stroke={1.6} />}
                    <Text size="sm" truncate>
                      {s.userId ? userName(s.userId) : t('sharing.roleAndBelow', { role: roleName(s.roleId) })}
                    </Text>
                    <Badge size="sm" variant="light" color={s.access === 'write' ? 'blue' : 'gray'} styles={{ label: { textTransform: 'none' } }}>
                      {t(`sharing.access_${s.access}`)}
                    </Badge>
                  </Group>
                  {canShare ? (
                    <Tooltip label={t('sharing.unshare')}>
                      <ActionIcon variant="subtle" color="gray" onClick={() => void remove(s)} aria-label={t('sharing.unshare')} data-testid="share-remove">
                        <IconX size={15} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Group>
              ))}
              {restricted ? (
                <Text size="xs" c="orange.8">
                  {t('sharing.sharesInactive')}
                </Text>
              ) : null}
            </Stack>
          )}
        </div>
      </Stack>
      {dialog === 'restrict' ? <RestrictModal record={record} name={name} onClose={() => onDialog(null)} onSave={onRestrict} /> : null}
      {dialog === 'share' ? (
        <ShareModal
          module={module}
          record={record}
          name={name}
          onClose={() => onDialog(null)}
          onShared={() => {
            void qc.invalidateQueries({ queryKey: sharesKey(module, record.id) });
            void invalidateHistory(qc, module, record.id);
          }}
        />
      ) : null}
    </RecordSection>
  );
}

/** The sharing entries of a record page's "More" menu. */
export function SharingMenuItems({ restricted, onDialog }: { restricted: boolean; onDialog: (d: SharingDialog) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Menu.Item leftSection={<IconShare size={15} />} onClick={() => onDialog('share')} data-testid="menu-share">
        {t('sharing.share')}
      </Menu.Item>
      <Menu.Item leftSection={<IconLock size={15} />} onClick={() => onDialog('restrict')} data-testid="menu-restrict">
        {restricted ? t('sharing.changeRestriction') : t('sharing.restrict')}
      </Menu.Item>
    </>
  );
}
