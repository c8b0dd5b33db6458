import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Paper, Portal, Text, UnstyledButton } from '@mantine/core';
import Mention from '@tiptap/extension-mention';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import type { User } from '@kontor/contract/users';
import { useUsers } from '../../lib/reference';

/**
 * @mentions of users in a note. The editor writes a mention as `<span data-mention-id="12">@Anna</span>`, which is
 * what the server keeps (it drops the id of a user who does not exist or is inactive), and reads it back the same
 * way when a note is edited. The suggestion list is React state the tiptap suggestion plugin drives.
 */

type Candidate = Pick<User, 'id' | 'name' | 'email'>;
interface Picked {
  id: string;
  label: string;
}

interface SuggestionState {
  items: Candidate[];
  selected: number;
  rect: DOMRect | null;
  pick: (c: Candidate) => void;
}

const MAX_ITEMS = 8;

/** Active users whose name or e-mail contains what was typed after the @ (case- and accent-insensitive). */
export function matchUsers(users: Candidate[], query: string): Candidate[] {
  const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(query.trim());
  return users.filter((u) => fold(u.name).includes(q) || fold(u.email).includes(q)).slice(0, MAX_ITEMS);
}

const UserMention = Mention.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      id: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-mention-id'),
        renderHTML: (attrs: { id?: string | null }) => (attrs.id ? { 'data-mention-id': attrs.id } : {}),
      },
      label: {
        default: null,
        parseHTML: (el: HTMLElement) => (el.textContent ?? '').replace(/^@/, ''),
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-mention-id]' }];
  },
});

/**
 * Holds what the suggestion plugin needs outside React (the users to offer, the popup's state) and tells React when
 * the popup changes; one per editor.
 */
class MentionController {
  private users: Candidate[] = [];
  private state: SuggestionState | null = null;
  private listeners = new Set<() => void>();

  readonly extension = UserMention.configure({
    HTMLAttributes: { class: 'k-mention' },
    suggestion: {
      char: '@',
      items: ({ query }) => matchUsers(this.users, query),
      render: () => ({
        onStart: (p: SuggestionProps<Candidate, Picked>) => this.show(this.fromProps(p, 0)),
        onUpdate: (p: SuggestionProps<Candidate, Picked>) => this.show(this.fromProps(p, this.state?.selected ?? 0)),
        onExit: () => this.show(null),
        onKeyDown: ({ event }: SuggestionKeyDownProps) => this.onKey(event),
      }),
    },
  });

  setUsers(users: Candidate[]): void {
    this.users = users;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  snapshot = (): SuggestionState | null => this.state;

  private show(next: SuggestionState | null): void {
    this.state = next;
    for (const l of this.listeners) l();
  }

  private fromProps(p: SuggestionProps<Candidate, Picked>, selected: number): SuggestionState {
    return {
      items: p.items,
      selected: Math.min(selected, Math.max(p.items.length - 1, 0)),
      rect: p.clientRect?.() ?? null,
      pick: (c) => p.command({ id: c.id, label: c.name }),
    };
  }

  /** Arrows move the choice, Enter or Tab takes it, Escape closes the list; other keys go to the editor. */
  private onKey(event: KeyboardEvent): boolean {
    const s = this.state;
    if (!s) return false;
    if (event.key === 'Escape') {
      this.show(null);
      return true;
    }
    if (s.items.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.show({ ...s, selected: (s.selected + step + s.items.length) % s.items.length });
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = s.items[s.selected];
      if (chosen) s.pick(chosen);
      return true;
    }
    return false;
  }
}

/** The mention extension for an editor, and the suggestion popup to render next to it. */
export function useUserMentions() {
  const { t } = useTranslation();
  const users = useUsers();
  const [controller] = useState(() => new MentionController());
  useEffect(() => controller.setUsers((users.data ?? []).filter((u) => u.active)), [controller, users.data]);
  const state = useSyncExternalStore(controller.subscribe, controller.snapshot);
  const extension = controller.extension;

  const popup = state ? (
    <Portal>
      <Paper
        shadow="md"
        withBorder
        radius="md"
        p={4}
        role="listbox"
        aria-label={t('notes.mentionList')}
        data-testid="mention-list"
        style={{ position: 'fixed', top: (state.rect?.bottom ?? 0) + 4, left: state.rect?.left ?? 0, zIndex: 400, minWidth: 220, maxWidth: 320 }}
      >
        {state.items.length === 0 ? (
          <Text size="sm" c="dimmed" px="sm" py={6}>
            {t('notes.noUserFound')}
          </Text>
        ) : (
          state.items.map((u, i) => (
            <UnstyledButton
              key={u.id}
              role="option"
              aria-selected={i === state.selected}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => state.pick(u)}
              data-testid="mention-option"
              style={{ display: 'block', width: '100%', padding: '6px 10px', borderRadius: 6, background: i === state.selected ? 'var(--mantine-color-blue-light)' : undefined }}
            >
              <Text size="sm" fw={500} truncate>
                {u.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {u.email}
              </Text>
            </UnstyledButton>
          ))
        )}
      </Paper>
    </Portal>
  ) : null;

  return { extension, popup };
}
