import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Menu } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { Contact } from '@kontor/contract/contacts';
import { contactField } from '../records/field-values';
import { RecordLoader, RecordPageFrame } from '../records/RecordPageFrame';
import { deleteContact, useContact } from './api';
import { ContactForm } from './ContactForm';
import { MoveContactModal } from './MoveContactModal';
import { useMyRights } from '../auth/permissions';
import { RelatedDealsSection } from '../deals/RelatedDeals';
import { ArrangedSections } from '../records/ArrangedSections';
import { activitiesSection, itemSections } from '../records/common-sections';
import { captionBeside, infoFieldsBeside } from '../records/sidebar-fields';
import { useSettings } from '../../lib/reference';
import { useMergeAction } from '../duplicates/useMergeAction';

/** Info's candidates; those the sidebar or the contact points show are left out (`infoFieldsBeside`, issue #14). */
const allInfoFields = ['salutation', 'firstName', 'lastName', 'position', 'department', 'accountId', 'ownerId', 'birthday', 'leadSource', 'emailOptOut', 'contactType'];

export function ContactPage({ id }: { id: string }) {
  const query = useContact(id);
  return (
    <RecordLoader module="contacts" id={id} query={query}>
      {(c) => <ContactView contact={c} />}
    </RecordLoader>
  );
}

function ContactView({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [moving, setMoving] = useState(false);
  const rights = useMyRights();
  const account = c.accountId && c.accountName ? { id: c.accountId, name: c.accountName } : null;
  const card = useSettings().data?.businessCard.contacts ?? [];
  const merge = useMergeAction('contacts', c);

  return (
    <RecordPageFrame<Contact>
      module="contacts"
      record={c}
      name={c.fullName}
      subtitle={captionBeside([['position', c.position], ['accountId', c.accountName]], card)}
      fieldOf={contactField}
      infoFields={infoFieldsBeside(allInfoFields, card)}
      extraActions={
        <>
          <Menu.Item leftSection={<IconArrowsExchange size={15} />} onClick={() => setMoving(true)} data-testid="contact-move">
            {t('contacts.moveAction')}
          </Menu.Item>
          {merge.item}
        </>
      }
      dialogs={
        <>
          {moving ? <MoveContactModal contact={c} opened onClose={() => setMoving(false)} /> : null}
          {merge.dialog}
        </>
      }
      form={(f, close, onSaved) => <ContactForm init={f && { mode: f.mode, contact: f.record }} onClose={close} onSaved={onSaved} />}
      open={(contactId) => void navigate({ to: '/contacts/$contactId', params: { contactId } })}
      onDelete={() => deleteContact(c.id)}
    >
      <ArrangedSections
        module="contacts"
        sections={[
          activitiesSection(t, rights, 'contacts', c.id, { contact: { id: c.id, name: c.fullName }, account }),
          {
            key: 'deals',
            title: t('deals.related'),
            node: rights.can('deals', 'view') ? <RelatedDealsSection module="contacts" id={c.id} account={account} contact={{ id: c.id, name: c.fullName }} canCreate={c.access.edit && rights.can('deals', 'create')} /> : null,
          },
          ...itemSections(t, 'contacts', c.id, c.access.edit),
        ]}
      />
    </RecordPageFrame>
  );
}
