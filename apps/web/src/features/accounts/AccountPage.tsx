import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import type { Account } from '@kontor/contract/accounts';
import { useMyRights } from '../auth/permissions';
import { accountField } from '../records/field-values';
import { RecordLoader, RecordPageFrame, type FieldOf } from '../records/RecordPageFrame';
import { AccountForm } from './AccountForm';
import { deleteAccount, useAccount } from './api';
import { AccountContactsSection, AccountMembersSection } from './RelatedLists';
import { HierarchySummary } from './HierarchySummary';
import { CustomerBadge, DealSums } from '../deals/CustomerBadge';
import { RelatedDealsSection } from '../deals/RelatedDeals';
import { ArrangedSections } from '../records/ArrangedSections';
import { activitiesSection, itemSections } from '../records/common-sections';
import { captionBeside, infoFieldsBeside } from '../records/sidebar-fields';
import { useSettings } from '../../lib/reference';
import { useMergeAction } from '../duplicates/useMergeAction';

/** Info's candidates; those the sidebar or the contact points show are left out (`infoFieldsBeside`, issue #14). */
const allInfoFields = ['name', 'ownerId', 'parentAccountId', 'accountType', 'industry', 'ownership', 'rating', 'employees', 'annualRevenue', 'fax', 'tickerSymbol', 'accountNumber', 'accountSite'];
const infoField: FieldOf<Account> = (t, key, a, defs) => (key === 'name' ? { label: t('fields.name'), value: a.name } : accountField(t, key, a, defs));

export function AccountPage({ id }: { id: string }) {
  const query = useAccount(id);
  return (
    <RecordLoader module="accounts" id={id} query={query}>
      {(a) => <AccountView account={a} />}
    </RecordLoader>
  );
}

function AccountView({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const readOnly = !a.access.edit;
  const seesDeals = rights.can('deals', 'view');
  const summary = seesDeals ? a.deals : undefined;
  const card = useSettings().data?.businessCard.accounts ?? [];
  const merge = useMergeAction('accounts', a);
  const subtitle = captionBeside([['industry', a.industry ? t(`picklist.industries.${a.industry}`) : null], ['billingAddress', a.billingAddress.city]], card);

  return (
    <RecordPageFrame<Account>
      module="accounts"
      record={a}
      name={a.name}
      subtitle={subtitle}
      fieldOf={accountField}
      infoFields={infoFieldsBeside(allInfoFields, card)}
      infoField={infoField}
      infoExtra={(_field, inline) => (
        <>
          {inline('billingAddress')}
          {inline('shippingAddress')}
        </>
      )}
      descriptionTestId="value-description"
      extraActions={merge.item}
      dialogs={merge.dialog}
      form={(f, close, onSaved) => <AccountForm init={f && { mode: f.mode, account: f.record }} onClose={close} onSaved={onSaved} />}
      open={(accountId) => void navigate({ to: '/accounts/$accountId', params: { accountId } })}
      contactCount={a.contactCount}
      sidebarBadges={summary?.isCustomer ? <CustomerBadge /> : null}
      sidebarExtra={summary ? <DealSums summary={summary} /> : null}
      onDelete={(choice) => deleteAccount(a.id, choice)}
    >
      <ArrangedSections
        module="accounts"
        sections={[
          activitiesSection(t, rights, 'accounts', a.id, { account: { id: a.id, name: a.name } }),
          { key: 'contacts', title: t('accounts.contacts'), node: <AccountContactsSection account={a} readOnly={readOnly || !rights.can('contacts', 'create')} /> },
          {
            key: 'deals',
            title: t('deals.related'),
            node: seesDeals ? <RelatedDealsSection module="accounts" id={a.id} account={{ id: a.id, name: a.name }} canCreate={!readOnly && rights.can('deals', 'create')} canLink={rights.can('deals', 'edit')} /> : null,
          },
          { key: 'hierarchy', title: t('accountHierarchy.title'), node: <HierarchySummary account={a} /> },
          { key: 'members', title: t('accounts.members'), node: <AccountMembersSection account={a} readOnly={!rights.can('accounts', 'create')} /> },
          ...itemSections(t, 'accounts', a.id, a.access.edit),
        ]}
      />
    </RecordPageFrame>
  );
}
