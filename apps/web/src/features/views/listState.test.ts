import { describe, expect, it } from 'vitest';
import type { Filter, FilterField, View } from '@kontor/contract/views';
import { nextSort } from '../../components/table/sort.ts';
import { allMatchingSelection, andFilters, parseFilterParam, parseViewSearch, pickView, resolveListState, viewListParams, viewRequest } from './listState.ts';

const view = (over: Partial<View>): View => ({
  id: '7', module: 'accounts', kind: 'personal', systemKey: null, name: 'Mine', filter: { match: 'all', conditions: [] }, sort: [], columns: [], columnWidths: {},
  pageSize: 50, owner: null, isDefault: false, editable: true, version: 1, createdAt: null, updatedAt: null, ...over,
});
const industry = { field: 'industry', op: 'is', value: 'software' } as const;
const defaults = { sort: 'name', columns: ['name', 'phone'] };
const field = (key: string, type: FilterField['type']): FilterField => ({ key, label: null, type, operators: [], custom: false, sortable: false });
const catalogue = [field('ownerId', 'user'), field('tags', 'tags'), field('customer', 'boolean'), field('hasOpenDeal', 'boolean'), field('industry', 'picklist')];

describe('the view state in the URL', () => {
  it('reads a filter as an object or as JSON text, and drops anything invalid', () => {
    const f = { match: 'all', conditions: [industry] };
    expect(parseFilterParam(f)).toEqual(f);
    expect(parseFilterParam(JSON.stringify(f))).toEqual(f);
    expect(parseFilterParam('{not json')).toBeUndefined();
    expect(parseFilterParam({ match: 'all', conditions: [{ field: 'x', op: 'nope' }] })).toBeUndefined();
  });

  it('keeps view ids, column lists, widths and page sizes only in their shapes', () => {
    expect(parseViewSearch({ viewId: 12, columns: 'name,customFields.tier', widths: 'name:210,phone:140', pageSize: 100 })).toEqual({
      viewId: '12', filter: undefined, columns: 'name,customFields.tier', widths: 'name:210,phone:140', pageSize: 100,
    });
    expect(parseViewSearch({ viewId: 'system.mine' }).viewId).toBe('system.mine');
    expect(parseViewSearch({ viewId: 'drop table', columns: 'a;b', widths: 'x', pageSize: 5000 })).toEqual({
      viewId: undefined, filter: undefined, columns: undefined, widths: undefined, pageSize: undefined,
    });
  });

  it('picks the URL view, else the default one; "all" is the system view of everything', () => {
    const all = view({ id: 'system.all', kind: 'system', systemKey: 'all' });
    const mine = view({ id: '7' });
    expect(pickView([all, mine], '7', undefined)).toBe(mine);
    expect(pickView([all, mine], '7', 'all')).toBe(all);
    expect(pickView([all, mine], 'system.all', '99')).toBeNull();
  });
});

describe('the effective state and what the list API gets', () => {
  it('a saved view untouched is sent by id, with its sort; edited, its filter goes alone and it is dirty', () => {
    const saved = view({ filter: { match: 'all', conditions: [industry] }, sort: ['-createdAt'] });
    const clean = resolveListState({}, saved, defaults);
    expect(clean.dirty).toBe(false);
    expect(clean.sort).toBe('-createdAt');
    expect(viewListParams(clean)).toEqual({ view: '7', filter: undefined, sort: undefined });

    const edited = resolveListState({ filter: { match: 'all', conditions: [] } }, saved, defaults);
    expect(edited.dirty).toBe(true);
    expect(viewRequest(edited)).toEqual({});
    expect(viewListParams(edited).sort).toBe('-createdAt');
  });

  it('a system view keeps its own conditions locked and adds the user\'s', () => {
    const system = view({ id: 'system.mine', kind: 'system', systemKey: 'mine', filter: { match: 'all', conditions: [{ field: 'ownerId', op: 'is', value: 'me' }] }, columns: ['name'] });
    const state = resolveListState({ filter: { match: 'all', conditions: [industry] } }, system, defaults);
    expect(state.lockedFilter?.conditions).toHaveLength(1);
    expect(state.columns).toEqual(defaults.columns);
    expect(state.columnsChosen).toBe(false);
    expect(viewRequest(state)).toEqual({ view: 'system.mine', filter: { match: 'all', conditions: [industry] } });
    expect(state.dirty).toBe(true);
  });

  it('widths and page size from the URL override the view\'s and mark it changed', () => {
    const saved = view({ columnWidths: { name: 200 }, pageSize: 50, columns: ['name', 'industry'] });
    const state = resolveListState({ widths: 'phone:90', pageSize: 100 }, saved, defaults);
    expect(state.widths).toEqual({ name: 200, phone: 90 });
    expect(state.pageSize).toBe(100);
    expect(state.columns).toEqual(['name', 'industry']);
    expect(state.dirty).toBe(true);
  });
});

describe('filters combined', () => {
  it('ANDs filters, wrapping an "any" filter as a group', () => {
    const eitherFilter: Filter = { match: 'any' as const, conditions: [industry, { field: 'rating', op: 'is' as const, value: 'active' }] };
    expect(andFilters({ match: 'all', conditions: [industry] }, eitherFilter)).toEqual({ match: 'all', conditions: [industry, { match: 'any', conditions: eitherFilter.conditions }] });
    expect(andFilters(null, undefined)).toEqual({ match: 'all', conditions: [] });
  });

  it('refuses what would need two levels of groups', () => {
    const nested = { match: 'any' as const, conditions: [industry, { match: 'all' as const, conditions: [industry] }] };
    expect(andFilters(nested, { match: 'all', conditions: [industry] })).toBeNull();
    expect(andFilters(nested)).toBe(nested);
  });
});

describe('"select all that match" carries the quick filters as conditions', () => {
  const state = resolveListState({}, null, defaults);

  it('turns owner, tag and the deal flags into conditions', () => {
    expect(allMatchingSelection(state, { ownerId: '3', tag: 'VIP', withOpenDeals: 'true', q: 'nord', letter: 'N' }, catalogue)).toEqual({
      all: true,
      filter: { match: 'all', conditions: [{ field: 'ownerId', op: 'is', value: '3' }, { field: 'tags', op: 'anyOf', value: ['VIP'] }, { field: 'hasOpenDeal', op: 'is', value: true }] },
      q: 'nord',
      letter: 'N',
    });
  });

  it('says "not contacted in N days" through the last activity where the module has it', () => {
    expect(allMatchingSelection(state, { notContactedDays: '30' }, [...catalogue, field('lastActivityAt', 'datetime')])?.filter).toEqual({
      match: 'all', conditions: [{ field: 'lastActivityAt', op: 'notInLast', value: 30 }],
    });
  });

  it('is impossible when a quick filter cannot be said as a condition', () => {
    expect(allMatchingSelection(state, { notContactedDays: '30' }, catalogue)).toBeNull();
    expect(allMatchingSelection(state, { contactType: '2' }, catalogue)).toBeNull();
  });
});

describe('header clicks', () => {
  it('toggle one key, and with shift add, flip and drop further keys (at most three)', () => {
    expect(nextSort('name', 'name', false)).toBe('-name');
    expect(nextSort('-name', 'name', false)).toBe('name');
    expect(nextSort('name,-createdAt', 'industry', false)).toBe('industry');
    expect(nextSort('name', 'industry', true)).toBe('name,industry');
    expect(nextSort('name,industry', 'industry', true)).toBe('name,-industry');
    expect(nextSort('name,-industry', 'industry', true)).toBe('name');
    expect(nextSort('a,b,c', 'd', true)).toBe('a,b,d');
  });
});
