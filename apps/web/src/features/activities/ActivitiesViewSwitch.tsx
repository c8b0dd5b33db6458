import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Center, SegmentedControl } from '@mantine/core';
import { IconCalendarWeek, IconList } from '@tabler/icons-react';

/** Agenda | List on the activities pages (the sidebar's one "Activities" entry leads to the agenda). */
export function ActivitiesViewSwitch({ view }: { view: 'agenda' | 'list' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const go = (v: string) => {
    if (v === view) return;
    void navigate({ to: v === 'list' ? '/activities/list' : '/activities' });
  };
  return (
    <SegmentedControl
      value={view}
      onChange={go}
      aria-label={t('activities.view.label')}
      data={[
        { value: 'agenda', label: <Center style={{ gap: 6 }} data-testid="activities-view-agenda"><IconCalendarWeek size={16} /><span>{t('activities.view.agenda')}</span></Center> },
        { value: 'list', label: <Center style={{ gap: 6 }} data-testid="activities-view-list"><IconList size={16} /><span>{t('activities.view.list')}</span></Center> },
      ]}
      data-testid="activities-view"
    />
  );
}
