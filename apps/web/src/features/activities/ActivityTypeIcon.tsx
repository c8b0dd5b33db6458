import { useTranslation } from 'react-i18next';
import { Group, SegmentedControl } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconPhone } from '@tabler/icons-react';
import { activityTypes, type ActivityType } from '@kontor/contract/activities';

const icons = { task: IconChecklist, call: IconPhone, meeting: IconCalendarEvent } satisfies Record<ActivityType, unknown>;

/** The icon of an activity type: a checklist for a task, a phone for a call, a calendar for a meeting. */
export function ActivityTypeIcon({ type, size = 16 }: { type: ActivityType; size?: number }) {
  const Icon = icons[type];
  return <Icon size={size} stroke={1.7} aria-hidden />;
}

/** Task, call or meeting, each with its icon: the first choice of every activity form. */
export function ActivityTypeControl({ value, onChange, testId }: { value: ActivityType; onChange: (type: ActivityType) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      fullWidth
      value={value}
      onChange={(x) => onChange(activityTypes.find((type) => type === x) ?? 'task')}
      aria-label={t('activities.fields.type')}
      data={activityTypes.map((type) => ({
        value: type,
        label: (
          <Group gap={6} justify="center" wrap="nowrap">
            <ActivityTypeIcon type={type} size={16} />
            <span>{t(`activities.types.${type}`)}</span>
          </Group>
        ),
      }))}
      data-testid={testId}
    />
  );
}
