import { useTranslation } from 'react-i18next';
import { Checkbox, Textarea, TextInput } from '@mantine/core';
import type { AccountListItem } from '@kontor/contract/accounts';
import { contactCreateSchema, contactUpdateSchema, type Contact } from '@kontor/contract/contacts';
import { FormSection } from '../../components/forms/FormSection';
import { BirthdayInput, ContactTypeSelect, OwnerSelect, PicklistSelect, TagsField } from '../../components/forms/fields';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { ContactPointsEditor } from '../../components/forms/ContactPointsEditor';
import { useCurrentUser } from '../auth/session';
import { CustomFieldsFormSection } from '../records/CustomFieldsFormSection';
import { recordFormKey, RecordFormDrawer, useRecordFormDrawer, type RecordFormProps } from '../records/RecordFormDrawer';
import { contactFormValues, contactPayload, type ContactFormInit, type ContactFormValues } from './contact-form-values';
import { createContact, updateContact } from './api';
import { LazyDuplicateWarning } from '../duplicates/lazy';

type Props = RecordFormProps<ContactFormInit, Contact>;

export function ContactForm({ init, onClose, onSaved }: Props) {
  return init ? <ContactFormDrawer key={recordFormKey(init.mode, init.contact)} init={init} onClose={onClose} onSaved={onSaved} /> : null;
}

function ContactFormDrawer({ init, onClose, onSaved }: Props & { init: ContactFormInit }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const editing = init.mode === 'edit' ? init.contact : undefined;
  const drawer = useRecordFormDrawer<ContactFormValues, Contact>({ module: 'contacts', mode: init.mode, initial: contactFormValues(init, user.id), recordId: editing?.id, related: 'accounts', onClose, onSaved });
  const { form, values: v, set, errors, defs, text: txt } = drawer;
  /** An account is changed with the explicit "Move" action, never by an edit. */
  const accountLocked = Boolean(editing?.accountId);
  /** Changing the owner needs the share right on the record (the owner, those above them, administrators). */
  const ownerLocked = Boolean(editing && !editing.access.share);

  const submit = async () => {
    const { body, index } = contactPayload(v, defs, !accountLocked);
    const payload = editing ? { ...body, version: editing.version } : body;
    if (!drawer.validate(editing ? contactUpdateSchema : contactCreateSchema, payload, body.customFields, index)) return;
    if (editing && !body.firstName && !body.lastName) {
      drawer.validate(contactCreateSchema, body, body.customFields, index);
      return;
    }
    await drawer.save(() => (editing ? updateContact(editing.id, { ...body, version: editing.version }) : createContact(body)), index);
  };

  return (
    <RecordFormDrawer
      drawer={drawer}
      onSubmit={() => void submit()}
      testId="contact-form"
      aside={(leave) => <LazyDuplicateWarning module="contacts" excludeId={editing?.id} parts={{ firstName: v.firstName, lastName: v.lastName, accountId: v.accountId, points: v.points }} leave={leave} />}
    >
      <FormSection title={t('sections.info')}>
        <PicklistSelect name="salutations" label={t('fields.salutation')} value={v.salutation} onChange={(x) => set('salutation', x)} error={errors.salutation} testId="field-salutation" />
        <div />
        <TextInput {...txt('firstName')} autoFocus data-autofocus />
        <TextInput {...txt('lastName')} />
        <TextInput {...txt('position')} />
        <TextInput {...txt('department')} />
        <RecordSearchSelect<AccountListItem>
          module="accounts"
          label={t('fields.account')}
          value={v.accountId}
          valueLabel={v.accountName}
          onChange={(id, name) => form.setValues((old) => ({ ...old, accountId: id, accountName: name }))}
          error={errors.accountId}
          itemLabel={(a) => a.name}
          testId="field-account"
          disabled={accountLocked}
          description={accountLocked ? t('contacts.accountLockedHint') : undefined}
        />
        <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="field-owner" disabled={ownerLocked} description={ownerLocked ? t('records.ownerLockedHint') : undefined} />
        <BirthdayInput label={t('fields.birthday')} value={v.birthday} onChange={(x) => set('birthday', x)} error={errors.birthday} testId="field-birthday" />
        <PicklistSelect name="leadSources" label={t('fields.leadSource')} value={v.leadSource} onChange={(x) => set('leadSource', x)} error={errors.leadSource} />
        <ContactTypeSelect label={t('fields.contactType')} value={v.contactType} onChange={(x) => set('contactType', x)} error={errors.contactType} testId="field-contactType" />
        <Checkbox label={t('fields.emailOptOut')} checked={v.emailOptOut} onChange={(e) => set('emailOptOut', e.currentTarget.checked)} mt={28} data-testid="field-emailOptOut" />
      </FormSection>
      <FormSection title={t('fields.tags')} cols={1}>
        <TagsField label={t('fields.tags')} value={v.tags} onChange={(x) => set('tags', x)} error={errors.tags} testId="field-tags" />
      </FormSection>
      <FormSection title={t('sections.contactPoints')} cols={1}>
        <ContactPointsEditor value={v.points} onChange={(x) => set('points', x)} errors={errors} />
      </FormSection>
      <CustomFieldsFormSection defs={defs} values={v.customFields} onChange={(x) => set('customFields', x)} errors={errors} />
      <FormSection title={t('fields.description')} cols={1}>
        <Textarea aria-label={t('fields.description')} autosize minRows={3} maxRows={12} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} />
      </FormSection>
    </RecordFormDrawer>
  );
}
