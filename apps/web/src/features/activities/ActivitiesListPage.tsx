import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Paper, Select } from '@mantine/core';
import { IconCalendarCheck, IconLock, IconPlus } from '@tabler/icons-react';
import { activityTypes, type ActivityListItem } from '@kontor/contract/activities';
import { defaultListColumns } from '@kontor/contract/views';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { RecordListView } from '../records/RecordListView';
import type { ListSearch } from '../records/search';
import { useViews } from '../views/api';
import { pickView, resolveListState } from '../views/listState';
import { browserTimeZone } from './api';
import type { ActivityFormInit } from './activity-form-values';
import { ActivitiesViewSwitch } from './ActivitiesViewSwitch';
import { ActivityForm } from './ActivityForm';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { activityColumns } from './columns';
import { shortcutValue, withShortcut } from './list-filter';

const DEFAULT_SORT = 'scheduledAt';
const defaultKeys: readonly string[] = defaultListColumns.activities;

interface Props {
  search: ListSearch;
  onSearchChange: (patch: Partial<ListSearch>) => void;
}

/**
 * Type and open/done beside the name box: shortcuts into the list's filter (the condition shows as a chip of the filter
 * builder too), so a saved view, "all matching", export and print take them along.
 */
function ActivityShortcuts({ search, onSearchChange }: Props) {
  const { t } = useTranslation();
  const views = useViews('activities');
  const view = pickView(views.data?.data, views.data?.defaultViewId, search.viewId);
  const { filter } = resolveListState(search, view, { sort: DEFAULT_SORT, columns: [...defaultKeys] });
  const set = (field: string, value: string | boolean | undefined) => {
    const next = withShortcut(filter, field, value);
    if (next) onSearchChange({ filter: next });
  };
  // an "or" filter over groups cannot take one more condition without a second level
  const blocked = withShortcut(filter, 'type', 'task') === null;
  const type = activityTypes.find((x) => x === shortcutValue(filter, 'type')) ?? null;
  const done = shortcutValue(filter, 'done');
  return (
    <>
      <Select
        aria-label={t('activities.fields.type')}
        placeholder={t('activities.fields.type')}
        data={activityTypes.map((x) => ({ value: x, label: t(`activities.types.${x}`) }))}
        value={type}
        onChange={(v) => set('type', activityTypes.find((x) => x === v))}
        leftSection={type ? <ActivityTypeIcon type={type} size={15} /> : undefined}
        renderOption={({ option }) => {
          const x = activityTypes.find((a) => a === option.value);
          return (
            <Group gap={8} wrap="nowrap">
              {x ? <ActivityTypeIcon type={x} size={15} /> : null}
              <span>{option.label}</span>
            </Group>
          );
        }}
        disabled={blocked}
        clearable
        w={140}
        data-testid="filter-activity-type"
      />
      <Select
        aria-label={t('activities.list.state')}
        placeholder={t('activities.list.state')}
        data={[
          { value: 'open', label: t('activities.list.open') },
          { value: 'done', label: t('activities.list.done') },
        ]}
        value={done === false ? 'open' : done === true ? 'done' : null}
        onChange={(v) => set('done', v === 'open' ? false : v === 'done' ? true : undefined)}
        disabled={blocked}
        clearable
        w={150}
        data-testid="filter-activity-done"
      />
    </>
  );
}

/**
 * All activities the user may see as a list with views, filters, columns, mass actions, export and print (issue #13);
 * the agenda at /activities is the personal "what is next". A row opens the activity in its form, as the agenda does.
 */
export function ActivitiesListPage({ search, onSearchChange }: Props) {
  const { t, i18n } = useTranslation();
  const rights = useMyRights();
  const [form, setForm] = useState<ActivityFormInit | null>(null);
  const openNew = rights.can('activities', 'create') ? () => setForm({ mode: 'schedule' }) : undefined;
  const columns = useMemo(() => activityColumns(t, i18n), [t, i18n]);
  // overdue (red dates) is decided in the user's time zone, as on the agenda; `tz` is no filter and stays out of the URL
  const listSearch = useMemo(() => ({ ...search, tz: browserTimeZone() }), [search]);
  const title = t('activities.title');

  if (!rights.can('activities', 'view')) {
    return (
      <>
        <PageHeader title={title} />
        <div className="k-page">
          <Paper withBorder radius="md">
            <EmptyState icon={<IconLock size={28} />} title={t('activities.noAccessTitle')} description={t('activities.noAccessText')} testId="activities-list-no-access" />
          </Paper>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <>
            <ActivitiesViewSwitch view="list" />
            {openNew ? (
              <Button leftSection={<IconPlus size={16} />} onClick={openNew} data-testid="activity-new">
                {t('activities.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="k-page" data-testid="activities-list">
        <RecordListView<ActivityListItem>
          module="activities"
          search={listSearch}
          defaultSort={DEFAULT_SORT}
          onSearchChange={onSearchChange}
          columns={columns}
          defaultColumns={defaultKeys}
          onOpen={(a) => setForm({ mode: 'edit', activity: a })}
          onNew={openNew}
          emptyIcon={<IconCalendarCheck size={28} />}
          filters={['tag', 'owner']}
          letters={false}
          extraFilters={<ActivityShortcuts search={search} onSearchChange={onSearchChange} />}
        />
      </div>
      <ActivityForm init={form} onClose={() => setForm(null)} />
    </>
  );
}
