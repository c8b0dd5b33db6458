import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { activityCreateSchema, activityTypes, type Activity, type ActivityCreate, type ActivityType } from '@kontor/contract/activities';
import { FormModal } from '../../components/FormModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, fieldMessages, zodFieldErrors } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { ActivityTypeIcon } from '../activities/ActivityTypeIcon';
import { createActivity } from '../activities/api';
import { fromLocalText, toLocalText } from '../activities/activity-form-values';
import type { SchedulableColumn } from './board-state';
import { followUpDate } from './followup-dates';

interface Props {
  account: { id: string; name: string };
  column: SchedulableColumn;
  onClose: () => void;
  onSaved: (activity: Activity) => void;
}

/** "Schedule follow-up": a call (or task, or meeting) on the account, prefilled with a time in the column it was dropped on. */
export function FollowUpModal({ account, column, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [type, setType] = useState<ActivityType>('call');
  const [subject, setSubject] = useState(() => t('activityBoard.followUp.subjectDefault', { name: account.name }));
  const [at, setAt] = useState<string | null>(() => toLocalText(followUpDate(column, new Date()).toISOString()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const { busy, run } = useBusy();

  const submit = () =>
    run(
      async () => {
        setFailure(null);
        const when = at ? fromLocalText(at, false) : null;
        const body: ActivityCreate = { type, subject, accountId: account.id, ...(type === 'task' ? { dueAt: when } : { startAt: when, durationMinutes: 30 }) };
        const parsed = activityCreateSchema.safeParse(body);
        if (!parsed.success || !when) {
          setErrors({ ...(parsed.success ? {} : fieldMessages(t, zodFieldErrors(parsed.error))), ...(when ? {} : { at: fieldMessage(t, 'required') }) });
          return;
        }
        setErrors({});
        onSaved(await createActivity(body));
      },
      (e) => {
        if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(fieldMessages(t, e.fields));
        else setFailure(errorMessage(t, e));
      },
    );

  return (
    <FormModal
      title={t('activityBoard.followUp.titleFor', { name: account.name })}
      onClose={onClose}
      onSubmit={() => void submit()}
      roomy
      submit={{ label: t('activityBoard.followUp.save'), busy, testId: 'followup-save' }}
      testId="followup-modal"
    >
      <ErrorAlert error={failure} />
      <SegmentedControl
        fullWidth
        value={type}
        onChange={(x) => setType(x as ActivityType)}
        aria-label={t('activities.fields.type')}
        data={activityTypes.map((value) => ({
          value,
          label: (
            <Group gap={6} justify="center" wrap="nowrap">
              <ActivityTypeIcon type={value} size={16} />
              <span>{t(`activities.types.${value}`)}</span>
            </Group>
          ),
        }))}
        data-testid="followup-type"
      />
      <TextInput label={t('activities.fields.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} required data-autofocus data-testid="followup-subject" />
      <DateTimePicker
        label={t(type === 'task' ? 'activities.fields.due' : 'activities.fields.start')}
        description={t('activityBoard.followUp.inColumn', { column: t(`activityBoard.columns.${column}`) })}
        value={at}
        onChange={setAt}
        error={errors.at ?? errors.startAt ?? errors.dueAt}
        valueFormat="D MMM YYYY, HH:mm"
        required
        data-testid="followup-when"
      />
    </FormModal>
  );
}
