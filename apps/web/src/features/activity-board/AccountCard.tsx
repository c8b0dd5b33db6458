import type { DragEvent } from 'react';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from '@tanstack/react-router';
import { ActionIcon, Anchor, Checkbox, Group, Menu, Text, Tooltip } from '@mantine/core';
import { UserAvatar } from '../../components/RecordAvatar';
import { IconCalendarPlus, IconDots, IconExternalLink, IconEyeOff, IconTrophy } from '@tabler/icons-react';
import type { ActivityBoardCard, ActivityBoardColumnKey } from '@kontor/contract/activity-board';
import { formatDateTime, formatSums, nonZero } from '../../lib/format';
import { ActivityTypeIcon } from '../activities/ActivityTypeIcon';
import { schedulableColumns, type SchedulableColumn } from './board-state';
import { boardCardProps, onCardKeyDown } from '../records/board-kit';

interface Props {
  card: ActivityBoardCard;
  column: ActivityBoardColumnKey;
  t: TFunction;
  /** May the user schedule and complete activities (the create and edit rights on activities). */
  canSchedule: boolean;
  canComplete: boolean;
  dragging: boolean;
  completing: boolean;
  dragProps: { onDragStart: (e: DragEvent) => void; onDragEnd: () => void };
  /** Alt+arrow: schedule a follow-up in the previous or next column. */
  onStep: (step: -1 | 1) => void;
  onSchedule: (column: SchedulableColumn) => void;
  onComplete: () => void;
}

/** An account on the Kanban by next activity: name, owner, next activity (red when overdue), won value. */
export function AccountCard({ card: c, column, t, canSchedule, canComplete, dragging, completing, dragProps, onStep, onSchedule, onComplete }: Props) {
  const navigate = useNavigate();
  const open = () => void navigate({ to: '/accounts/$accountId', params: { accountId: c.id } });
  const next = c.nextActivity;
  const late = column === 'overdue';
  const won = nonZero(c.wonValue);
  const when = next ? formatDateTime(next.at) : '';
  return (
    <div
      {...boardCardProps({ canMove: canSchedule, dragging, onOpen: open, onKeyDown: (e) => onCardKeyDown(e, { cardSelector: '[data-account-card]', canMove: canSchedule, onStep, onOpen: open }) })}
      {...dragProps}
      data-account-card={c.id}
      data-overdue={late}
      aria-label={[c.name, c.owner?.name, next && !next.hidden ? `${t(`activities.types.${next.type}`)}: ${next.subject}, ${when}` : when].filter(Boolean).join(', ')}
      aria-describedby={canSchedule ? 'activity-board-keys' : undefined}
      data-testid="board-card"
    >
      <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
        <Anchor component={Link} to={`/accounts/${c.id}`} size="sm" fw={600} c="gray.9" lineClamp={2} style={{ overflowWrap: 'anywhere', hyphens: 'auto' }} draggable={false} tabIndex={-1} data-testid="card-name">
          {c.name}
        </Anchor>
        <Group gap={2} wrap="nowrap" style={{ flex: 'none', marginTop: -2 }}>
          {c.owner ? (
            <Tooltip label={t('activityBoard.card.ownedBy', { name: c.owner.name })}>
              <UserAvatar size={22} name={c.owner.name} aria-label={t('activityBoard.card.ownedBy', { name: c.owner.name })} />
            </Tooltip>
          ) : null}
          <Menu position="bottom-end" withinPortal width={230}>
            <Menu.Target>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('activityBoard.card.actions', { name: c.name })} data-testid="card-menu">
                <IconDots size={15} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconExternalLink size={15} />} onClick={open}>
                {t('activityBoard.card.open')}
              </Menu.Item>
              {canSchedule ? (
                <>
                  <Menu.Label>{t('activityBoard.followUp.title')}</Menu.Label>
                  {schedulableColumns.map((key) => (
                    <Menu.Item key={key} leftSection={<IconCalendarPlus size={15} />} onClick={() => onSchedule(key)} data-testid={`card-schedule-${key}`}>
                      {t(`activityBoard.columns.${key}`)}
                    </Menu.Item>
                  ))}
                </>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {next ? (
        <Group gap={6} wrap="nowrap" mt={6} align="flex-start" data-testid="card-activity">
          {!next.hidden && canComplete ? (
            <Checkbox
              size="xs"
              mt={2}
              checked={completing}
              disabled={completing}
              onChange={() => onComplete()}
              aria-label={t('activityBoard.card.complete', { subject: next.subject })}
              data-testid="board-card-complete"
            />
          ) : null}
          <div style={{ minWidth: 0, flex: 1 }}>
            {next.hidden ? (
              <Text size="xs" c="dimmed" fs="italic" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                <IconEyeOff size={13} />
                {t('activityBoard.card.hiddenActivity')}
              </Text>
            ) : (
              <Text size="xs" c="gray.8" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                <span style={{ display: 'inline-flex', verticalAlign: 'text-bottom', marginRight: 4 }} title={t(`activities.types.${next.type}`)}>
                  <ActivityTypeIcon type={next.type} size={14} />
                </span>
                {next.subject}
              </Text>
            )}
            <Text size="xs" c={late ? 'red.7' : 'gray.6'} fw={late ? 600 : undefined} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="card-when">
              {late ? t('activityBoard.card.overdueSince', { date: when }) : when}
            </Text>
          </div>
        </Group>
      ) : (
        <Text size="xs" c="gray.6" mt={6}>
          {c.lastActivityAt ? t('activityBoard.card.lastContact', { date: formatDateTime(c.lastActivityAt) }) : t('activityBoard.card.neverContacted')}
        </Text>
      )}
      {won.length ? (
        <Tooltip label={t('activityBoard.card.wonValue')}>
          <Text size="xs" fw={600} c="teal.8" mt={4} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontVariantNumeric: 'tabular-nums' }} data-testid="card-won">
            <IconTrophy size={13} />
            {formatSums(won)}
          </Text>
        </Tooltip>
      ) : null}
    </div>
  );
}
