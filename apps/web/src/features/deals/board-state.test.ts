import { describe, expect, it } from 'vitest';
import type { DealBoard, DealListItem } from '@kontor/contract/deals';
import { appendPage, boardTotals, findCard, moveCard, placeDeal, removeCard, restoreCard } from './board-state';

const stage = (id: string, position: number) => ({ id, name: `Stage ${id}`, position, probability: position * 10 });

function deal(id: string, stageId: string, amount: number | null, currency = 'EUR', extra: Partial<DealListItem> = {}): DealListItem {
  return {
    id, name: `Deal ${id}`, amount, currency, pipelineId: 'p1', pipelineName: 'P', stageId, stageName: `Stage ${stageId}`, probability: 0, status: 'open',
    lostReason: null, expectedCloseDate: null, closedAt: null, accountId: null, accountName: null, contactId: null, contactName: null, owner: null,
    ownerId: null, tags: [], version: 1, createdAt: '', updatedAt: '', restricted: false, customFields: {}, ...extra,
  };
}

function board(): DealBoard {
  return {
    pipeline: { id: 'p1', name: 'P', position: 0, isDefault: true, version: 1, stages: [stage('s1', 0), stage('s2', 1)] },
    columns: [
      { stage: stage('s1', 0), count: 3, sums: [{ currency: 'EUR', amount: 300 }, { currency: 'CNY', amount: 50 }], deals: [deal('a', 's1', 100), deal('b', 's1', 200), deal('c', 's1', 50, 'CNY')], nextCursor: 'next' },
      { stage: stage('s2', 1), count: 0, sums: [], deals: [], nextCursor: null },
    ],
  };
}

describe('the board before the server answers', () => {
  it('moves a card on top of another column with its count and sums', () => {
    const b = moveCard(board(), 'b', 's2');
    expect(b.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'c']);
    expect(b.columns[0]?.count).toBe(2);
    expect(b.columns[0]?.sums).toEqual([{ currency: 'EUR', amount: 100 }, { currency: 'CNY', amount: 50 }]);
    expect(b.columns[1]?.deals.map((d) => [d.id, d.stageId, d.probability])).toEqual([['b', 's2', 10]]);
    expect(b.columns[1]?.sums).toEqual([{ currency: 'EUR', amount: 200 }]);
  });

  it('never adds currencies together, and drops a currency whose sum is gone', () => {
    const b = moveCard(board(), 'c', 's2');
    expect(b.columns[0]?.sums).toEqual([{ currency: 'EUR', amount: 300 }]);
    expect(b.columns[1]?.sums).toEqual([{ currency: 'CNY', amount: 50 }]);
    expect(boardTotals(b)).toEqual({ count: 3, sums: [{ currency: 'EUR', amount: 300 }, { currency: 'CNY', amount: 50 }] });
  });

  it('a won deal leaves the board; a refused move goes back where it was', () => {
    const original = board();
    const at = findCard(original, 'b');
    const won = removeCard(original, 'b');
    expect(won.columns[0]?.count).toBe(2);
    const back = restoreCard(won, at!.card, 's1', at!.index);
    expect(back.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(back.columns[0]?.sums).toEqual(original.columns[0]?.sums);
  });

  it('places the server version of a deal: in place, in another stage, or off the board', () => {
    const same = placeDeal(board(), deal('b', 's1', 250, 'EUR', { version: 2 }));
    expect(same.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(same.columns[0]?.sums[0]).toEqual({ currency: 'EUR', amount: 350 });
    const moved = placeDeal(board(), deal('a', 's2', 100));
    expect(moved.columns[1]?.deals.map((d) => d.id)).toEqual(['a']);
    const closed = placeDeal(board(), deal('a', 's1', 100, 'EUR', { status: 'won' }));
    expect(closed.columns[0]?.deals.map((d) => d.id)).toEqual(['b', 'c']);
    const reopened = placeDeal(closed, deal('a', 's1', 100));
    expect(reopened.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(reopened.columns[0]?.count).toBe(3);
  });

  it('appends a column page without repeating cards', () => {
    const b = appendPage(board(), 's1', { data: [deal('c', 's1', 50, 'CNY'), deal('d', 's1', 10)], nextCursor: null });
    expect(b.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(b.columns[0]?.nextCursor).toBeNull();
    expect(b.columns[0]?.count).toBe(3);
  });
});
