import { describe, expect, it } from 'vitest';
import { createUndoRegistry } from './undo-registry';

const setup = () => {
  const hidden: string[] = [];
  const r = createUndoRegistry((id) => hidden.push(id));
  return { r, hidden };
};
const entry = (toastId: string, list = 'accounts', recordId = '1', path = '/accounts') => ({ toastId, list, recordId, path });

describe('undo toasts', () => {
  it('Undo closes the toast at once, and a second click does nothing', () => {
    const { r, hidden } = setup();
    r.add(entry('a'));
    expect(r.claim('a')).toBe(true);
    expect(hidden).toEqual(['a']);
    expect(r.claim('a')).toBe(false);
    expect(hidden).toEqual(['a']);
    expect(r.open()).toEqual([]);
  });

  it('a newer undo for the same list supersedes the old one; other lists keep theirs', () => {
    const { r, hidden } = setup();
    r.add(entry('a', 'accounts', '1'));
    r.add(entry('c', 'contacts', '7', '/contacts'));
    r.add(entry('b', 'accounts', '2'));
    expect(hidden).toEqual(['a']);
    expect(r.claim('a')).toBe(false);
    expect(r.open().map((e) => e.toastId).sort()).toEqual(['b', 'c']);
  });

  it('the same record deleted again supersedes its first undo', () => {
    const { r, hidden } = setup();
    r.add(entry('first', 'deals', '5', '/deals'));
    r.add(entry('second', 'deals', '5', '/deals'));
    expect(hidden).toEqual(['first']);
    expect(r.claim('second')).toBe(true);
  });

  it('a record restored or purged in the recycle bin closes its undo', () => {
    const { r, hidden } = setup();
    r.add(entry('a', 'accounts', '1'));
    r.dismissRecord('accounts', '2');
    expect(hidden).toEqual([]);
    r.dismissRecord('accounts', '1');
    expect(hidden).toEqual(['a']);
  });

  it('leaving the page closes its undos; staying (other search params) keeps them', () => {
    const { r, hidden } = setup();
    r.add(entry('a', 'accounts', '1', '/accounts'));
    r.leave('/accounts');
    expect(hidden).toEqual([]);
    r.leave('/contacts');
    expect(hidden).toEqual(['a']);
    expect(r.claim('a')).toBe(false);
  });

  it('a toast that timed out is forgotten without being hidden twice', () => {
    const { r, hidden } = setup();
    r.add(entry('a'));
    r.closed('a');
    expect(r.open()).toEqual([]);
    expect(r.claim('a')).toBe(false);
    expect(hidden).toEqual([]);
  });
});
