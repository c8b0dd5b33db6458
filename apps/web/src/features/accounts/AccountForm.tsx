import { useTranslation } from 'react-i18next';
import { Checkbox, NumberInput, Textarea, TextInput } from '@mantine/core';
import { accountCreateSchema, accountUpdateSchema, type Account, type AccountListItem } from '@kontor/contract/accounts';
import { FormSection } from '../../components/forms/FormSection';
import { ContactTypeSelect, OwnerSelect, PicklistSelect, TagsField } from '../../components/forms/fields';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { AddressFields, ContactPointsEditor } from '../../components/forms/ContactPointsEditor';
import { useCurrentUser } from '../auth/session';
import { CustomFieldsFormSection } from '../records/CustomFieldsFormSection';
import { recordFormKey, RecordFormDrawer, useRecordFormDrawer, type RecordFormProps } from '../records/RecordFormDrawer';
import { accountFormValues, accountPayload, type AccountFormInit, type AccountFormValues } from './account-form-values';
import { createAccount, updateAccount } from './api';
import { LazyDuplicateWarning } from '../duplicates/lazy';

type Props = RecordFormProps<AccountFormInit, Account>;

export function AccountForm({ init, onClose, onSaved }: Props) {
  return init ? <AccountFormDrawer key={recordFormKey(init.mode, init.account)} init={init} onClose={onClose} onSaved={onSaved} /> : null;
}

function AccountFormDrawer({ init, onClose, onSaved }: Props & { init: AccountFormInit }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const drawer = useRecordFormDrawer<AccountFormValues, Account>({
    module: 'accounts',
    mode: init.mode,
    initial: accountFormValues(init, user.id, (n) => t('records.copyOf', { name: n })),
    recordId: init.account?.id,
    onClose,
    onSaved,
  });
  const { form, values: v, set, errors, defs, text: txt } = drawer;
  const editing = init.mode === 'edit' && init.account;
  /** Changing the owner needs the share right on the record (the owner, those above them, administrators). */
  const ownerLocked = Boolean(editing && init.account && !init.account.access.share);

  const submit = async () => {
    const { body, index } = accountPayload(v, defs);
    const version = init.account?.version ?? 1;
    const payload = editing ? { ...body, version } : body;
    if (!drawer.validate(editing ? accountUpdateSchema : accountCreateSchema, payload, body.customFields, index)) return;
    await drawer.save(() => (editing && init.account ? updateAccount(init.account.id, { ...body, version }) : createAccount(body)), index);
  };

  const sameAsBilling = JSON.stringify(v.shippingAddress) === JSON.stringify(v.billingAddress);

  return (
    <RecordFormDrawer
      drawer={drawer}
      onSubmit={() => void submit()}
      testId="account-form"
      aside={(leave) => <LazyDuplicateWarning module="accounts" excludeId={editing ? init.account?.id : undefined} parts={{ name: v.name, points: v.points }} leave={leave} />}
    >
      <FormSection title={t('sections.info')}>
        <TextInput {...txt('name')} required data-autofocus autoFocus />
        <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="field-owner" disabled={ownerLocked} description={ownerLocked ? t('records.ownerLockedHint') : undefined} />
        <RecordSearchSelect<AccountListItem>
          module="accounts"
          label={t('fields.parentAccount')}
          value={v.parentAccountId}
          valueLabel={v.parentAccountName}
          onChange={(id, name) => setValuesParent(id, name)}
          error={errors.parentAccountId}
          exclude={init.account && init.mode === 'edit' ? [init.account.id] : []}
          itemLabel={(a) => a.name}
          testId="field-parentAccount"
        />
        <PicklistSelect name="accountTypes" label={t('fields.accountType')} value={v.accountType} onChange={(x) => set('accountType', x)} error={errors.accountType} testId="field-accountType" />
        <PicklistSelect name="industries" label={t('fields.industry')} value={v.industry} onChange={(x) => set('industry', x)} error={errors.industry} testId="field-industry" />
        <PicklistSelect name="ownerships" label={t('fields.ownership')} value={v.ownership} onChange={(x) => set('ownership', x)} error={errors.ownership} />
        <NumberInput label={t('fields.employees')} value={v.employees} onChange={(x) => set('employees', x)} error={errors.employees} allowDecimal={false} allowNegative={false} hideControls data-testid="field-employees" />
        <NumberInput label={t('fields.annualRevenue')} value={v.annualRevenue} onChange={(x) => set('annualRevenue', x)} error={errors.annualRevenue} allowNegative={false} decimalScale={2} hideControls data-testid="field-annualRevenue" />
        <PicklistSelect name="ratings" label={t('fields.rating')} value={v.rating} onChange={(x) => set('rating', x)} error={errors.rating} />
        <ContactTypeSelect label={t('fields.contactType')} value={v.contactType} onChange={(x) => set('contactType', x)} error={errors.contactType} testId="field-contactType" />
        <TextInput {...txt('fax')} type="tel" />
        <TextInput {...txt('tickerSymbol')} />
        <TextInput {...txt('accountNumber')} />
        <TextInput {...txt('accountSite')} />
      </FormSection>
      <FormSection title={t('fields.tags')} cols={1}>
        <TagsField label={t('fields.tags')} value={v.tags} onChange={(x) => set('tags', x)} error={errors.tags} testId="field-tags" />
      </FormSection>
      {/* Phone and website are the primary points: edited here only (issue #14). */}
      <FormSection title={t('sections.contactPoints')} cols={1}>
        <ContactPointsEditor value={v.points} onChange={(x) => set('points', x)} errors={errors} />
      </FormSection>
      <FormSection title={t('fields.billingAddress')} cols={1}>
        <AddressFields value={v.billingAddress} onChange={(p) => set('billingAddress', { ...v.billingAddress, ...p })} errors={errors} prefix="billingAddress" />
      </FormSection>
      <FormSection title={t('fields.shippingAddress')} cols={1}>
        <Checkbox
          label={t('address.sameAsBilling')}
          checked={sameAsBilling}
          onChange={(e) => e.currentTarget.checked && set('shippingAddress', { ...v.billingAddress })}
        />
        <AddressFields value={v.shippingAddress} onChange={(p) => set('shippingAddress', { ...v.shippingAddress, ...p })} errors={errors} prefix="shippingAddress" />
      </FormSection>
      <CustomFieldsFormSection defs={defs} values={v.customFields} onChange={(x) => set('customFields', x)} errors={errors} />
      <FormSection title={t('fields.description')} cols={1}>
        <Textarea aria-label={t('fields.description')} autosize minRows={3} maxRows={12} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} data-testid="field-description" />
      </FormSection>
    </RecordFormDrawer>
  );

  function setValuesParent(id: string | null, name: string | null) {
    form.setValues((old) => ({ ...old, parentAccountId: id, parentAccountName: name }));
  }
}
