import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { IconBuilding, IconPlus } from '@tabler/icons-react';
import type { AccountListItem } from '@kontor/contract/accounts';
import { PageHeader } from '../../components/PageHeader';
import { useMyRights } from '../auth/permissions';
import { RecordListView } from '../records/RecordListView';
import { clearedFilters } from '../records/search';
import { AccountsViewSwitch } from '../activity-board/AccountsViewSwitch';
import { NotContactedFilter } from '../activity-board/NotContactedFilter';
import type { AccountSearch } from '../activity-board/search';
import type { AccountFormInit } from './account-form-values';
import { accountColumns } from './columns';
import { useCreateRequest } from '../search/create-request';

// The create form (a drawer) is a chunk of its own, fetched when it first opens (issue #14).
const AccountForm = lazy(() => import('./AccountForm').then((m) => ({ default: m.AccountForm })));

/** "Clear filters" clears "not contacted" too. */
const clearsFilters = (patch: object) => Object.keys(clearedFilters).every((k) => k in patch);

export function AccountsPage({ search, onSearchChange }: { search: AccountSearch; onSearchChange: (patch: Partial<AccountSearch>) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [form, setForm] = useState<AccountFormInit | null>(null);
  const openNew = rights.can('accounts', 'create') ? () => setForm({ mode: 'create' }) : undefined;
  useCreateRequest('accounts', openNew);
  return (
    <>
      <PageHeader
        title={t('nav.accounts')}
        actions={
          <>
            <NotContactedFilter value={search.notContactedDays} onChange={(notContactedDays) => onSearchChange({ notContactedDays })} />
            <AccountsViewSwitch view="list" search={search} />
            {openNew ? (
              <Button leftSection={<IconPlus size={16} />} onClick={openNew} data-testid="new-account">
                {t('accounts.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="k-page">
        <RecordListView<AccountListItem>
          module="accounts"
          search={search}
          defaultSort="name"
          onSearchChange={(p) => onSearchChange(clearsFilters(p) ? { ...p, notContactedDays: undefined } : p)}
          columns={accountColumns(t)}
          onOpen={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })}
          onNew={openNew}
          emptyIcon={<IconBuilding size={28} />}
        />
      </div>
      {form ? (
        <Suspense fallback={null}>
          <AccountForm init={form} onClose={() => setForm(null)} onSaved={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })} />
        </Suspense>
      ) : null}
    </>
  );
}
