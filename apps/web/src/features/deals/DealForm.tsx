import { useTranslation } from 'react-i18next';
import { Select, Textarea, TextInput } from '@mantine/core';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { ContactListItem } from '@kontor/contract/contacts';
import { dealCreateSchema, dealUpdateSchema, type Deal } from '@kontor/contract/deals';
import { FormSection } from '../../components/forms/FormSection';
import { OwnerSelect, TagsField } from '../../components/forms/fields';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { useSettings } from '../../lib/reference';
import { useCurrentUser } from '../auth/session';
import { CustomFieldsFormSection } from '../records/CustomFieldsFormSection';
import { recordFormKey, RecordFormDrawer, useRecordFormDrawer, type RecordFormProps } from '../records/RecordFormDrawer';
import { createDeal, updateDeal, usePipelines } from './api';
import { AmountCurrencyInput } from './AmountCurrencyInput';
import { dealFormValues, dealPayload, type DealFormInit, type DealFormValues } from './deal-form-values';
import { pipelineLabel, stageLabel } from './labels';

type Props = RecordFormProps<DealFormInit, Deal>;

export function DealForm({ init, onClose, onSaved }: Props) {
  return init ? <DealFormDrawer key={recordFormKey(init.mode, init.deal)} init={init} onClose={onClose} onSaved={onSaved} /> : null;
}

function DealFormDrawer({ init, onClose, onSaved }: Props & { init: DealFormInit }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const pipelines = usePipelines();
  const settings = useSettings();
  const editing = init.mode === 'edit' ? init.deal : undefined;
  const drawer = useRecordFormDrawer<DealFormValues, Deal>({
    module: 'deals',
    mode: init.mode,
    initial: dealFormValues(init, user.id, settings.data?.defaultCurrency ?? 'EUR'),
    recordId: editing?.id,
    related: ['accounts', 'contacts'],
    onClose,
    onSaved,
  });
  const { form, values: v, set, errors, defs, text: txt } = drawer;
  /** Changing the owner needs the share right on the record (the owner, those above them, administrators). */
  const ownerLocked = Boolean(editing && !editing.access.share);
  const list = pipelines.data ?? [];
  // a new deal without a chosen pipeline goes to the default one: show that
  const pipeline = list.find((p) => p.id === v.pipelineId) ?? (editing ? undefined : (list.find((p) => p.isDefault) ?? list[0]));
  const stages = pipeline?.stages ?? [];
  const stageId = v.stageId && stages.some((s) => s.id === v.stageId) ? v.stageId : (stages[0]?.id ?? null);

  const submit = async () => {
    const body = { ...dealPayload(v, defs), pipelineId: pipeline?.id, stageId: stageId ?? undefined };
    const payload = editing ? { ...body, version: editing.version } : body;
    if (!drawer.validate(editing ? dealUpdateSchema : dealCreateSchema, payload, body.customFields, {})) return;
    await drawer.save(() => (editing ? updateDeal(editing.id, { ...body, version: editing.version }) : createDeal(body)), {});
  };

  return (
    <RecordFormDrawer drawer={drawer} onSubmit={() => void submit()} testId="deal-form">
      <FormSection title={t('sections.info')}>
        <div style={{ gridColumn: '1 / -1' }}>
          <TextInput {...txt('name')} required data-autofocus autoFocus />
        </div>
        <AmountCurrencyInput
          amount={v.amount}
          currency={v.currency}
          onAmount={(x) => set('amount', x)}
          onCurrency={(x) => set('currency', x)}
          errors={errors}
          testIds={{ amount: 'field-amount', currency: 'field-currency' }}
        />
        <TextInput
          type="date"
          label={t('deals.fields.expectedCloseDate')}
          value={v.expectedCloseDate}
          onChange={(e) => set('expectedCloseDate', e.currentTarget.value)}
          error={errors.expectedCloseDate}
          data-testid="field-expectedCloseDate"
        />
        <Select
          label={t('deals.fields.pipeline')}
          data={list.map((p) => ({ value: p.id, label: pipelineLabel(t, p.name) }))}
          value={pipeline?.id ?? null}
          onChange={(x) => form.setValues((old) => ({ ...old, pipelineId: x, stageId: null }))}
          error={errors.pipelineId}
          allowDeselect={false}
          data-testid="field-pipeline"
        />
        <Select
          label={t('deals.fields.stage')}
          data={stages.map((s) => ({ value: s.id, label: `${stageLabel(t, s.name)} · ${s.probability} %` }))}
          value={stageId}
          onChange={(x) => set('stageId', x)}
          error={errors.stageId}
          allowDeselect={false}
          data-testid="field-stage"
        />
        <RecordSearchSelect<AccountListItem>
          module="accounts"
          label={t('fields.account')}
          value={v.accountId}
          valueLabel={v.accountName}
          onChange={(id, name) => form.setValues((old) => ({ ...old, accountId: id, accountName: name }))}
          error={errors.accountId}
          itemLabel={(a) => a.name}
          testId="field-account"
        />
        <RecordSearchSelect<ContactListItem>
          module="contacts"
          label={t('fields.contact')}
          value={v.contactId}
          valueLabel={v.contactName}
          params={v.accountId ? { accountId: v.accountId } : undefined}
          onChange={(id, name, row) =>
            form.setValues((old) => ({
              ...old,
              contactId: id,
              contactName: name,
              // a contact brings its account along when the deal has none yet
              ...(row?.accountId && !old.accountId ? { accountId: row.accountId, accountName: row.accountName } : {}),
            }))
          }
          error={errors.contactId}
          itemLabel={(c) => c.fullName}
          testId="field-contact"
        />
        <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="field-owner" disabled={ownerLocked} description={ownerLocked ? t('records.ownerLockedHint') : undefined} />
      </FormSection>
      <FormSection title={t('fields.tags')} cols={1}>
        <TagsField label={t('fields.tags')} value={v.tags} onChange={(x) => set('tags', x)} error={errors.tags} testId="field-tags" />
      </FormSection>
      <CustomFieldsFormSection defs={defs} values={v.customFields} onChange={(x) => set('customFields', x)} errors={errors} />
      <FormSection title={t('fields.description')} cols={1}>
        <Textarea aria-label={t('fields.description')} autosize minRows={3} maxRows={12} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} data-testid="field-description" />
      </FormSection>
    </RecordFormDrawer>
  );
}
