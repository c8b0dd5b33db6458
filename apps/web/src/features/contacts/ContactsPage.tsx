import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { IconAddressBook, IconPlus } from '@tabler/icons-react';
import type { ContactListItem } from '@kontor/contract/contacts';
import { PageHeader } from '../../components/PageHeader';
import { useMyRights } from '../auth/permissions';
import { RecordListView } from '../records/RecordListView';
import type { ListSearch } from '../records/search';
import { ContactForm } from './ContactForm';
import type { ContactFormInit } from './contact-form-values';
import { contactColumns } from './columns';
import { useCreateRequest } from '../search/create-request';

export function ContactsPage({ search, onSearchChange }: { search: ListSearch; onSearchChange: (patch: Partial<ListSearch>) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [form, setForm] = useState<ContactFormInit | null>(null);
  const openNew = rights.can('contacts', 'create') ? () => setForm({ mode: 'create' }) : undefined;
  useCreateRequest('contacts', openNew);
  return (
    <>
      <PageHeader
        title={t('nav.contacts')}
        actions={
          openNew ? (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew} data-testid="new-contact">
              {t('contacts.new')}
            </Button>
          ) : null
        }
      />
      <div className="k-page">
        <RecordListView<ContactListItem>
          module="contacts"
          search={search}
          defaultSort="lastName"
          onSearchChange={onSearchChange}
          columns={contactColumns(t)}
          onOpen={(c) => void navigate({ to: '/contacts/$contactId', params: { contactId: c.id } })}
          onNew={openNew}
          emptyIcon={<IconAddressBook size={28} />}
        />
      </div>
      <ContactForm init={form} onClose={() => setForm(null)} onSaved={(c) => void navigate({ to: '/contacts/$contactId', params: { contactId: c.id } })} />
    </>
  );
}
