import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';
import { useMyRights } from '../auth/permissions';
import { OwnerTagFilters } from '../records/OwnerTagFilters';
import { AccountForm } from '../accounts/AccountForm';
import type { AccountFormInit } from '../accounts/account-form-values';
import { AccountActivityBoard, BoardKeyboardHint } from './AccountActivityBoard';
import { AccountsViewSwitch } from './AccountsViewSwitch';
import { NotContactedFilter } from './NotContactedFilter';
import type { AccountSearch } from './search';

interface Props {
  search: AccountSearch;
  onSearchChange: (patch: Partial<AccountSearch>) => void;
}

/** /accounts/board: the accounts Kanban by next activity with the owner, tag and "not contacted" filters. */
export function AccountsBoardPage({ search, onSearchChange }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [form, setForm] = useState<AccountFormInit | null>(null);
  const filtered = Boolean(search.ownerId || search.tag || search.notContactedDays);
  return (
    <>
      <PageHeader
        title={t('nav.accounts')}
        docTitle={`${t('nav.accounts')} · ${t('activityBoard.view.board')}`}
        actions={
          <>
            <AccountsViewSwitch view="board" search={search} />
            {rights.can('accounts', 'create') ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ mode: 'create' })} data-testid="new-account">
                {t('accounts.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="k-board-page">
        <Group gap="xs" px={24} pt={14} pb={10} wrap="wrap" justify="space-between" align="center" data-testid="board-filters">
          <Group gap="xs" wrap="wrap">
            <OwnerTagFilters ownerId={search.ownerId} tag={search.tag} onChange={onSearchChange} testIdPrefix="board-filter" />
            <NotContactedFilter value={search.notContactedDays} onChange={(notContactedDays) => onSearchChange({ notContactedDays })} testId="board-filter-not-contacted" />
          </Group>
          {rights.can('activities', 'create') ? <BoardKeyboardHint /> : null}
        </Group>
        <AccountActivityBoard filters={search} filtered={filtered} onClearFilters={() => onSearchChange({ ownerId: undefined, tag: undefined, notContactedDays: undefined })} />
      </div>
      <AccountForm init={form} onClose={() => setForm(null)} onSaved={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })} />
    </>
  );
}
