import type { ActivityBoard, ActivityBoardCard, ActivityBoardColumnKey, ActivityBoardColumnPage } from '@kontor/contract/activity-board';

/** The columns a card can be dropped on: a follow-up is scheduled there (the past and "nothing planned" are not targets). */
export const schedulableColumns = ['today', 'thisWeek', 'nextWeek', 'later'] as const satisfies readonly ActivityBoardColumnKey[];
export type SchedulableColumn = (typeof schedulableColumns)[number];
export const isSchedulable = (key: string): key is SchedulableColumn => (schedulableColumns as readonly string[]).includes(key);

/** Where a card is on the board: its column and the card; null when it is not shown. */
export function findBoardCard(board: ActivityBoard, accountId: string): { column: ActivityBoardColumnKey; card: ActivityBoardCard } | null {
  for (const col of board.columns) {
    const card = col.cards.find((c) => c.id === accountId);
    if (card) return { column: col.key, card };
  }
  return null;
}

/**
 * The schedulable column `step` columns away from `from` (the keyboard's Alt+arrow): a card in "none" or "overdue"
 * goes right to "today"; null past either end.
 */
export function neighbourColumn(from: ActivityBoardColumnKey, step: -1 | 1): SchedulableColumn | null {
  if (!isSchedulable(from)) return step === 1 ? 'today' : null;
  return schedulableColumns[schedulableColumns.indexOf(from) + step] ?? null;
}

/** The next page of a column, appended (cards already shown are not repeated). */
export function appendCards(board: ActivityBoard, key: ActivityBoardColumnKey, page: ActivityBoardColumnPage): ActivityBoard {
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col.key !== key) return col;
      const seen = new Set(col.cards.map((c) => c.id));
      return { ...col, cards: [...col.cards, ...page.cards.filter((c) => !seen.has(c.id))], nextCursor: page.nextCursor };
    }),
  };
}
