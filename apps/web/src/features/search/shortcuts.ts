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

/** Ctrl+K (Cmd+K on a Mac) anywhere, `/` outside text fields: both open the command palette. */
export function opensPalette(e: ShortcutKey): boolean {
  if (e.altKey) return false;
  if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey)) return true;
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !isTextEntry(e.target);
}

/** Listens for the palette's shortcuts on the whole page while the app shell is shown. */
export function usePaletteShortcut(onShortcut: () => void): void {
  const handler = useRef(onShortcut);
  useEffect(() => {
    handler.current = onShortcut;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || !opensPalette(e)) return;
      e.preventDefault();
      handler.current();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
