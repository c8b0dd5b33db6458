import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Stack, Text } from '@mantine/core';
import type { Account } from '@kontor/contract/accounts';
import { useCustomFields, useSettings } from '../../lib/reference';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { recordKeys } from '../records/api';
import { ContactPointsView } from '../records/ContactPointsView';
import { DeleteDialog } from '../records/DeleteDialog';
import { accountField } from '../records/field-values';
import { FieldItem } from '../records/FieldItem';
import { RecordActions } from '../records/RecordMoreMenu';
import { RecordSection } from '../records/RecordSection';
import { RecordSidebar } from '../records/RecordSidebar';
import { BackLink, RecordUnavailable } from '../records/RecordUnavailable';
import type { SharingDialog } from '../sharing/api';
import { SharingMenuItems, SharingSection } from '../sharing/SharingSection';
import { StampsView } from '../records/StampsView';
import { showUndoToast } from '../records/undo';
import { useRecordPatch } from '../records/useRecordPatch';
import { AccountForm } from './AccountForm';
import type { AccountFormInit } from './account-form-values';
import { deleteAccount, useAccount } from './api';
import { AccountContactsSection, AccountMembersSection } from './RelatedLists';

const infoFields = ['name', 'ownerId', 'parentAccountId', 'accountType', 'industry', 'ownership', 'rating', 'employees', 'annualRevenue', 'website', 'phone', 'fax', 'tickerSymbol', 'accountNumber', 'accountSite', 'contactType'];

export function AccountPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const rights = useMyRights();
  const query = useAccount(id);
  const defs = useCustomFields('accounts').data ?? [];
  const settings = useSettings();
  const patch = useRecordPatch<Account>('accounts', query.data);
  const [form, setForm] = useState<AccountFormInit | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [sharing, setSharing] = useState<SharingDialog>(null);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordUnavailable module="accounts" error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  const readOnly = !a.access.edit;
  const card = (settings.data?.businessCard.accounts ?? []).map((key) => ({ key, ...accountField(t, key, a, defs) }));
  const setRecord = (r: Account) => {
    qc.setQueryData(recordKeys.detail('accounts', r.id), r);
    void qc.invalidateQueries({ queryKey: recordKeys.lists('accounts') });
  };
  const subtitle = [a.industry ? t(`picklist.industries.${a.industry}`) : null, a.billingAddress.city || null].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader
        title={a.name}
        before={<BackLink to="/accounts" label={t('nav.accounts')} />}
        actions={
          <RecordActions
            access={a.access}
            canClone={rights.can('accounts', 'create')}
            onEdit={() => setForm({ mode: 'edit', account: a })}
            onClone={() => setForm({ mode: 'clone', account: a })}
            onDelete={() => setDeleting(true)}
            sharing={a.access.share ? <SharingMenuItems restricted={a.restrictedTo !== null} onDialog={setSharing} /> : undefined}
          />
        }
      />
      <div className="k-page">
        <div className="k-record-grid">
          <RecordSidebar<Account>
            module="accounts"
            record={a}
            name={a.name}
            subtitle={subtitle || undefined}
            card={card}
            onPhotoChanged={setRecord}
            onPatch={patch}
            readOnly={readOnly}
            restricted={a.restrictedTo !== null}
          />
          <Stack gap="md" style={{ minWidth: 0 }}>
            <RecordSection title={t('sections.info')} testId="section-info">
              <div className="k-fields">
                {infoFields.map((k) => {
                  const f = k === 'name' ? { label: t('fields.name'), value: a.name } : accountField(t, k, a, defs);
                  return (
                    <FieldItem key={k} label={f.label} testId={`value-${k}`}>
                      {f.value}
                    </FieldItem>
                  );
                })}
                <FieldItem label={t('fields.billingAddress')}>{accountField(t, 'billingAddress', a, defs).value}</FieldItem>
                <FieldItem label={t('fields.shippingAddress')}>{accountField(t, 'shippingAddress', a, defs).value}</FieldItem>
                <FieldItem label={t('fields.description')} span testId="value-description">
                  {a.description ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Text> : null}
                </FieldItem>
              </div>
            </RecordSection>
            <RecordSection title={t('sections.contactPoints')} testId="section-contact-points">
              <ContactPointsView emails={a.emails} phones={a.phones} websites={a.websites} addresses={a.addresses} />
            </RecordSection>
            {defs.length ? (
              <RecordSection title={t('sections.customFields')} testId="section-custom-fields">
                <div className="k-fields">
                  {defs.map((d) => {
                    const f = accountField(t, `customFields.${d.key}`, a, defs);
                    return (
                      <FieldItem key={d.id} label={f.label} testId={`value-cf-${d.key}`}>
                        {f.value}
                      </FieldItem>
                    );
                  })}
                </div>
              </RecordSection>
            ) : null}
            <AccountContactsSection account={a} readOnly={readOnly || !rights.can('contacts', 'create')} />
            <AccountMembersSection account={a} readOnly={!rights.can('accounts', 'create')} />
            <SharingSection module="accounts" record={a} name={a.name} dialog={sharing} onDialog={setSharing} onRestrict={(restrictedTo) => patch({ restrictedTo })} />
            <RecordSection title={t('sections.recordInfo')}>
              <StampsView record={a} />
            </RecordSection>
          </Stack>
        </div>
      </div>
      <AccountForm
        init={form}
        onClose={() => setForm(null)}
        onSaved={(saved, mode) => {
          if (mode === 'clone') void navigate({ to: '/accounts/$accountId', params: { accountId: saved.id } });
        }}
      />
      {deleting ? (
        <DeleteDialog
          opened
          onClose={() => setDeleting(false)}
          name={a.name}
          contactCount={a.contactCount}
          onConfirm={async (choice) => {
            await deleteAccount(a.id, choice);
            qc.removeQueries({ queryKey: recordKeys.detail('accounts', a.id) });
            void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
            void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
            void qc.invalidateQueries({ queryKey: ['recycle-bin'] });
            showUndoToast({ t, qc, module: 'accounts', id: a.id, name: a.name, onRestored: () => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } }) });
            void navigate({ to: '/accounts' });
          }}
        />
      ) : null}
    </>
  );
}
