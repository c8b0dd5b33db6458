import { useState, type KeyboardEvent } from 'react';
import { moveIndex } from '../../lib/roving';
import type { ResultItem } from './items';

/**
 * The row the arrow keys move to from `activeId`: down from nothing is the first row, up from nothing the last;
 * the ends wrap around, as in a menu.
 */
export function nextActiveId(items: ResultItem[], activeId: string | null, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'): string | null {
  const at = activeId === null ? null : items.findIndex((i) => i.id === activeId);
  const index = moveIndex(at, key, items.length, { axis: 'vertical', wrap: true });
  return index === null ? null : (items[index]?.id ?? null);
}

export interface ActiveRow {
  /** The highlighted row (aria-activedescendant), or null. */
  active: ResultItem | null;
  setActiveId: (id: string | null) => void;
  /** The input's key handler: arrows, Home / End, Enter (Escape is the container's). Returns whether it was used. */
  onKeyDown: (e: KeyboardEvent) => boolean;
}

export interface ActiveRowOptions {
  /** The palette highlights the first row until the user moves; the header box starts with none, as a combobox does. */
  firstByDefault: boolean;
  /**
   * May Enter open the first row when the user highlighted none? Not while the rows answer an earlier text (the
   * answer for what was just typed is on its way): Enter would open a record the user never saw.
   */
  enterOpensDefault: boolean;
}

/**
 * The keyboard model the header box and the palette share: one highlighted row across all groups, moved with the
 * arrows and opened with Enter. A highlighted row that disappears (new results) falls back to the default.
 */
export function useActiveRow(items: ResultItem[], choose: (item: ResultItem) => void, { firstByDefault, enterOpensDefault }: ActiveRowOptions): ActiveRow {
  const [activeId, setActiveId] = useState<string | null>(null);
  const chosen = activeId === null ? undefined : items.find((i) => i.id === activeId);
  const active = chosen ?? (firstByDefault ? (items[0] ?? null) : null);
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (e.nativeEvent.isComposing) return false;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        setActiveId(nextActiveId(items, active?.id ?? null, e.key));
        break;
      case 'Home':
      case 'End':
        // in the text field Home / End move the caret unless the user is moving through the rows
        if (!chosen) return false;
        setActiveId(nextActiveId(items, active?.id ?? null, e.key));
        break;
      case 'Enter': {
        const target = chosen ?? (enterOpensDefault ? (active ?? items[0]) : undefined);
        if (target) choose(target);
        break;
      }
      default:
        return false;
    }
    e.preventDefault();
    return true;
  };
  return { active, setActiveId, onKeyDown };
}
