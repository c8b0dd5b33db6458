import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Button, Center, Group, Text, Tooltip } from '@mantine/core';
import { IconLink, IconLinkOff, IconPencil, IconPlus } from '@tabler/icons-react';
import type { Account, AccountListItem } from '@kontor/contract/accounts';
import { recordPageLists } from '@kontor/contract/record-pages';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useMyRights } from '../auth/permissions';
import { ConfirmModal } from '../settings/ConfirmModal';
import { DataTable } from '../../components/DataTable';
import { ErrorState } from '../../components/States';
import { recordKeys } from '../records/api';
import { useRememberedWidths } from '../views/useRememberedWidths';
import { TableSection } from '../records/RecordSection';
import { contactColumns } from '../contacts/columns';
import { ContactForm } from '../contacts/ContactForm';
import type { ContactFormInit } from '../contacts/contact-form-values';
import { AccountForm } from './AccountForm';
import type { AccountFormInit } from './account-form-values';
import { AddExistingContactModal } from './AddExistingContactModal';
import { api } from '../../lib/api';
import { accountPath, updateAccount, useAccountContacts, useAccountMembers } from './api';
import { accountColumns } from './columns';

function LoadMore({ has, loading, onClick }: { has: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!has) return null;
  return (
    <Center py="xs">
      <Button size="xs" variant="subtle" onClick={onClick} loading={loading}>
        {t('list.loadMore')}
      </Button>
    </Center>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed" px="md" py="lg" ta="center">
      {text}
    </Text>
  );
}

export function AccountContactsSection({ account, readOnly }: { account: Account; readOnly?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sort, setSort] = useState<string>(recordPageLists.contacts.sort);
  const list = useAccountContacts(account.id, sort);
  const widths = useRememberedWidths('account-contacts');
  const [form, setForm] = useState<ContactFormInit | null>(null);
  const [adding, setAdding] = useState(false);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: recordKeys.detail('accounts', account.id) });
    void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
  };
  return (
    <TableSection
      title={t('accounts.contacts')}
      count={account.contactCount}
      testId="related-contacts"
      actions={
        readOnly ? null : (
          <>
            <Button size="xs" variant="default" leftSection={<IconLink size={14} />} onClick={() => setAdding(true)} data-testid="add-existing-contact">
              {t('accounts.addExisting')}
            </Button>
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setForm({ mode: 'create', account: { id: account.id, name: account.name } })} data-testid="new-related-contact">
              {t('contacts.new')}
            </Button>
          </>
        )
      }
    >
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 && !list.isPending ? (
        <Empty text={t('accounts.noContacts')} />
      ) : (
        <DataTable columns={contactColumns(t, 'related')} rows={rows} rowKey={(r) => r.id} sort={sort} onSortChange={setSort} onRowClick={(c) => void navigate({ to: '/contacts/$contactId', params: { contactId: c.id } })} loading={list.isPending} widths={widths.widths} onColumnResize={widths.remember} testId="related-contacts-table" />
      )}
      <LoadMore has={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <ContactForm init={form} onClose={() => setForm(null)} onSaved={refresh} />
      <AddExistingContactModal opened={adding} onClose={() => setAdding(false)} account={account} onAdded={refresh} />
    </TableSection>
  );
}

export function AccountMembersSection({ account, readOnly }: { account: Account; readOnly?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sort, setSort] = useState<string>(recordPageLists.members.sort);
  const list = useAccountMembers(account.id, sort);
  const widths = useRememberedWidths('account-members');
  const canEdit = useMyRights().can('accounts', 'edit');
  const [form, setForm] = useState<AccountFormInit | null>(null);
  const [removing, setRemoving] = useState<AccountListItem | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  // the parent's counts and roll-up, the member's page and every list showing either
  const refreshMembers = () => void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
  const openEdit = async (member: AccountListItem) => {
    try {
      setForm({ mode: 'edit', account: await api.get<Account>(accountPath(member.id)) });
    } catch (e) {
      notifyError(t, e);
    }
  };
  const removeFromParent = async (member: AccountListItem) => {
    setBusy(true);
    try {
      await updateAccount(member.id, { parentAccountId: null, version: member.version });
      notifySuccess(t('accountHierarchy.removed', { name: member.name, parent: account.name }));
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
      setRemoving(null);
      refreshMembers();
    }
  };
  const memberColumns = canEdit
    ? [...accountColumns(t, 'members'), { key: 'actions', header: t('common.actions'), align: 'right' as const, width: 84, render: (m: AccountListItem) => <MemberActions member={m} onEdit={() => void openEdit(m)} onRemove={() => setRemoving(m)} /> }]
    : accountColumns(t, 'members');
  return (
    <TableSection
      title={t('accounts.members')}
      count={account.memberCount}
      testId="related-members"
      actions={
        readOnly ? null : (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setForm({ mode: 'create', parent: { id: account.id, name: account.name } })} data-testid="new-member-account">
            {t('accounts.newMember')}
          </Button>
        )
      }
    >
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 && !list.isPending ? (
        <Empty text={t('accounts.noMembers')} />
      ) : (
        <DataTable columns={memberColumns} rows={rows} rowKey={(r) => r.id} sort={sort} onSortChange={setSort} onRowClick={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })} loading={list.isPending} widths={widths.widths} onColumnResize={widths.remember} testId="related-members-table" />
      )}
      <LoadMore has={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <AccountForm init={form} onClose={() => setForm(null)} onSaved={refreshMembers} />
      {removing ? (
        <ConfirmModal
          title={t('accountHierarchy.removeTitle', { name: removing.name })}
          text={t('accountHierarchy.removeText', { name: removing.name, parent: account.name })}
          confirmLabel={t('accountHierarchy.remove')}
          busy={busy}
          onConfirm={() => void removeFromParent(removing)}
          onClose={() => setRemoving(null)}
        />
      ) : null}
    </TableSection>
  );
}

/** A member row's own actions: edit it, or take it out of the hierarchy (it stays an account of its own). */
function MemberActions({ member, onEdit, onRemove }: { member: AccountListItem; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const stop = (fn: () => void) => (e: MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  return (
    <Group gap={2} justify="flex-end" wrap="nowrap" onKeyDown={(e) => e.stopPropagation()}>
      <Tooltip label={t('accountHierarchy.editMember', { name: member.name })}>
        <ActionIcon size="sm" variant="subtle" color="gray" onClick={stop(onEdit)} aria-label={t('accountHierarchy.editMember', { name: member.name })} data-testid="member-edit">
          <IconPencil size={15} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('accountHierarchy.removeFromParent', { name: member.name })}>
        <ActionIcon size="sm" variant="subtle" color="red" onClick={stop(onRemove)} aria-label={t('accountHierarchy.removeFromParent', { name: member.name })} data-testid="member-remove">
          <IconLinkOff size={15} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
