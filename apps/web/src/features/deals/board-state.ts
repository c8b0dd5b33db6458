import type { DealBoard, DealListItem, Money } from '@kontor/contract/deals';

/**
 * The board as the client changes it before the server answers: cards leave and join columns, and each column's
 * count and sums per currency follow. Pure functions over the cached `DealBoard`.
 */

type Column = DealBoard['columns'][number];

const round = (n: number) => Math.round(n * 100) / 100;

function addSum(sums: Money[], amount: number | null, currency: string, sign: 1 | -1): Money[] {
  if (amount === null || amount === 0) return sums;
  const found = sums.some((s) => s.currency === currency);
  const next = found ? sums.map((s) => (s.currency === currency ? { ...s, amount: round(s.amount + sign * amount) } : s)) : [...sums, { currency, amount: round(sign * amount) }];
  return next.filter((s) => Math.abs(s.amount) > 0.001);
}

/** Where a card is: the column's index and the card's index in it; null when not on the board. */
export function findCard(board: DealBoard, dealId: string): { column: number; index: number; card: DealListItem } | null {
  for (let c = 0; c < board.columns.length; c++) {
    const col = board.columns[c];
    const index = col?.deals.findIndex((d) => d.id === dealId) ?? -1;
    const card = col?.deals[index];
    if (card) return { column: c, index, card };
  }
  return null;
}

const mapColumn = (board: DealBoard, c: number, fn: (col: Column) => Column): DealBoard => ({
  ...board,
  columns: board.columns.map((col, i) => (i === c ? fn(col) : col)),
});

/** The board without the card (count and sums lowered). */
export function removeCard(board: DealBoard, dealId: string): DealBoard {
  const at = findCard(board, dealId);
  if (!at) return board;
  return mapColumn(board, at.column, (col) => ({
    ...col,
    count: Math.max(0, col.count - 1),
    sums: addSum(col.sums, at.card.amount, at.card.currency, -1),
    deals: col.deals.filter((d) => d.id !== dealId),
  }));
}

/** The board with the card in the stage's column at `index` (top by default); unchanged when the stage is not on it. */
export function insertCard(board: DealBoard, card: DealListItem, stageId: string, index = 0): DealBoard {
  const c = board.columns.findIndex((col) => col.stage.id === stageId);
  if (c < 0) return board;
  return mapColumn(board, c, (col) => {
    const placed: DealListItem = { ...card, stageId, stageName: col.stage.name, probability: col.stage.probability };
    const deals = col.deals.filter((d) => d.id !== card.id);
    deals.splice(Math.min(index, deals.length), 0, placed);
    return { ...col, count: col.count + 1, sums: addSum(col.sums, card.amount, card.currency, 1), deals };
  });
}

/** A card moved to another stage: it leaves its column and goes on top of the other (the board shows the latest change first). */
export function moveCard(board: DealBoard, dealId: string, stageId: string): DealBoard {
  const at = findCard(board, dealId);
  if (!at || at.card.stageId === stageId) return board;
  return insertCard(removeCard(board, dealId), at.card, stageId, 0);
}

/**
 * The deal as the server has it now: off the board when it is closed or in another pipeline, otherwise in its stage
 * (kept in place when it did not change stage, on top when it did).
 */
export function placeDeal(board: DealBoard, deal: DealListItem): DealBoard {
  const at = findCard(board, deal.id);
  const stays = deal.status === 'open' && deal.pipelineId === board.pipeline.id && board.columns.some((c) => c.stage.id === deal.stageId);
  if (at && stays && at.card.stageId === deal.stageId) {
    const without = removeCard(board, deal.id);
    return insertCard(without, deal, deal.stageId, at.index);
  }
  const without = at ? removeCard(board, deal.id) : board;
  return stays ? insertCard(without, deal, deal.stageId, 0) : without;
}

/** Puts a card back where it was (after a refused move). */
export function restoreCard(board: DealBoard, card: DealListItem, stageId: string, index: number): DealBoard {
  return insertCard(removeCard(board, card.id), card, stageId, index);
}

/** The next page of a column, appended (cards already shown are not repeated). */
export function appendPage(board: DealBoard, stageId: string, page: { data: DealListItem[]; nextCursor: string | null }): DealBoard {
  const c = board.columns.findIndex((col) => col.stage.id === stageId);
  if (c < 0) return board;
  return mapColumn(board, c, (col) => {
    const seen = new Set(col.deals.map((d) => d.id));
    return { ...col, deals: [...col.deals, ...page.data.filter((d) => !seen.has(d.id))], nextCursor: page.nextCursor };
  });
}

/** The whole board's count and sums per currency. */
export function boardTotals(board: DealBoard): { count: number; sums: Money[] } {
  let sums: Money[] = [];
  let count = 0;
  for (const col of board.columns) {
    count += col.count;
    for (const s of col.sums) sums = addSum(sums, s.amount, s.currency, 1);
  }
  return { count, sums };
}
