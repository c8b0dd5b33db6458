import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKeyboard, IconLayoutKanban } from '@tabler/icons-react';
import type { ActivityBoard, ActivityBoardColumnKey } from '@kontor/contract/activity-board';
import { formatNumber } from '../../lib/format';
import { notifyError } from '../../lib/errors';
import { EmptyState, ErrorState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { useCompleteActivity } from '../activities/useCompleteActivity';
import { invalidateActivityViews } from '../activities/api';
import { activityBoardKey, boardQuery, fetchActivity, fetchBoardColumn, useActivityBoard } from './api';
import { appendCards, findBoardCard, isSchedulable, neighbourColumn, type SchedulableColumn } from './board-state';
import { AccountCard } from './AccountCard';
import { BoardSkeleton, useAnnouncer, useBoardDrag } from '../records/board-kit';
import { FollowUpModal } from './FollowUpModal';
import type { AccountSearch } from './search';

const DRAG_TYPE = 'application/x-kontor-account';

interface Props {
  filters: AccountSearch;
  filtered: boolean;
  onClearFilters: () => void;
}

/**
 * The accounts Kanban by next activity (Pipedrive): a column per bucket of the next planned activity. Dropping a card
 * on today, this week, next week or later (or Alt+arrow on a focused card) opens "Schedule follow-up" with a time in
 * that column; the card moves when the server places it. A card's next activity is completed from its checkbox.
 */
export function AccountActivityBoard({ filters, filtered, onClearFilters }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rights = useMyRights();
  const q = boardQuery({ ownerId: filters.ownerId, tag: filters.tag, notContactedDays: filters.notContactedDays });
  const key = activityBoardKey(q);
  const board = useActivityBoard(q);
  const complete = useCompleteActivity();
  const canSchedule = rights.can('activities', 'create');
  const canComplete = rights.can('activities', 'edit');
  const [followUp, setFollowUp] = useState<{ account: { id: string; name: string }; column: SchedulableColumn } | null>(null);
  const [completing, setCompleting] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState<ActivityBoardColumnKey | null>(null);
  const focusAfter = useRef<string | null>(null);

  const data = board.data;
  useEffect(() => {
    const id = focusAfter.current;
    if (!id || !data) return;
    focusAfter.current = null;
    document.querySelector<HTMLElement>(`[data-account-card="${id}"]`)?.focus();
  }, [data]);

  const { announce, region } = useAnnouncer();
  const schedule = (accountId: string, column: SchedulableColumn) => {
    const at = data ? findBoardCard(data, accountId) : null;
    if (at) setFollowUp({ account: { id: at.card.id, name: at.card.name }, column });
  };
  const drag = useBoardDrag<ActivityBoardColumnKey>(DRAG_TYPE, isSchedulable, (id, column) => {
    if (isSchedulable(column)) schedule(id, column);
  });
  const step = (accountId: string, dir: -1 | 1) => {
    const at = data ? findBoardCard(data, accountId) : null;
    const target = at ? neighbourColumn(at.column, dir) : null;
    if (target) schedule(accountId, target);
    else announce(t(dir < 0 ? 'activityBoard.firstColumn' : 'activityBoard.lastColumn'));
  };
  const completeNext = async (accountId: string) => {
    const at = data ? findBoardCard(data, accountId) : null;
    const next = at?.card.nextActivity;
    if (!at || !next || next.hidden) return;
    setCompleting(accountId);
    try {
      const activity = await fetchActivity(next.id);
      if (await complete(activity, true)) announce(t('activityBoard.completedAnnounce', { subject: activity.subject, name: at.card.name }));
      focusAfter.current = accountId;
    } catch (e) {
      notifyError(t, e);
    } finally {
      setCompleting(null);
    }
  };
  const loadMore = async (column: ActivityBoardColumnKey, cursor: string) => {
    setLoadingMore(column);
    try {
      const page = await fetchBoardColumn(column, q, cursor);
      qc.setQueryData<ActivityBoard>(key, (b) => (b ? appendCards(b, column, page) : b));
    } catch (e) {
      notifyError(t, e);
    } finally {
      setLoadingMore(null);
    }
  };

  if (board.isError) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  if (!data) return <BoardSkeleton columns={6} />;
  const total = data.columns.reduce((n, c) => n + c.count, 0);

  return (
    <div className="k-board-wrap">
      {canSchedule ? (
        <span id="activity-board-keys" className="k-visually-hidden">
          {t('activityBoard.keyboardHint')}
        </span>
      ) : null}
      {total === 0 ? (
        <Paper withBorder radius="md" mx={24} mb={10} data-testid="board-empty">
          {filtered ? (
            <EmptyState icon={<IconLayoutKanban size={28} />} title={t('list.noMatchTitle')} description={t('activityBoard.noMatch')} action={<Button variant="default" onClick={onClearFilters}>{t('list.clearFilters')}</Button>} />
          ) : (
            <EmptyState icon={<IconLayoutKanban size={28} />} title={t('activityBoard.emptyTitle')} description={t('activityBoard.emptyText')} />
          )}
        </Paper>
      ) : null}
      <div className="k-board" data-testid="activity-board" data-dragging={drag.dragging !== null}>
        {data.columns.map((col) => {
          const label = t(`activityBoard.columns.${col.key}`);
          const target = isSchedulable(col.key);
          return (
            <section
              key={col.key}
              className="k-board-col"
              {...drag.zone(col.key)}
              aria-labelledby={`acol-${col.key}`}
              data-testid={`board-column-${col.key}`}
            >
              <header className="k-board-col-head">
                <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                  <Text fw={650} size="sm" lineClamp={2} id={`acol-${col.key}`} c={col.key === 'overdue' && col.count > 0 ? 'red.8' : undefined} style={{ minWidth: 0, overflowWrap: 'anywhere' }} data-testid="column-name">
                    {label}
                  </Text>
                  <Badge size="sm" variant="light" color={col.key === 'overdue' && col.count > 0 ? 'red' : 'gray'} radius="sm" style={{ flex: 'none' }} aria-label={t('activityBoard.columnCount', { count: col.count })} data-testid="column-count">
                    {formatNumber(col.count)}
                  </Badge>
                </Group>
              </header>
              <div className="k-board-col-body" role={col.cards.length ? 'list' : undefined} aria-labelledby={col.cards.length ? `acol-${col.key}` : undefined}>
                {col.cards.map((card) => (
                  <AccountCard
                    key={card.id}
                    card={card}
                    column={col.key}
                    t={t}
                    canSchedule={canSchedule}
                    canComplete={canComplete}
                    dragging={drag.dragging === card.id}
                    completing={completing === card.id}
                    dragProps={drag.card(card.id)}
                    onStep={(dir) => step(card.id, dir)}
                    onSchedule={(column) => schedule(card.id, column)}
                    onComplete={() => void completeNext(card.id)}
                  />
                ))}
                {col.cards.length === 0 ? (
                  <div className="k-board-empty" data-testid="column-empty">
                    {t(target && canSchedule ? 'activityBoard.columnEmptyDrop' : 'activityBoard.columnEmpty')}
                  </div>
                ) : null}
                {col.nextCursor ? (
                  <div role="listitem">
                    <Button
                      variant="subtle"
                      size="xs"
                      fullWidth
                      onClick={() => col.nextCursor && void loadMore(col.key, col.nextCursor)}
                      loading={loadingMore === col.key}
                      data-testid="column-load-more"
                    >
                      {t('activityBoard.loadMore', { count: col.count - col.cards.length, formatted: formatNumber(col.count - col.cards.length) })}
                    </Button>
                  </div>
                ) : null}
              </div>
            </section>
          );
        })}
      </div>
      {region}
      {followUp ? (
        <FollowUpModal
          account={followUp.account}
          column={followUp.column}
          onClose={() => setFollowUp(null)}
          onSaved={(activity) => {
            const name = followUp.account.name;
            focusAfter.current = followUp.account.id;
            setFollowUp(null);
            invalidateActivityViews(qc);
            const text = t('activityBoard.followUp.scheduled', { name, subject: activity.subject });
            notifications.show({ color: 'teal', message: text, autoClose: 4000 });
            announce(text);
          }}
        />
      ) : null}
    </div>
  );
}

/** The keyboard help beside the board's filters. */
export function BoardKeyboardHint() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('activityBoard.keyboardHint')} multiline w={320}>
      <ActionIcon variant="subtle" color="gray" aria-label={t('activityBoard.keyboardHint')} data-testid="board-keys">
        <IconKeyboard size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
