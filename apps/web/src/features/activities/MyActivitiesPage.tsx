import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCalendarCheck, IconLock, IconPlus } from '@tabler/icons-react';
import { activityTypes, type ActivityListItem, type ActivityType, type MyActivities } from '@kontor/contract/activities';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, PageSkeleton } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { useMyActivities } from './api';
import type { ActivityFormInit } from './activity-form-values';
import { ActivitiesViewSwitch } from './ActivitiesViewSwitch';
import { ActivityForm } from './ActivityForm';
import { ActivityRow } from './ActivityRow';
import { ActivityTypeIcon } from './ActivityTypeIcon';

const buckets = ['overdue', 'today', 'upcoming'] as const;
type Bucket = (typeof buckets)[number];
const bucketColor: Record<Bucket, string> = { overdue: 'red', today: 'blue', upcoming: 'gray' };

function BucketSection({ bucket, data, onOpen, canEdit }: { bucket: Bucket; data: MyActivities[Bucket]; onOpen: (a: ActivityListItem) => void; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} data-testid={`my-activities-${bucket}`}>
      <Group gap={8} px="md" py={10} style={{ borderBottom: '1px solid var(--k-border)' }}>
        <Text fw={650} size="sm" c={bucket === 'overdue' && data.count > 0 ? 'red.7' : undefined}>
          {t(`activities.buckets.${bucket}`)}
        </Text>
        <Badge size="sm" variant="light" color={bucketColor[bucket]} data-testid={`my-activities-${bucket}-count`}>
          {data.count}
        </Badge>
      </Group>
      {data.data.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" py="md">
          {t(`activities.bucketEmpty.${bucket}`)}
        </Text>
      ) : (
        data.data.map((a) => <ActivityRow key={a.id} activity={a} onOpen={onOpen} canEdit={canEdit} showLinks />)
      )}
      {data.count > data.data.length ? (
        <Text size="xs" c="dimmed" px="md" py={8}>
          {t('activities.moreInBucket', { count: data.count - data.data.length })}
        </Text>
      ) : null}
    </Paper>
  );
}

/** "My activities": the open activities the user owns or takes part in, overdue, today and upcoming. */
export function MyActivitiesPage() {
  const { t } = useTranslation();
  const rights = useMyRights();
  const [type, setType] = useState<ActivityType | 'all'>('all');
  const [form, setForm] = useState<ActivityFormInit | null>(null);
  const query = useMyActivities(type === 'all' ? undefined : type);
  const title = t('activities.mine');

  if (!rights.can('activities', 'view')) {
    return (
      <>
        <PageHeader title={title} />
        <div className="k-page">
          <Paper withBorder radius="md">
            <EmptyState icon={<IconLock size={28} />} title={t('activities.noAccessTitle')} description={t('activities.noAccessText')} testId="my-activities-no-access" />
          </Paper>
        </div>
      </>
    );
  }
  const total = query.data ? buckets.reduce((n, b) => n + query.data[b].count, 0) : 0;

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <>
            <ActivitiesViewSwitch view="agenda" />
            {rights.can('activities', 'create') ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ mode: 'schedule' })} data-testid="activity-new">
                {t('activities.schedule')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="k-page" data-testid="my-activities">
        <Stack gap="md" maw={980}>
          <SegmentedControl
            value={type}
            onChange={(v) => setType(v as ActivityType | 'all')}
            aria-label={t('activities.fields.type')}
            style={{ alignSelf: 'flex-start' }}
            data={[
              { value: 'all', label: t('activities.allTypes') },
              ...activityTypes.map((x) => ({
                value: x,
                label: (
                  <Group gap={6} wrap="nowrap">
                    <ActivityTypeIcon type={x} size={15} />
                    <span>{t(`activities.typesPlural.${x}`)}</span>
                  </Group>
                ),
              })),
            ]}
            data-testid="my-activities-type"
          />
          {query.isPending ? (
            <PageSkeleton />
          ) : query.isError ? (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          ) : total === 0 ? (
            <Paper withBorder radius="md">
              <EmptyState icon={<IconCalendarCheck size={28} />} title={t('activities.allClearTitle')} description={t('activities.allClearText')} testId="my-activities-empty" />
            </Paper>
          ) : (
            buckets.map((b) => <BucketSection key={b} bucket={b} data={query.data[b]} onOpen={(a) => setForm({ mode: 'edit', activity: a })} canEdit={rights.can('activities', 'edit')} />)
          )}
        </Stack>
      </div>
      <ActivityForm init={form} onClose={() => setForm(null)} />
    </>
  );
}
