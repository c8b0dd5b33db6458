import { describe, expect, it } from 'vitest';
import { IconPlus } from '@tabler/icons-react';
import type { SearchHit } from '@kontor/contract/search';
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';
import { takeCreateRequest, requestCreate } from './create-request';
import { buildSections, filterCommands, flattenSections, hitDetails, type PaletteCommand } from './items';
import { nextActiveId } from './navigation';
import { invalidQueryMessage } from './SearchStatus';
import { isTextEntry, opensPalette } from './shortcuts';

const command = (id: string, group: PaletteCommand['group'], label: string, keywords: string[] = []): PaletteCommand => ({ id, group, label, keywords, icon: IconPlus, run: () => undefined });
const commands = [
  command('contacts', 'pages', 'Kontakte', ['Contacts']),
  command('deals', 'pages', 'Geschäfte', ['Deals']),
  command('new-contacts', 'actions', 'Neuer Kontakt', ['New contact', 'anlegen']),
  command('language-ro', 'language', 'Sprache wechseln zu Română', ['Sprache', 'language']),
];
const hit = (type: SearchHit['type'], id: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  type, id, title: `${type} ${id}`, email: null, phone: null, account: null, company: null, match: 'exact', ownedByMe: false, updatedAt: '2026-01-01T00:00:00.000Z', ...extra,
});

describe('filterCommands', () => {
  it('lists pages and actions, not the languages, when nothing is typed', () => {
    expect(filterCommands(commands, '  ').map((c) => c.id)).toEqual(['contacts', 'deals', 'new-contacts']);
  });
  it('needs every word at the start of a word of the label or the keywords, ignoring case and accents', () => {
    expect(filterCommands(commands, 'kon').map((c) => c.id)).toEqual(['contacts', 'new-contacts']);
    expect(filterCommands(commands, 'new con').map((c) => c.id)).toEqual(['new-contacts']);
    expect(filterCommands(commands, 'GESCHAFTE').map((c) => c.id)).toEqual(['deals']);
    expect(filterCommands(commands, 'romana').map((c) => c.id)).toEqual(['language-ro']);
    expect(filterCommands(commands, 'ntakte')).toEqual([]);
  });
  it('matches nothing for query-language input such as Jonson~', () => {
    expect(filterCommands(commands, 'Jonson~')).toEqual([]);
  });
});

describe('buildSections', () => {
  it('puts commands first, then hits by type in the contract order, each type closed by its "show all" row', () => {
    const hits = [hit('account', 'a1'), hit('contact', 'c1'), hit('contact', 'c2'), hit('deal', 'd1')];
    const sections = buildSections(filterCommands(commands, 'kontakt'), hits, 'kontakt');
    expect(sections.map((s) => s.key)).toEqual(['pages', 'actions', 'contact', 'account', 'deal']);
    expect(flattenSections(sections).map((i) => i.id)).toEqual([
      'cmd-contacts', 'cmd-new-contacts', 'hit-contact-c1', 'hit-contact-c2', 'all-contact', 'hit-account-a1', 'all-account', 'hit-deal-d1', 'all-deal',
    ]);
    const seeAll = flattenSections(sections).find((i) => i.id === 'all-deal');
    expect(seeAll).toEqual({ kind: 'seeAll', id: 'all-deal', type: 'deal', q: 'kontakt' });
  });
  it('has no sections for no commands and no hits', () => {
    expect(buildSections([], [], 'x')).toEqual([]);
  });
});

describe('hitDetails', () => {
  it('shows the account (or a lead\'s company), e-mail and phone; an account does not repeat itself', () => {
    expect(hitDetails(hit('contact', '1', { email: 'j@acme.com', phone: '+49 30 1234567', account: { id: 'a', name: 'Acme' } }))).toEqual(['Acme', 'j@acme.com', '+49 30 1234567']);
    expect(hitDetails(hit('lead', '2', { company: 'Initech' }))).toEqual(['Initech']);
    expect(hitDetails(hit('account', '3', { company: 'Acme', phone: '030 1' }))).toEqual(['030 1']);
  });
});

describe('nextActiveId', () => {
  const items = flattenSections(buildSections([], [hit('contact', 'c1'), hit('account', 'a1')], 'q'));
  const ids = items.map((i) => i.id);
  it('moves through all rows across groups and wraps at the ends', () => {
    expect(ids).toEqual(['hit-contact-c1', 'all-contact', 'hit-account-a1', 'all-account']);
    expect(nextActiveId(items, null, 'ArrowDown')).toBe('hit-contact-c1');
    expect(nextActiveId(items, null, 'ArrowUp')).toBe('all-account');
    expect(nextActiveId(items, 'all-contact', 'ArrowDown')).toBe('hit-account-a1');
    expect(nextActiveId(items, 'all-account', 'ArrowDown')).toBe('hit-contact-c1');
    expect(nextActiveId(items, 'hit-contact-c1', 'ArrowUp')).toBe('all-account');
    expect(nextActiveId(items, 'hit-account-a1', 'Home')).toBe('hit-contact-c1');
    expect(nextActiveId(items, 'hit-contact-c1', 'End')).toBe('all-account');
  });
  it('starts over from the top when the highlighted row is gone, and has nothing to move to in an empty list', () => {
    expect(nextActiveId(items, 'hit-lead-gone', 'ArrowDown')).toBe('hit-contact-c1');
    expect(nextActiveId([], null, 'ArrowDown')).toBeNull();
  });
});

describe('palette shortcuts', () => {
  const key = (k: string, target: object | null, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods, target: target as EventTarget | null,
  });
  const body = { tagName: 'BODY' };
  const input = { tagName: 'INPUT', type: 'text' };
  it('opens with Ctrl+K or Cmd+K anywhere, also in a text field', () => {
    expect(opensPalette(key('k', body, { ctrlKey: true }))).toBe(true);
    expect(opensPalette(key('K', input, { metaKey: true }))).toBe(true);
    expect(opensPalette(key('k', body, { ctrlKey: true, altKey: true }))).toBe(false);
    expect(opensPalette(key('k', body))).toBe(false);
  });
  it('opens with / only outside text fields', () => {
    expect(opensPalette(key('/', body))).toBe(true);
    expect(opensPalette(key('/', { tagName: 'BUTTON' }))).toBe(true);
    expect(opensPalette(key('/', { tagName: 'INPUT', type: 'checkbox' }))).toBe(true);
    expect(opensPalette(key('/', input))).toBe(false);
    expect(opensPalette(key('/', { tagName: 'TEXTAREA' }))).toBe(false);
    expect(opensPalette(key('/', { tagName: 'DIV', isContentEditable: true }))).toBe(false);
    expect(opensPalette(key('/', body, { ctrlKey: true }))).toBe(false);
  });
  it('treats an input without a type as a text field', () => {
    expect(isTextEntry({ tagName: 'input' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry(null)).toBe(false);
  });
});

describe('create requests', () => {
  it('are answered once, by the module they are for', () => {
    requestCreate('contacts');
    expect(takeCreateRequest('deals')).toBe(false);
    expect(takeCreateRequest('contacts')).toBe(true);
    expect(takeCreateRequest('contacts')).toBe(false);
  });
});

describe('invalidQueryMessage', () => {
  const t = ((key: string, opts?: { count?: number }) => (opts?.count === undefined ? `<${key}>` : `<${key}:${opts.count}>`)) as unknown as TFunction;
  it('shows the server\'s reason a query could not be read, translated when it is a known field message', () => {
    expect(invalidQueryMessage(t, new ApiError(400, 'validation_failed', 'invalid request', { q: { code: 'max_characters', params: { max: 200 }, message: 'at most 200 characters' } }))).toBe('<fieldErrors.max_characters:200>');
    expect(invalidQueryMessage(t, new ApiError(400, 'validation_failed', 'a search needs a word to look for'))).toBe('a search needs a word to look for');
  });
});
