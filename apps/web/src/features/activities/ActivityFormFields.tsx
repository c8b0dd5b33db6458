import { useTranslation } from 'react-i18next';
import { Checkbox, Group, MultiSelect, NumberInput, Text, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput, DateTimePicker } from '@mantine/dates';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { ContactListItem } from '@kontor/contract/contacts';
import type { DealListItem } from '@kontor/contract/deals';
import type { ActivityType } from '@kontor/contract/activities';
import { OwnerSelect } from '../../components/forms/fields';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { userOptions, useUsers } from '../../lib/reference';
import type { ActivityFormValues, FixedLink } from './activity-form-values';
import { ActivityTypeControl } from './ActivityTypeIcon';

interface Props {
  values: ActivityFormValues;
  set: <K extends keyof ActivityFormValues>(key: K, value: ActivityFormValues[K]) => void;
  setValues: (update: (old: ActivityFormValues) => ActivityFormValues) => void;
  errors: Record<string, string>;
  /** The link fixed by the record the form was opened from. */
  fixed: FixedLink | undefined;
  leadName: string | null;
}

/** The fields of an activity: type, subject, when, how long, where, who, what it is about, done and outcome. */
export function ActivityFormFields({ values: v, set, setValues, errors, fixed, leadName }: Props) {
  const { t } = useTranslation();
  const users = useUsers();
  const timed = v.type !== 'task';
  const whenLabel = timed ? t('activities.fields.start') : t('activities.fields.due');
  const setType = (type: ActivityType) => setValues((old) => ({ ...old, type, durationMinutes: type === 'task' ? '' : old.durationMinutes === '' ? 30 : old.durationMinutes }));

  return (
    <>
      <ActivityTypeControl value={v.type} onChange={setType} testId="activity-type" />
      <TextInput
        label={t('activities.fields.subject')}
        placeholder={t(`activities.subjectPlaceholder.${v.type}`)}
        value={v.subject}
        onChange={(e) => set('subject', e.currentTarget.value)}
        error={errors.subject}
        required
        data-autofocus
        data-testid="activity-subject"
      />
      <Group gap="sm" align="flex-start" grow wrap="nowrap">
        {v.allDay ? (
          <DatePickerInput
            label={whenLabel}
            value={v.at ? v.at.slice(0, 10) : null}
            onChange={(x) => set('at', x)}
            error={errors.at}
            valueFormat="D MMM YYYY"
            required
            data-testid="activity-when"
          />
        ) : (
          <DateTimePicker
            label={whenLabel}
            value={v.at}
            onChange={(x) => set('at', x)}
            error={errors.at}
            valueFormat="D MMM YYYY, HH:mm"
            required
            data-testid="activity-when"
          />
        )}
        {timed && !v.allDay ? (
          <NumberInput
            label={t('activities.fields.duration')}
            value={v.durationMinutes}
            onChange={(x) => set('durationMinutes', x)}
            error={errors.durationMinutes}
            min={0}
            step={15}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t('activities.minutes')}`}
            data-testid="activity-duration"
          />
        ) : null}
      </Group>
      <Checkbox label={t('activities.fields.allDay')} checked={v.allDay} onChange={(e) => set('allDay', e.currentTarget.checked)} data-testid="activity-all-day" />
      {v.type === 'meeting' ? (
        <TextInput label={t('activities.fields.location')} value={v.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} data-testid="activity-location" />
      ) : null}
      <MultiSelect
        label={t('activities.fields.participants')}
        placeholder={v.participantIds.length ? undefined : t('activities.participantsPlaceholder')}
        data={userOptions(users.data, null).concat((users.data ?? []).filter((u) => !u.active && v.participantIds.includes(u.id)).map((u) => ({ value: u.id, label: u.name })))}
        value={v.participantIds}
        onChange={(x) => set('participantIds', x)}
        error={errors.participantIds}
        searchable
        clearable
        maxValues={50}
        nothingFoundMessage={t('common.nothingFound')}
        comboboxProps={{ withinPortal: true }}
        data-testid="activity-participants"
      />
      <Group gap="sm" align="flex-start" grow>
        <RecordSearchSelect<AccountListItem>
          module="accounts"
          label={t('fields.account')}
          value={v.accountId}
          valueLabel={v.accountName}
          onChange={(id, name) => setValues((old) => ({ ...old, accountId: id, accountName: name }))}
          error={errors.accountId}
          itemLabel={(a) => a.name}
          disabled={fixed === 'account'}
          testId="activity-account"
        />
        <RecordSearchSelect<ContactListItem>
          module="contacts"
          label={t('fields.contact')}
          value={v.contactId}
          valueLabel={v.contactName}
          params={v.accountId ? { accountId: v.accountId } : undefined}
          onChange={(id, name, row) =>
            setValues((old) => ({ ...old, contactId: id, contactName: name, ...(row?.accountId && !old.accountId ? { accountId: row.accountId, accountName: row.accountName } : {}) }))
          }
          error={errors.contactId}
          itemLabel={(c) => c.fullName}
          disabled={fixed === 'contact'}
          testId="activity-contact"
        />
      </Group>
      <Group gap="sm" align="flex-start" grow>
        <RecordSearchSelect<DealListItem>
          module="deals"
          label={t('deals.deal')}
          value={v.dealId}
          valueLabel={v.dealName}
          params={v.accountId ? { accountId: v.accountId } : undefined}
          onChange={(id, name, row) => setValues((old) => ({ ...old, dealId: id, dealName: name, ...(row?.accountId && !old.accountId ? { accountId: row.accountId, accountName: row.accountName } : {}) }))}
          error={errors.dealId}
          itemLabel={(d) => d.name}
          disabled={fixed === 'deal'}
          testId="activity-deal"
        />
        <OwnerSelect label={t('fields.owner')} value={v.ownerId} onChange={(x) => set('ownerId', x)} error={errors.ownerId} testId="activity-owner" />
      </Group>
      {leadName ? (
        <Text size="sm" c="dimmed" data-testid="activity-lead">
          {t('activities.linkedLead', { name: leadName })}
        </Text>
      ) : null}
      <Checkbox label={t('activities.fields.done')} checked={v.done} onChange={(e) => set('done', e.currentTarget.checked)} data-testid="activity-done" />
      {v.done && timed ? (
        <Textarea
          label={t('activities.fields.outcome')}
          placeholder={t('activities.outcomePlaceholder')}
          autosize
          minRows={2}
          maxRows={6}
          value={v.outcome}
          onChange={(e) => set('outcome', e.currentTarget.value)}
          error={errors.outcome}
          data-testid="activity-outcome"
        />
      ) : null}
      <Textarea
        label={t('fields.description')}
        autosize
        minRows={2}
        maxRows={10}
        value={v.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        error={errors.description}
        data-testid="activity-description"
      />
    </>
  );
}
