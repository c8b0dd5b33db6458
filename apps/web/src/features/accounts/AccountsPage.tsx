import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { IconBuilding, IconPlus } from '@tabler/icons-react';
import type { AccountListItem } from '@kontor/contract/accounts';
import { PageHeader } from '../../components/PageHeader';
import { useMyRights } from '../auth/permissions';
import { RecordListView } from '../records/RecordListView';
import type { ListSearch } from '../records/search';
import { AccountForm } from './AccountForm';
import type { AccountFormInit } from './account-form-values';
import { accountColumns } from './columns';

export function AccountsPage({ search, onSearchChange }: { search: ListSearch; onSearchChange: (patch: Partial<ListSearch>) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [form, setForm] = useState<AccountFormInit | null>(null);
  const openNew = rights.can('accounts', 'create') ? () => setForm({ mode: 'create' }) : undefined;
  return (
    <>
      <PageHeader
        title={t('nav.accounts')}
        actions={
          openNew ? (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew} data-testid="new-account">
              {t('accounts.new')}
            </Button>
          ) : null
        }
      />
      <div className="k-page">
        <RecordListView<AccountListItem>
          module="accounts"
          search={search}
          defaultSort="name"
          onSearchChange={onSearchChange}
          columns={accountColumns(t)}
          onOpen={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })}
          onNew={openNew}
          emptyIcon={<IconBuilding size={28} />}
        />
      </div>
      <AccountForm init={form} onClose={() => setForm(null)} onSaved={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })} />
    </>
  );
}
