/** List filters kept in the URL, so back / forward and reload keep the user's place. */
export interface ListSearch {
  q?: string;
  letter?: string;
  sort?: string;
  ownerId?: string;
  contactType?: string;
  tag?: string;
}

const str = (v: unknown, max = 100): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, max) : typeof v === 'number' ? String(v) : undefined);

export function parseListSearch(s: Record<string, unknown>): ListSearch {
  return { q: str(s.q), letter: str(s.letter, 1), sort: str(s.sort, 40), ownerId: str(s.ownerId, 20), contactType: str(s.contactType, 20), tag: str(s.tag, 50) };
}

export const hasFilters = (s: ListSearch) => Boolean(s.q || s.letter || s.ownerId || s.contactType || s.tag);

export const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '#'];
