import { describe, expect, it } from 'vitest';
import type { Filter } from '@kontor/contract/views';
import { shortcutValue, withShortcut } from './list-filter.ts';

const call = { field: 'type', op: 'is', value: 'call' } as const;
const mine = { field: 'ownerId', op: 'is', value: 'me' } as const;
const soon = { field: 'scheduledAt', op: 'inLast', value: 7 } as const;
const all = (...conditions: Filter['conditions']): Filter => ({ match: 'all', conditions });
const any = (...conditions: Filter['conditions']): Filter => ({ match: 'any', conditions });

describe('the activities list shortcuts', () => {
  it('read the top-level "is" condition of their field', () => {
    expect(shortcutValue(all(mine, call), 'type')).toBe('call');
    expect(shortcutValue(all(mine, { field: 'done', op: 'is', value: false }), 'done')).toBe(false);
    expect(shortcutValue(all(mine), 'type')).toBeUndefined();
    // another operator, or a condition inside an "or" group, is the filter builder's, not the shortcut's
    expect(shortcutValue(all({ field: 'type', op: 'anyOf', value: ['call', 'task'] }), 'type')).toBeUndefined();
    expect(shortcutValue(all({ match: 'any', conditions: [call, mine] }), 'type')).toBeUndefined();
    expect(shortcutValue(any(call, mine), 'type')).toBeUndefined();
    expect(shortcutValue(any(call), 'type')).toBe('call');
  });

  it('set, replace and remove their condition and keep the others', () => {
    expect(withShortcut(all(mine), 'type', 'call')).toEqual(all(mine, call));
    expect(withShortcut(all(call, mine), 'type', 'meeting')).toEqual(all(mine, { field: 'type', op: 'is', value: 'meeting' }));
    expect(withShortcut(all(mine, call), 'type', undefined)).toEqual(all(mine));
    expect(withShortcut(all({ field: 'type', op: 'isNot', value: 'task' }), 'type', 'call')).toEqual(all({ field: 'type', op: 'isNot', value: 'task' }, call));
    expect(withShortcut(any(mine), 'done', true)).toEqual(all(mine, { field: 'done', op: 'is', value: true }));
  });

  it('put an "or" filter into a group beside the shortcut, and give up where that needs a second level', () => {
    expect(withShortcut(any(mine, soon), 'type', 'call')).toEqual(all({ match: 'any', conditions: [mine, soon] }, call));
    expect(withShortcut(any(mine, soon), 'type', undefined)).toEqual(any(mine, soon));
    expect(withShortcut(any(mine, { match: 'all', conditions: [soon, call] }), 'type', 'call')).toBeNull();
  });
});
