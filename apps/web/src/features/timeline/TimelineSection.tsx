import { useState } from 'react';
import { useTranslation, Trans } from 'react-i18next';
import { Anchor, Badge, Button, Chip, Group, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import {
  IconArrowBackUp, IconArrowMerge, IconArrowsSplit, IconCalendarCheck, IconCalendarEvent, IconCheckbox, IconFile, IconFileMinus, IconLink, IconLinkOff, IconLock, IconNote, IconNoteOff,
  IconPencil, IconPlus, IconShare, IconTransfer, IconTrash, IconUserShare, type Icon,
} from '@tabler/icons-react';
import { timelineFilters, type TimelineEvent, type TimelineFilter, type TimelineKind } from '@kontor/contract/timeline';
import { formatDateTime } from '../../lib/format';
import { ErrorState } from '../../components/States';
import type { RecordModule } from '../records/api';
import { RecordSection } from '../records/RecordSection';
import { useTimeline } from './api';
import { changeValue, fieldLabel, RecordName, sentenceKey } from './timeline-text';
import { LazyMergeUndoAction } from '../duplicates/lazy';
import { mergeDetails } from '../duplicates/merge-details';

const icons: Record<TimelineKind, Icon> = {
  created: IconPlus,
  updated: IconPencil,
  deleted: IconTrash,
  restored: IconArrowBackUp,
  linked: IconLink,
  unlinked: IconLinkOff,
  owner_changed: IconUserShare,
  shared: IconShare,
  unshared: IconShare,
  restricted: IconLock,
  converted: IconTransfer,
  note_added: IconNote,
  note_edited: IconNote,
  note_deleted: IconNoteOff,
  file_added: IconFile,
  file_deleted: IconFileMinus,
  activity_completed: IconCheckbox,
  activity_reopened: IconCalendarEvent,
  merged: IconArrowMerge,
  merge_undone: IconArrowsSplit,
};

function EventLine({ module, id, e }: { module: RecordModule; id: string; e: TimelineEvent }) {
  const { t } = useTranslation();
  const self = e.module === module && e.recordId === id;
  const Icon = e.module === 'activities' && e.kind === 'created' ? IconCalendarCheck : icons[e.kind];
  const target = typeof e.details.target === 'object' && e.details.target !== null ? (e.details.target as { module?: string; id?: string }) : null;
  const changes = Array.isArray(e.details.changes) ? (e.details.changes as Array<{ field: string; before: unknown; after: unknown }>) : [];
  const from = typeof e.details.fromOwnerId === 'string' ? e.names[`users:${e.details.fromOwnerId}`] : undefined;
  const to = typeof e.details.toOwnerId === 'string' ? e.names[`users:${e.details.toOwnerId}`] : undefined;
  // Writes an import made (or its undo) carry it: `{ import: { id, fileName, undo? } }`.
  const imported = typeof e.details.import === 'object' && e.details.import !== null ? (e.details.import as { id?: unknown; fileName?: unknown; undo?: unknown }) : null;
  // A merge (issue #16) names the records merged into this one.
  const merge = e.kind === 'merged' || e.kind === 'merge_undone' ? mergeDetails(e) : null;
  return (
    <Group gap={10} wrap="nowrap" align="flex-start" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="timeline-event" data-kind={e.kind}>
      <Icon size={16} stroke={1.6} color="var(--mantine-color-gray-6)" style={{ flex: 'none', marginTop: 3 }} />
      <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Trans
            t={t}
            i18nKey={sentenceKey(e, self)}
            values={{
              actor: e.actor?.name || t('timeline.someone'),
              kind: t(`timeline.nouns.${e.module}`),
              target: target?.id && target.module ? (e.names[`${target.module}:${target.id}`] ?? t('timeline.hiddenRecord')) : '',
              from: from ?? t('timeline.hiddenRecord'),
              to: to ?? t('timeline.hiddenRecord'),
              name: typeof e.details.name === 'string' ? e.details.name : '',
              ...(merge ? { count: merge.mergedNames.length, names: merge.mergedNames.join(', ') } : {}),
            }}
            components={{ b: <b />, record: <RecordName module={e.module} id={e.recordId} name={e.recordName} t={t} /> }}
          />
          <Tooltip label={formatDateTime(e.at)}>
            <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {' · '}
              {formatDateTime(e.at)}
            </Text>
          </Tooltip>
        </Text>
        {imported && typeof imported.id === 'string' && typeof imported.fileName === 'string' ? (
          <Text size="xs" c="dimmed" data-testid="timeline-import" style={{ overflowWrap: 'anywhere' }}>
            {t(imported.undo ? 'timeline.viaImportUndo' : 'timeline.viaImport')}{' '}
            <Anchor component={Link} to={`/imports/${imported.id}`} size="xs">
              {imported.fileName}
            </Anchor>
          </Text>
        ) : null}
        {e.kind === 'merged' ? <LazyMergeUndoAction event={e} /> : null}
        {changes.length ? (
          <Stack gap={2} data-testid="timeline-changes">
            {changes.map((c) => (
              <Text key={c.field} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                <Text span size="xs" fw={600} c="gray.7">
                  {fieldLabel(t, e.module, c.field)}
                </Text>
                {': '}
                <s>{changeValue(t, e, c.field, c.before)}</s>
                {' → '}
                {changeValue(t, e, c.field, c.after)}
              </Text>
            ))}
          </Stack>
        ) : null}
        {typeof e.details.excerpt === 'string' && e.details.excerpt ? (
          <Text size="xs" c="dimmed" lineClamp={2} style={{ borderLeft: '2px solid var(--mantine-color-gray-3)', paddingLeft: 8 }}>
            {e.details.excerpt}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

/**
 * "Timeline" on a record page (Zoho's): everything that happened to the record, and on an account to its contacts
 * and deals, newest first, filtered by kind, the last six months first and older on demand.
 */
export function TimelineSection({ module, id }: { module: RecordModule; id: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<TimelineFilter[]>([]);
  const [all, setAll] = useState(false);
  const timeline = useTimeline(module, id, filter, all);
  const events = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  const offered = timelineFilters.filter((f) => !(f === 'contacts' && module !== 'accounts') && !(f === 'deals' && module === 'deals'));
  return (
    <RecordSection title={t('timeline.title')} testId="section-timeline">
      <Stack gap="xs">
        <Chip.Group multiple value={filter} onChange={(v) => setFilter(offered.filter((f) => v.includes(f)))}>
          <Group gap={6} data-testid="timeline-filters">
            {offered.map((f) => (
              <Chip key={f} value={f} size="xs" variant="outline" wrapperProps={{ "data-testid": `timeline-filter-${f}` }}>
                {t(`timeline.filters.${f}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {timeline.isError ? (
          <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
        ) : timeline.isPending ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : events.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="timeline-empty">
            {all ? t('timeline.emptyAll') : t('timeline.emptyWindow')}
          </Text>
        ) : (
          <Stack gap={0} data-testid="timeline-list">
            {events.map((e) => (
              <EventLine key={e.id} module={module} id={id} e={e} />
            ))}
          </Stack>
        )}
        <Group justify="center" gap="xs">
          {timeline.hasNextPage ? (
            <Button size="xs" variant="subtle" loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()} data-testid="timeline-more">
              {t('timeline.more')}
            </Button>
          ) : !all ? (
            <Button size="xs" variant="subtle" onClick={() => setAll(true)} data-testid="timeline-older">
              {t('timeline.older')}
            </Button>
          ) : events.length ? (
            <Badge variant="light" color="gray" size="sm">
              {t('timeline.beginning')}
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </RecordSection>
  );
}
