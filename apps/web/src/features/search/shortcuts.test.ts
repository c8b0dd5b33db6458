import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { keyLabel, matchesShortcut, SHORTCUT_SCOPES, SHORTCUTS, type ShortcutKey } from './shortcuts';

const key = (k: string, mods: Partial<Omit<ShortcutKey, 'key' | 'target'>> = {}, target: object = { tagName: 'TR' }): ShortcutKey => ({
  key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods, target: target as EventTarget,
});
const input = { tagName: 'INPUT', type: 'text' };

describe('matchesShortcut', () => {
  it('opens the list with ?, however the keyboard makes it (Shift+ß on a German one), never while typing', () => {
    expect(matchesShortcut('help', key('?'))).toBe(true);
    expect(matchesShortcut('help', key('?', { shiftKey: true }))).toBe(true);
    expect(matchesShortcut('help', key('?', { shiftKey: true }, input))).toBe(false);
    expect(matchesShortcut('help', key('?', { ctrlKey: true }))).toBe(false);
  });
  it('tells a plain key from the same key with Shift', () => {
    expect(matchesShortcut('rowSelect', key(' '))).toBe(true);
    expect(matchesShortcut('rowSelect', key(' ', { shiftKey: true }))).toBe(false);
    expect(matchesShortcut('rowExtend', key(' ', { shiftKey: true }))).toBe(true);
    expect(matchesShortcut('rowMove', key('ArrowDown'))).toBe(true);
    expect(matchesShortcut('rowMove', key('ArrowDown', { shiftKey: true }))).toBe(false);
    expect(matchesShortcut('rowExtend', key('ArrowUp', { shiftKey: true }))).toBe(true);
  });
  it('needs exactly the listed modifiers: Ctrl or Cmd for save, Alt to move a card', () => {
    expect(matchesShortcut('save', key('Enter', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('save', key('Enter', { metaKey: true }))).toBe(true);
    expect(matchesShortcut('save', key('Enter'))).toBe(false);
    expect(matchesShortcut('cardMove', key('ArrowLeft', { altKey: true }))).toBe(true);
    expect(matchesShortcut('cardMove', key('ArrowLeft'))).toBe(false);
    expect(matchesShortcut('cardFocus', key('ArrowLeft', { altKey: true }))).toBe(false);
  });
  it('moves along the A-Z index with left, right, Home and End only', () => {
    for (const k of ['ArrowLeft', 'ArrowRight', 'Home', 'End']) expect(matchesShortcut('letterMove', key(k))).toBe(true);
    expect(matchesShortcut('letterMove', key('ArrowDown'))).toBe(false);
  });
});

describe('the shortcut table', () => {
  it('puts every shortcut in a scope the dialog shows', () => {
    for (const def of Object.values(SHORTCUTS)) expect(SHORTCUT_SCOPES).toContain(def.scope);
  });
  it('names keys as the keyboard does, in the user’s language', () => {
    const t = ((k: string) => `<${k}>`) as unknown as TFunction;
    expect(keyLabel(t, 'ArrowUp')).toBe('↑');
    expect(keyLabel(t, ' ')).toBe('<keyboard.keys.space>');
    expect(keyLabel(t, 'PageDown')).toBe('<keyboard.keys.PageDown>');
    expect(keyLabel(t, 'k')).toBe('K');
  });
});
