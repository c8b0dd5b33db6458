import { useTranslation } from 'react-i18next';
import { Select, Textarea, TextInput } from '@mantine/core';
import { leadCreateSchema, leadUpdateSchema, type Lead } from '@kontor/contract/leads';
import { FormSection } from '../../components/forms/FormSection';
import { OwnerSelect, TagsField } from '../../components/forms/fields';
import { useCurrentUser } from '../auth/session';
import { CustomFieldsFormSection } from '../records/CustomFieldsFormSection';
import { recordFormKey, RecordFormDrawer, useRecordFormDrawer, type RecordFormProps } from '../records/RecordFormDrawer';
import { createLead, updateLead } from './api';
import { convertedLeadPayload, leadFormValues, leadPayload, type LeadFormInit, type LeadFormValues } from './lead-form-values';
import { sourceOptions, statusOptions } from './labels';

export type { LeadFormInit } from './lead-form-values';
type Props = RecordFormProps<LeadFormInit, Lead>;

export function LeadForm({ init, onClose, onSaved }: Props) {
  return init ? <LeadFormDrawer key={recordFormKey(init.mode, init.lead)} init={init} onClose={onClose} onSaved={onSaved} /> : null;
}

function LeadFormDrawer({ init, onClose, onSaved }: Props & { init: LeadFormInit }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const editing = init.mode === 'edit' ? init.lead : undefined;
  /** A converted lead keeps what it was: only its description, tags and owner change. */
  const frozen = editing?.status === 'converted';
  const drawer = useRecordFormDrawer<LeadFormValues, Lead>({ module: 'leads', mode: init.mode, initial: leadFormValues(init, user.id), recordId: editing?.id, onClose, onSaved });
  const { values: v, set, errors, defs, text: txt } = drawer;
  const ownerLocked = Boolean(editing && !editing.access.share);

  const submit = async () => {
    const body = frozen ? convertedLeadPayload(v) : leadPayload(v, defs);
    if (editing) {
      const payload = { ...body, version: editing.version };
      if (!drawer.validate(leadUpdateSchema, payload, frozen ? undefined : leadPayload(v, defs).customFields, {})) return;
      await drawer.save(() => updateLead(editing.id, payload), {});
      return;
    }
    const created = leadPayload(v, defs);
    if (!drawer.validate(leadCreateSchema, created, created.customFields, {})) return;
    await drawer.save(() => createLead(created), {});
  };

  return (
    <RecordFormDrawer drawer={drawer} onSubmit={() => void submit()} testId="lead-form">
      {frozen ? null : (
        <>
          <FormSection title={t('leads.sections.person')}>
            <TextInput {...txt('firstName')} data-autofocus autoFocus />
            <TextInput {...txt('lastName')} required />
            <TextInput {...txt('position')} />
            <TextInput {...txt('email')} label={t('leads.fields.email')} type="email" />
            <TextInput {...txt('phone')} label={t('leads.fields.phone')} type="tel" />
          </FormSection>
          <FormSection title={t('leads.sections.company')}>
            <TextInput {...txt('company')} label={t('leads.fields.company')} description={t('leads.companyHint')} />
          </FormSection>
          <FormSection title={t('leads.sections.qualification')}>
            <Select label={t('leads.fields.status')} data={statusOptions(t, true)} value={v.status} onChange={(x) => x && set('status', x as LeadFormValues['status'])} error={errors.status} allowDeselect={false} data-testid="field-status" />
            <Select label={t('leads.fields.source')} data={sourceOptions(t)} value={v.source} onChange={(x) => set('source', x as LeadFormValues['source'])} error={errors.source} clearable placeholder={t('common.choose')} data-testid="field-source" />
            <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="field-owner" disabled={ownerLocked} description={ownerLocked ? t('records.ownerLockedHint') : undefined} />
          </FormSection>
        </>
      )}
      {frozen ? (
        <FormSection title={t('leads.sections.afterConversion')} cols={1}>
          <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="field-owner" disabled={ownerLocked} description={ownerLocked ? t('records.ownerLockedHint') : t('leads.frozenHint')} />
        </FormSection>
      ) : null}
      <FormSection title={t('fields.tags')} cols={1}>
        <TagsField label={t('fields.tags')} value={v.tags} onChange={(x) => set('tags', x)} error={errors.tags} testId="field-tags" />
      </FormSection>
      {frozen ? null : <CustomFieldsFormSection defs={defs} values={v.customFields} onChange={(x) => set('customFields', x)} errors={errors} />}
      <FormSection title={t('fields.description')} cols={1}>
        <Textarea aria-label={t('fields.description')} autosize minRows={3} maxRows={12} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} data-testid="field-description" />
      </FormSection>
    </RecordFormDrawer>
  );
}
