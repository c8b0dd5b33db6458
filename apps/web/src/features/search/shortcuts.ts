import { useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The palette's shortcut as the keyboard labels it: ⌘K on a Mac, Ctrl+K (Strg+K on a German keyboard) elsewhere. */
export const paletteShortcut = (t: TFunction) => (isMac ? '⌘K' : `${t('search.ctrlKey')}+K`);

/** The fields of a key event the shortcuts look at (a plain object in tests). */
export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  target: EventTarget | null;
}

const nonTextInputs = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Is the focus somewhere the user types text? There `/` is a character, not a shortcut. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (target === null || typeof target !== 'object' || !('tagName' in target)) return false;
  const el = target as { tagName: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !nonTextInputs.has((el.type ?? 'text').toLowerCase());
}

// ---- every keyboard shortcut of the app, in one place -----------------------------------------------------------
// The handlers ask `matchesShortcut(id, event)` and the `?` dialog lists this table, so what the dialog shows is what
// is bound. A combination is one of `keys` with exactly the modifiers in `mods` (`mod`: Ctrl, or Cmd on a Mac).

export type Modifier = 'mod' | 'shift' | 'alt';
export interface KeyCombo {
  keys: readonly string[];
  mods?: readonly Modifier[];
}
export type ShortcutScope = 'everywhere' | 'lists' | 'letters' | 'forms' | 'editing' | 'boards';
interface ShortcutDef {
  scope: ShortcutScope;
  combos: readonly KeyCombo[];
  /** Not while the focus is in a text field (there the key types a character). */
  notInText?: boolean;
}

const ARROWS_V = ['ArrowUp', 'ArrowDown'] as const;
const ARROWS_H = ['ArrowLeft', 'ArrowRight'] as const;

export const SHORTCUTS = {
  search: { scope: 'everywhere', combos: [{ keys: ['/'] }], notInText: true },
  palette: { scope: 'everywhere', combos: [{ keys: ['k'], mods: ['mod'] }] },
  help: { scope: 'everywhere', combos: [{ keys: ['?'] }], notInText: true },
  close: { scope: 'everywhere', combos: [{ keys: ['Escape'] }] },
  rowMove: { scope: 'lists', combos: [{ keys: ARROWS_V }] },
  rowJump: { scope: 'lists', combos: [{ keys: ['Home', 'End'] }, { keys: ['PageUp', 'PageDown'] }] },
  rowOpen: { scope: 'lists', combos: [{ keys: ['Enter'] }] },
  rowSelect: { scope: 'lists', combos: [{ keys: [' '] }] },
  rowExtend: { scope: 'lists', combos: [{ keys: ARROWS_V, mods: ['shift'] }, { keys: [' '], mods: ['shift'] }] },
  cellMove: { scope: 'lists', combos: [{ keys: ARROWS_H }] },
  columnResize: { scope: 'lists', combos: [{ keys: ARROWS_H }] },
  letterMove: { scope: 'letters', combos: [{ keys: ARROWS_H }, { keys: ['Home', 'End'] }] },
  letterApply: { scope: 'letters', combos: [{ keys: ['Enter'] }, { keys: [' '] }] },
  save: { scope: 'forms', combos: [{ keys: ['Enter'], mods: ['mod'] }] },
  cancel: { scope: 'forms', combos: [{ keys: ['Escape'] }] },
  inlineEdit: { scope: 'editing', combos: [{ keys: ['Enter'] }] },
  inlineSave: { scope: 'editing', combos: [{ keys: ['Enter'] }] },
  inlineCancel: { scope: 'editing', combos: [{ keys: ['Escape'] }] },
  cardFocus: { scope: 'boards', combos: [{ keys: [...ARROWS_V, ...ARROWS_H] }] },
  cardMove: { scope: 'boards', combos: [{ keys: ARROWS_H, mods: ['alt'] }] },
  cardOpen: { scope: 'boards', combos: [{ keys: ['Enter'] }] },
} as const satisfies Record<string, ShortcutDef>;

export type ShortcutId = keyof typeof SHORTCUTS;
export const SHORTCUT_SCOPES: readonly ShortcutScope[] = ['everywhere', 'lists', 'letters', 'forms', 'editing', 'boards'];

const sameKey = (want: string, got: string) => (want.length === 1 ? want.toLowerCase() === got.toLowerCase() : want === got);
/** `?` and `/` need Shift on many keyboards (German: Shift+ß, Shift+7): for such characters Shift is not a modifier. */
const isSymbol = (key: string) => key.length === 1 && key !== ' ' && key.toLowerCase() === key.toUpperCase();

function comboMatches(c: KeyCombo, e: ShortcutKey): boolean {
  if (!c.keys.some((k) => sameKey(k, e.key))) return false;
  const mods = c.mods ?? [];
  if ((e.ctrlKey || e.metaKey) !== mods.includes('mod')) return false;
  if (e.altKey !== mods.includes('alt')) return false;
  return isSymbol(e.key) || Boolean(e.shiftKey) === mods.includes('shift');
}

/** Is this key event the shortcut `id`? */
export function matchesShortcut(id: ShortcutId, e: ShortcutKey): boolean {
  const def: ShortcutDef = SHORTCUTS[id];
  if (def.notInText && isTextEntry(e.target)) return false;
  return def.combos.some((c) => comboMatches(c, e));
}

/** Ctrl+K (Cmd+K on a Mac) anywhere, `/` outside text fields: both open the command palette. */
export const opensPalette = (e: ShortcutKey): boolean => matchesShortcut('palette', e) || matchesShortcut('search', e);

/** A key's name as the keyboard shows it (⌘ ⇧ ⌥ on a Mac; Strg, Umschalt, Leertaste in German). */
export function keyLabel(t: TFunction, key: string): string {
  switch (key) {
    case 'mod':
      return isMac ? '⌘' : t('search.ctrlKey');
    case 'shift':
      return isMac ? '⇧' : t('keyboard.keys.shift');
    case 'alt':
      return isMac ? '⌥' : t('keyboard.keys.alt');
    case 'ArrowUp':
      return '↑';
    case 'ArrowDown':
      return '↓';
    case 'ArrowLeft':
      return '←';
    case 'ArrowRight':
      return '→';
    case ' ':
      return t('keyboard.keys.space');
    case 'Enter':
    case 'Escape':
    case 'Home':
    case 'End':
    case 'PageUp':
    case 'PageDown':
      return t(`keyboard.keys.${key}`);
    default:
      return key.length === 1 ? key.toUpperCase() : key;
  }
}

/** Calls `handler` when one of these page-wide shortcuts is pressed, while the component is shown. */
export function useShortcut(ids: ShortcutId | readonly ShortcutId[], handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const key = typeof ids === 'string' ? ids : ids.join(',');
  useEffect(() => {
    const list = key.split(',') as ShortcutId[];
    const listener = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || !list.some((id) => matchesShortcut(id, e))) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [key]);
}

/** Listens for the palette's shortcuts on the whole page while the app shell is shown. */
export const usePaletteShortcut = (onShortcut: () => void): void => useShortcut(['palette', 'search'], onShortcut);
