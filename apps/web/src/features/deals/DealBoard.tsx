import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKeyboard, IconLayoutKanban, IconPlus, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import type { DealBoard as Board, DealListItem } from '@kontor/contract/deals';
import { ApiError } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { formatNumber, formatSums, nonZero } from '../../lib/format';
import { EmptyState, ErrorState } from '../../components/States';
import { recordKeys } from '../records/api';
import { fetchColumnPage, fetchDeal, boardKey, toListItem, updateDeal, useDealBoard, type BoardParams } from './api';
import { invalidateDealViews, LostReasonModal } from './actions';
import { appendPage, boardTotals, findCard, moveCard, placeDeal, removeCard, restoreCard } from './board-state';
import { stageLabel } from './labels';
import { BoardSkeleton } from '../records/board-kit';
import { showUndo } from '../records/undo';
import { DealCard } from './DealCard';

const DRAG_TYPE = 'application/x-kontor-deal';

type Target = { stageId: string } | { status: 'won' } | { status: 'lost'; lostReason: string | null };

interface Props {
  params: BoardParams & { pipelineId: string };
  /** May the user move cards (the edit right on deals; the server still decides per deal). */
  canMove: boolean;
  canCreate: boolean;
  onNewDeal: (stageId?: string) => void;
  filtered: boolean;
  onClearFilters: () => void;
  /** The filters, shown beside the board's totals. */
  toolbar: ReactNode;
}

/** The deals Kanban: a column per stage of the pipeline, open deals as cards; drag (or Alt+arrow keys) moves them. */
export function DealBoardView({ params, canMove, canCreate, onNewDeal, filtered, onClearFilters, toolbar }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = boardKey(params);
  const board = useDealBoard(params, true);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [losing, setLosing] = useState<DealListItem | null>(null);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const pending = useRef(new Set<string>());
  const focusAfter = useRef<string | null>(null);

  const data = board.data;
  useEffect(() => {
    const id = focusAfter.current;
    if (!id) return;
    focusAfter.current = null;
    document.querySelector<HTMLElement>(`[data-deal-card="${id}"]`)?.focus();
  }, [data]);

  const announce = (text: string) => {
    // the same sentence twice is announced twice
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  };
  const getBoard = () => qc.getQueryData<Board>(key);
  const setBoard = (fn: (b: Board) => Board) => qc.setQueryData<Board>(key, (b) => (b ? fn(b) : b));

  /** Shows the deal as the server has it now (after a conflict or a refused move). */
  const reloadCard = async (id: string) => {
    try {
      const fresh = await fetchDeal(id);
      qc.setQueryData(recordKeys.detail('deals', id), fresh);
      setBoard((b) => placeDeal(b, toListItem(fresh)));
    } catch {
      void qc.invalidateQueries({ queryKey: key });
    }
  };

  const reopen = async (id: string, version: number, name: string) => {
    try {
      const saved = await updateDeal(id, { status: 'open', version });
      setBoard((b) => placeDeal(b, toListItem(saved)));
      qc.setQueryData(recordKeys.detail('deals', id), saved);
      invalidateDealViews(qc, { board: false });
      announce(t('deals.reopened', { name }));
    } catch (e) {
      notifyError(t, e);
      void reloadCard(id);
    }
  };

  /** Optimistic: the card moves at once; the server's answer replaces it, a refusal puts it back (a conflict reloads it). */
  const move = async (dealId: string, target: Target, opts: { keyboard?: boolean } = {}) => {
    const current = getBoard();
    const at = current ? findCard(current, dealId) : null;
    if (!current || !at || pending.current.has(dealId)) return;
    const { card } = at;
    const fromStage = card.stageId;
    if ('stageId' in target && target.stageId === fromStage) return;
    const stage = 'stageId' in target ? current.columns.find((c) => c.stage.id === target.stageId)?.stage : undefined;
    pending.current.add(dealId);
    if (stage) {
      setBoard((b) => moveCard(b, dealId, stage.id));
      if (opts.keyboard) focusAfter.current = dealId;
      const position = current.columns.findIndex((c) => c.stage.id === stage.id) + 1;
      announce(t('deals.movedAnnounce', { name: card.name, stage: stageLabel(t, stage.name), position, total: current.columns.length }));
    } else setBoard((b) => removeCard(b, dealId));
    try {
      const saved = await updateDeal(dealId, { ...target, version: card.version });
      setBoard((b) => placeDeal(b, toListItem(saved)));
      qc.setQueryData(recordKeys.detail('deals', saved.id), saved);
      invalidateDealViews(qc, { board: false });
      if (!stage) {
        const won = saved.status === 'won';
        const text = t(won ? 'deals.wonToast' : 'deals.lostToast', { name: saved.name });
        announce(text);
        // one undo per board: a newer win or loss supersedes it; Undo closes it at once
        showUndo({ list: 'deals-board', recordId: saved.id, color: won ? 'teal' : 'gray', message: text, undoLabel: t('delete.undo'), testId: 'undo-close', onUndo: () => reopen(saved.id, saved.version, saved.name) });
      }
    } catch (e) {
      // the card goes back (or to where the server has it); a keyboard user keeps the focus on it
      if (opts.keyboard) focusAfter.current = dealId;
      if (e instanceof ApiError && e.code === 'version_conflict') {
        notifications.show({ color: 'orange', title: t('errors.version_conflict_title'), message: t('deals.conflictReloaded', { name: card.name }), autoClose: 8000 });
        await reloadCard(dealId);
      } else {
        setBoard((b) => restoreCard(b, card, fromStage, at.index));
        notifyError(t, e);
        if (e instanceof ApiError && (e.code === 'not_found' || e.code === 'forbidden')) void reloadCard(dealId);
      }
      announce(t('deals.moveFailed', { name: card.name }));
    } finally {
      pending.current.delete(dealId);
    }
  };

  const moveBy = (dealId: string, step: -1 | 1) => {
    const b = getBoard();
    const at = b ? findCard(b, dealId) : null;
    const next = at && b ? b.columns[at.column + step] : undefined;
    if (!next) {
      announce(t(step < 0 ? 'deals.firstStage' : 'deals.lastStage'));
      return;
    }
    void move(dealId, { stageId: next.stage.id }, { keyboard: true });
  };

  const loadMore = async (stageId: string, cursor: string) => {
    setLoadingMore(stageId);
    try {
      const page = await fetchColumnPage(stageId, params, cursor);
      setBoard((b) => appendPage(b, stageId, page));
    } catch (e) {
      notifyError(t, e);
    } finally {
      setLoadingMore(null);
    }
  };

  const onDrop = (e: DragEvent, target: Target | 'lost') => {
    e.preventDefault();
    const id = e.dataTransfer.getData(DRAG_TYPE);
    setOver(null);
    setDragging(null);
    if (!id) return;
    if (target === 'lost') {
      const b = getBoard();
      const at = b ? findCard(b, id) : null;
      if (at) setLosing(at.card);
      return;
    }
    void move(id, target);
  };
  const dragOver = (e: DragEvent, zone: string) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (over !== zone) setOver(zone);
  };
  const dragLeave = (e: DragEvent, zone: string) => {
    if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOver((o) => (o === zone ? null : o));
  };

  if (board.isError) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  if (!data) return <BoardSkeleton columns={5} />;

  const totals = boardTotals(data);
  const empty = totals.count === 0;
  const totalsText = t('deals.boardTotals', { count: totals.count, formatted: formatNumber(totals.count) }) + (nonZero(totals.sums).length ? ` · ${formatSums(totals.sums)}` : '');

  return (
    <div className="k-board-wrap">
      <Group gap="md" px={24} pt={14} pb={10} wrap="nowrap" justify="space-between" align="center">
        {toolbar}
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" c="dimmed" ta="right" lineClamp={2} title={totalsText} data-testid="board-totals">
            {totalsText}
          </Text>
          {canMove ? (
            <Tooltip label={t('deals.keyboardHint')} multiline w={300}>
              <ActionIcon variant="subtle" color="gray" aria-label={t('deals.keyboardHint')} data-testid="board-keys">
                <IconKeyboard size={18} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      </Group>
      {canMove ? (
        <span id="board-keys-hint" className="k-visually-hidden">
          {t('deals.keyboardHint')}
        </span>
      ) : null}
      {empty ? (
        <Paper withBorder radius="md" mx={24} mb={10} data-testid="board-empty">
          {filtered ? (
            <EmptyState icon={<IconLayoutKanban size={28} />} title={t('list.noMatchTitle')} description={t('deals.boardNoMatch')} action={<Button variant="default" onClick={onClearFilters}>{t('list.clearFilters')}</Button>} testId="board-empty-state" />
          ) : (
            <EmptyState
              icon={<IconLayoutKanban size={28} />}
              title={t('deals.emptyPipelineTitle')}
              description={t('deals.emptyPipelineText')}
              action={canCreate ? <Button leftSection={<IconPlus size={16} />} onClick={() => onNewDeal()} data-testid="board-empty-new">{t('deals.new')}</Button> : undefined}
              testId="board-empty-state"
            />
          )}
        </Paper>
      ) : null}
      <div className="k-board" data-testid="deal-board" data-dragging={dragging !== null}>
        {data.columns.map((col, ci) => (
          <section
            key={col.stage.id}
            className="k-board-col"
            data-over={over === col.stage.id}
            aria-labelledby={`col-${col.stage.id}`}
            data-testid={`board-column-${ci}`}
            data-stage={col.stage.name}
            onDragOver={(e) => dragOver(e, col.stage.id)}
            onDragLeave={(e) => dragLeave(e, col.stage.id)}
            onDrop={(e) => onDrop(e, { stageId: col.stage.id })}
          >
            <header className="k-board-col-head">
              <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                <Tooltip label={t('deals.stageTooltip', { stage: stageLabel(t, col.stage.name), probability: col.stage.probability })}>
                  <Text fw={650} size="sm" lineClamp={2} id={`col-${col.stage.id}`} style={{ minWidth: 0, overflowWrap: 'anywhere' }} data-testid="column-name">
                    {stageLabel(t, col.stage.name)}
                  </Text>
                </Tooltip>
                <Group gap={2} wrap="nowrap" style={{ flex: 'none' }}>
                  <Badge size="sm" variant="light" color="gray" radius="sm" aria-label={t('deals.columnCount', { count: col.count })} data-testid="column-count">
                    {formatNumber(col.count)}
                  </Badge>
                  {canCreate ? (
                    <Tooltip label={t('deals.newInStage', { stage: stageLabel(t, col.stage.name) })}>
                      <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => onNewDeal(col.stage.id)} aria-label={t('deals.newInStage', { stage: stageLabel(t, col.stage.name) })} data-testid="column-new">
                        <IconPlus size={14} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Group>
              </Group>
              <Text size="xs" c={nonZero(col.sums).length ? 'gray.7' : 'dimmed'} mt={2} style={{ fontVariantNumeric: 'tabular-nums' }} lineClamp={2} title={formatSums(col.sums)} data-testid="column-sums">
                {nonZero(col.sums).length ? formatSums(col.sums) : t('deals.noSum')}
              </Text>
            </header>
            <div className="k-board-col-body" role={col.deals.length ? 'list' : undefined} aria-labelledby={col.deals.length ? `col-${col.stage.id}` : undefined}>
              {col.deals.map((d) => (
                <DealCard
                  key={d.id}
                  deal={d}
                  t={t}
                  canMove={canMove}
                  first={ci === 0}
                  last={ci === data.columns.length - 1}
                  dragging={dragging === d.id}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, d.id);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragging(d.id);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setOver(null);
                  }}
                  onMoveBy={(step) => moveBy(d.id, step)}
                  onWon={() => void move(d.id, { status: 'won' })}
                  onLost={() => setLosing(d)}
                />
              ))}
              {col.deals.length === 0 ? (
                <div className="k-board-empty" data-testid="column-empty">
                  {t(canMove ? 'deals.columnEmptyDrop' : 'deals.columnEmpty')}
                </div>
              ) : null}
              {col.nextCursor ? (
                <div role="listitem">
                  <Button
                    variant="subtle"
                    size="xs"
                    fullWidth
                    onClick={() => col.nextCursor && void loadMore(col.stage.id, col.nextCursor)}
                    loading={loadingMore === col.stage.id}
                    data-testid="column-load-more"
                  >
                    {t('deals.loadMoreCards', { count: col.count - col.deals.length })}
                  </Button>
                </div>
              ) : null}
            </div>
          </section>
        ))}
      </div>
      {dragging ? (
        <div className="k-board-zones">
          <div className="k-board-zone" data-kind="won" data-over={over === 'won'} onDragOver={(e) => dragOver(e, 'won')} onDragLeave={(e) => dragLeave(e, 'won')} onDrop={(e) => onDrop(e, { status: 'won' })} data-testid="drop-won">
            <IconTrophy size={18} />
            {t('deals.dropWon')}
          </div>
          <div className="k-board-zone" data-kind="lost" data-over={over === 'lost'} onDragOver={(e) => dragOver(e, 'lost')} onDragLeave={(e) => dragLeave(e, 'lost')} onDrop={(e) => onDrop(e, 'lost')} data-testid="drop-lost">
            <IconThumbDown size={18} />
            {t('deals.dropLost')}
          </div>
        </div>
      ) : null}
      <div aria-live="assertive" role="status" className="k-visually-hidden" data-testid="board-announcer">
        {announcement}
      </div>
      {losing ? (
        <LostReasonModal
          name={losing.name}
          onClose={() => setLosing(null)}
          onConfirm={async (lostReason) => {
            void move(losing.id, { status: 'lost', lostReason });
            return true;
          }}
        />
      ) : null}
    </div>
  );
}
