import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { AccountListItem } from '@kontor/contract/accounts';
import { contactCreateSchema, contactUpdateSchema, type Contact } from '@kontor/contract/contacts';
import { useCustomFields } from '../../lib/reference';
import { FormDrawer } from '../../components/forms/FormDrawer';
import { FormSection } from '../../components/forms/FormSection';
import { BirthdayInput, ContactTypeSelect, OwnerSelect, PicklistSelect, TagsField } from '../../components/forms/fields';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { ContactPointsEditor } from '../../components/forms/ContactPointsEditor';
import { useCurrentUser } from '../auth/session';
import { recordKeys } from '../records/api';
import { CustomFieldsFormSection } from '../records/CustomFieldsFormSection';
import { requiredCustomErrors } from '../records/form-utils';
import { useRecordForm } from '../records/useRecordForm';
import { contactFormValues, contactPayload, type ContactFormInit, type ContactFormValues } from './contact-form-values';
import { createContact, updateContact } from './api';

interface Props {
  init: ContactFormInit | null;
  onClose: () => void;
  onSaved: (contact: Contact, mode: ContactFormInit['mode']) => void;
}

export function ContactForm({ init, onClose, onSaved }: Props) {
  return init ? <ContactFormDrawer key={`${init.mode}-${init.contact?.id ?? 'new'}-${init.contact?.version ?? 0}`} init={init} onClose={onClose} onSaved={onSaved} /> : null;
}

function ContactFormDrawer({ init, onClose, onSaved }: Props & { init: ContactFormInit }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const user = useCurrentUser();
  const defs = useCustomFields('contacts').data ?? [];
  const form = useRecordForm<ContactFormValues>(contactFormValues(init, user.id));
  const { values: v, set, errors } = form;
  const [saving, setSaving] = useState(false);
  const editing = init.mode === 'edit' ? init.contact : undefined;
  /** An account is changed with the explicit "Move" action, never by an edit. */
  const accountLocked = Boolean(editing?.accountId);

  const submit = async () => {
    const { body, index } = contactPayload(v, defs, !accountLocked);
    const payload = editing ? { ...body, version: editing.version } : body;
    const required = requiredCustomErrors(defs, body.customFields ?? {}, 'required');
    if (!form.validate(editing ? contactUpdateSchema : contactCreateSchema, payload, required, index)) return;
    if (editing && !body.firstName && !body.lastName) {
      form.validate(contactCreateSchema, body, required, index);
      return;
    }
    setSaving(true);
    try {
      const saved = editing ? await updateContact(editing.id, { ...body, version: editing.version }) : await createContact(body);
      qc.setQueryData(recordKeys.detail('contacts', saved.id), saved);
      void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
      void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
      void qc.invalidateQueries({ queryKey: ['tags'] });
      onSaved(saved, init.mode);
      onClose();
    } catch (e) {
      form.serverError(e, index);
    } finally {
      setSaving(false);
    }
  };

  const title = init.mode === 'edit' ? t('contacts.edit') : init.mode === 'clone' ? t('contacts.clone') : t('contacts.new');
  const txt = (key: 'firstName' | 'lastName' | 'position' | 'department') => ({
    label: t(`fields.${key}`),
    value: v[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value),
    error: errors[key],
    'data-testid': `field-${key}`,
  });

  return (
    <FormDrawer
      opened
      onClose={onClose}
      title={title}
      dirty={form.dirty}
      saving={saving}
      onSubmit={() => void submit()}
      testId="contact-form"
      formError={
        form.formError ? (
          <Stack gap={6} align="flex-start">
            <span>{form.conflict ? t('errors.version_conflict') : form.formError}</span>
            {form.conflict ? (
              <Button size="xs" variant="white" color="red" onClick={() => { void qc.invalidateQueries({ queryKey: recordKeys.detail('contacts', editing?.id ?? '') }); onClose(); }} data-testid="conflict-reload">
                {t('form.reloadRecord')}
              </Button>
            ) : null}
          </Stack>
        ) : undefined
      }
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
        <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="field-owner" />
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
      {init.mode === 'clone' ? (
        <Text size="xs" c="dimmed">
          {t('records.cloneHint')}
        </Text>
      ) : null}
    </FormDrawer>
  );
}
