import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Center, Collapse, Group, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPhonePlus, IconPlus } from '@tabler/icons-react';
import type { ActivityListItem } from '@kontor/contract/activities';
import { ErrorState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { TableSection } from '../records/RecordSection';
import { useRelatedActivities, type ActivityParentModule } from './api';
import type { ActivityFormInit, ActivityPrefill, FixedLink } from './activity-form-values';
import { ActivityForm } from './ActivityForm';
import { ActivityRow } from './ActivityRow';

interface Props {
  module: ActivityParentModule;
  id: string;
  /** What a new activity from here is linked to: the record itself (fixed) and, changeable, its account, contact or deal. */
  prefill: ActivityPrefill;
}

const fixedLink: Record<ActivityParentModule, FixedLink> = { accounts: 'account', contacts: 'contact', deals: 'deal', leads: 'lead' };

type Paged = ReturnType<typeof useRelatedActivities>;
const rowsOf = (q: Paged): ActivityListItem[] => q.data?.pages.flatMap((p) => p.data) ?? [];

function MoreButton({ q }: { q: Paged }) {
  const { t } = useTranslation();
  return q.hasNextPage ? (
    <Center py="xs">
      <Button size="xs" variant="subtle" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
        {t('list.loadMore')}
      </Button>
    </Center>
  ) : null;
}

function LoadingRows() {
  return (
    <Stack gap={10} px="md" py="sm" aria-busy="true">
      {[0, 1, 2].map((i) => (
        <Group key={i} gap="sm" wrap="nowrap">
          <Skeleton circle h={18} w={18} />
          <Skeleton h={14} w={`${60 - i * 12}%`} />
        </Group>
      ))}
    </Stack>
  );
}

/** "Activities" on a record's page: the open ones (soonest first, done with one click), then the completed ones. */
export function RelatedActivitiesSection({ module, id, prefill }: Props) {
  const { t } = useTranslation();
  const rights = useMyRights();
  const [showClosed, setShowClosed] = useState(false);
  const [form, setForm] = useState<ActivityFormInit | null>(null);
  const seesActivities = rights.can('activities', 'view');
  const open = useRelatedActivities(module, id, false, seesActivities);
  const closed = useRelatedActivities(module, id, true, seesActivities && showClosed);
  if (!seesActivities) return null;
  const canCreate = rights.can('activities', 'create');
  const canEdit = rights.can('activities', 'edit');
  const openRows = rowsOf(open);
  const closedRows = rowsOf(closed);
  const openActivity = (a: ActivityListItem) => setForm({ mode: 'edit', activity: a });

  return (
    <TableSection
      title={t('activities.title')}
      count={open.isPending || open.hasNextPage ? undefined : openRows.length}
      testId="related-activities"
      actions={
        canCreate ? (
          <>
            <Button size="xs" variant="default" leftSection={<IconPhonePlus size={14} />} onClick={() => setForm({ mode: 'log', prefill, fixed: fixedLink[module] })} data-testid="activity-log-call">
              {t('activities.logCall')}
            </Button>
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setForm({ mode: 'schedule', prefill, fixed: fixedLink[module] })} data-testid="activity-new">
              {t('activities.schedule')}
            </Button>
          </>
        ) : null
      }
    >
      {open.error ? (
        <ErrorState error={open.error} onRetry={() => void open.refetch()} />
      ) : open.isPending ? (
        <LoadingRows />
      ) : openRows.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" py="lg" ta="center" data-testid="related-activities-empty">
          {canCreate ? t('activities.noneOpenPlan') : t('activities.noneOpen')}
        </Text>
      ) : (
        <div data-testid="open-activities">
          {openRows.map((a) => (
            <ActivityRow key={a.id} activity={a} onOpen={openActivity} canEdit={canEdit} self={fixedLink[module]} />
          ))}
        </div>
      )}
      <MoreButton q={open} />
      <UnstyledButton onClick={() => setShowClosed((s) => !s)} px="md" py={8} w="100%" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} aria-expanded={showClosed} data-testid="closed-activities-toggle">
        <Group gap={6}>
          {showClosed ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Text size="sm" c="dimmed">
            {t('activities.closed')}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={showClosed}>
        {closed.error ? (
          <ErrorState error={closed.error} onRetry={() => void closed.refetch()} />
        ) : closed.isPending ? (
          <LoadingRows />
        ) : closedRows.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" py="md" ta="center" data-testid="closed-activities-empty">
            {t('activities.noneClosed')}
          </Text>
        ) : (
          <div data-testid="closed-activities">
            {closedRows.map((a) => (
              <ActivityRow key={a.id} activity={a} onOpen={openActivity} canEdit={canEdit} self={fixedLink[module]} />
            ))}
          </div>
        )}
        <MoreButton q={closed} />
      </Collapse>
      <ActivityForm init={form} onClose={() => setForm(null)} />
    </TableSection>
  );
}
