import { useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { matchesShortcut } from '../search/shortcuts';

/**
 * What a Kanban shares, whatever its cards show (the deal board, the accounts board by next activity): dragging cards
 * onto columns, keyboard movement between cards, the screen-reader announcements and the loading skeleton.
 */

/** Arrow keys move the focus: up and down within the column, left and right to the first card of the nearest column that has one. */
export function focusNeighbour(el: HTMLElement, key: string, cardSelector: string): void {
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const cards = [...(el.parentElement?.querySelectorAll<HTMLElement>(cardSelector) ?? [])];
    cards[cards.indexOf(el) + (key === 'ArrowDown' ? 1 : -1)]?.focus();
    return;
  }
  const cols = [...document.querySelectorAll<HTMLElement>('.k-board-col')];
  const col = el.closest<HTMLElement>('.k-board-col');
  const step = key === 'ArrowRight' ? 1 : -1;
  for (let i = cols.indexOf(col as HTMLElement) + step; i >= 0 && i < cols.length; i += step) {
    const card = cols[i]?.querySelector<HTMLElement>(cardSelector);
    if (card) return card.focus();
  }
}

/** A focused card's keys: Alt+left/right moves it (when allowed), the arrows move the focus, Enter opens it. */
export function onCardKeyDown(e: KeyboardEvent<HTMLElement>, opts: { cardSelector: string; canMove: boolean; onStep: (step: -1 | 1) => void; onOpen: () => void }): void {
  if (e.target !== e.currentTarget) return;
  if (matchesShortcut('cardMove', e)) {
    e.preventDefault();
    if (opts.canMove) opts.onStep(e.key === 'ArrowLeft' ? -1 : 1);
  } else if (matchesShortcut('cardFocus', e)) {
    e.preventDefault();
    focusNeighbour(e.currentTarget, e.key, opts.cardSelector);
  } else if (matchesShortcut('cardOpen', e)) {
    e.preventDefault();
    opts.onOpen();
  }
}

/** Grey columns with a few card shapes while the board loads. */
export function BoardSkeleton({ columns }: { columns: number }) {
  return (
    <div className="k-board" aria-busy="true">
      {Array.from({ length: columns }, (_, i) => (
        <div key={i} className="k-board-col">
          <div className="k-board-col-head">
            <div className="k-skel" style={{ width: '60%', height: 14 }} />
          </div>
          <div className="k-board-col-body">
            {Array.from({ length: 3 - (i % 3) }, (_, j) => (
              <div key={j} className="k-deal-card" style={{ height: 84 }} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The props every card's element has: focusable list item, draggable when it may move, opened by a click on its body. */
export function boardCardProps(opts: { canMove: boolean; dragging: boolean; onOpen: () => void; onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void }) {
  return {
    className: 'k-deal-card',
    role: 'listitem',
    tabIndex: 0,
    draggable: opts.canMove,
    'data-dragging': opts.dragging,
    onKeyDown: opts.onKeyDown,
    onClick: (e: MouseEvent<HTMLDivElement>) => {
      if ((e.target as HTMLElement).closest('a,button,input,label,[role="menu"],[role="menuitem"]')) return;
      opts.onOpen();
    },
  };
}

/**
 * Native drag and drop of cards onto zones (columns): which card is dragged, which zone it is over, the props of a
 * card and of a zone. `accepts` says which zones take a card; a drop calls `onDrop` with the card's id.
 */
export function useBoardDrag<Zone extends string>(dragType: string, accepts: (zone: Zone) => boolean, onDrop: (cardId: string, zone: Zone) => void) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<Zone | null>(null);
  const card = (id: string) => ({
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.setData(dragType, id);
      e.dataTransfer.effectAllowed = 'move';
      setDragging(id);
    },
    onDragEnd: () => {
      setDragging(null);
      setOver(null);
    },
  });
  const zone = (z: Zone) => ({
    'data-over': over === z,
    onDragOver: (e: DragEvent) => {
      if (!accepts(z) || !e.dataTransfer.types.includes(dragType)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== z) setOver(z);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOver((o) => (o === z ? null : o));
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const id = e.dataTransfer.getData(dragType);
      setOver(null);
      setDragging(null);
      if (id && accepts(z)) onDrop(id, z);
    },
  });
  return { dragging, card, zone };
}

/** A polite live region for what keyboard moves did; the same sentence twice is announced twice. */
export function useAnnouncer() {
  const [text, setText] = useState('');
  const announce = (next: string) => {
    setText('');
    requestAnimationFrame(() => setText(next));
  };
  const region = (
    <div aria-live="assertive" role="status" className="k-visually-hidden" data-testid="board-announcer">
      {text}
    </div>
  );
  return { announce, region };
}
