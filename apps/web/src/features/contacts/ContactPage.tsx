import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Menu, Stack, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { Contact } from '@kontor/contract/contacts';
import { useCustomFields, useSettings } from '../../lib/reference';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { recordKeys } from '../records/api';
import { ContactPointsView } from '../records/ContactPointsView';
import { DeleteDialog } from '../records/DeleteDialog';
import { contactField } from '../records/field-values';
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
import { deleteContact, useContact } from './api';
import { ContactForm } from './ContactForm';
import type { ContactFormInit } from './contact-form-values';
import { MoveContactModal } from './MoveContactModal';

const infoFields = ['salutation', 'firstName', 'lastName', 'position', 'department', 'accountId', 'ownerId', 'birthday', 'leadSource', 'emailOptOut', 'contactType'];

export function ContactPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const rights = useMyRights();
  const query = useContact(id);
  const defs = useCustomFields('contacts').data ?? [];
  const settings = useSettings();
  const patch = useRecordPatch<Contact>('contacts', query.data);
  const [form, setForm] = useState<ContactFormInit | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [moving, setMoving] = useState(false);
  const [sharing, setSharing] = useState<SharingDialog>(null);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordUnavailable module="contacts" error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const readOnly = !c.access.edit;
  const card = (settings.data?.businessCard.contacts ?? []).map((key) => ({ key, ...contactField(t, key, c, defs) }));
  const setRecord = (r: Contact) => {
    qc.setQueryData(recordKeys.detail('contacts', r.id), r);
    void qc.invalidateQueries({ queryKey: recordKeys.lists('contacts') });
  };
  const subtitle = [c.position, c.accountName].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader
        title={c.fullName}
        before={<BackLink to="/contacts" label={t('nav.contacts')} />}
        actions={
          <RecordActions
            access={c.access}
            canClone={rights.can('contacts', 'create')}
            onEdit={() => setForm({ mode: 'edit', contact: c })}
            onClone={() => setForm({ mode: 'clone', contact: c })}
            onDelete={() => setDeleting(true)}
            extra={
              <Menu.Item leftSection={<IconArrowsExchange size={15} />} onClick={() => setMoving(true)} data-testid="contact-move">
                {t('contacts.moveAction')}
              </Menu.Item>
            }
            sharing={c.access.share ? <SharingMenuItems restricted={c.restrictedTo !== null} onDialog={setSharing} /> : undefined}
          />
        }
      />
      <div className="k-page">
        <div className="k-record-grid">
          <RecordSidebar<Contact> module="contacts" record={c} name={c.fullName} subtitle={subtitle || undefined} card={card} onPhotoChanged={setRecord} onPatch={patch} readOnly={readOnly} restricted={c.restrictedTo !== null} />
          <Stack gap="md" style={{ minWidth: 0 }}>
            <RecordSection title={t('sections.info')} testId="section-info">
              <div className="k-fields">
                {infoFields.map((k) => {
                  const f = contactField(t, k, c, defs);
                  return (
                    <FieldItem key={k} label={f.label} testId={`value-${k}`}>
                      {f.value}
                    </FieldItem>
                  );
                })}
                <FieldItem label={t('fields.description')} span>
                  {c.description ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text> : null}
                </FieldItem>
              </div>
            </RecordSection>
            <RecordSection title={t('sections.contactPoints')} testId="section-contact-points">
              <ContactPointsView emails={c.emails} phones={c.phones} websites={c.websites} addresses={c.addresses} />
            </RecordSection>
            {defs.length ? (
              <RecordSection title={t('sections.customFields')} testId="section-custom-fields">
                <div className="k-fields">
                  {defs.map((d) => {
                    const f = contactField(t, `customFields.${d.key}`, c, defs);
                    return (
                      <FieldItem key={d.id} label={f.label} testId={`value-cf-${d.key}`}>
                        {f.value}
                      </FieldItem>
                    );
                  })}
                </div>
              </RecordSection>
            ) : null}
            <SharingSection module="contacts" record={c} name={c.fullName} dialog={sharing} onDialog={setSharing} onRestrict={(restrictedTo) => patch({ restrictedTo })} />
            <RecordSection title={t('sections.recordInfo')}>
              <StampsView record={c} />
            </RecordSection>
          </Stack>
        </div>
      </div>
      <ContactForm
        init={form}
        onClose={() => setForm(null)}
        onSaved={(saved, mode) => {
          if (mode === 'clone') void navigate({ to: '/contacts/$contactId', params: { contactId: saved.id } });
        }}
      />
      {moving ? <MoveContactModal contact={c} opened onClose={() => setMoving(false)} /> : null}
      {deleting ? (
        <DeleteDialog
          opened
          onClose={() => setDeleting(false)}
          name={c.fullName}
          onConfirm={async () => {
            await deleteContact(c.id);
            qc.removeQueries({ queryKey: recordKeys.detail('contacts', c.id) });
            void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
            void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
            void qc.invalidateQueries({ queryKey: ['recycle-bin'] });
            showUndoToast({ t, qc, module: 'contacts', id: c.id, name: c.fullName, onRestored: () => void navigate({ to: '/contacts/$contactId', params: { contactId: c.id } }) });
            void navigate({ to: '/contacts' });
          }}
        />
      ) : null}
    </>
  );
}
