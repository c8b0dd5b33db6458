import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { IconCalendarWeek, IconList } from '@tabler/icons-react';
import { ViewSwitch } from '../../components/ViewSwitch';

/** Agenda | List on the activities pages (the sidebar's one "Activities" entry leads to the agenda). */
export function ActivitiesViewSwitch({ view }: { view: 'agenda' | 'list' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ViewSwitch
      value={view}
      onChange={(v) => void navigate({ to: v === 'list' ? '/activities/list' : '/activities' })}
      label={t('activities.view.label')}
      options={[
        { value: 'agenda', label: t('activities.view.agenda'), icon: <IconCalendarWeek size={16} />, testId: 'activities-view-agenda' },
        { value: 'list', label: t('activities.view.list'), icon: <IconList size={16} />, testId: 'activities-view-list' },
      ]}
      testId="activities-view"
    />
  );
}
