import type { Kysely, RawBuilder } from 'kysely';
import {
  searchTypeModules, searchTypes, type SearchHit, type SearchMatchKind, type SearchModule, type SearchResponse, type SearchTerm, type SearchType,
} from '@kontor/contract/search';
import { fuzzyDistance, parseSearchQuery } from '@kontor/contract/search-query';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { findCandidates, hasScope, matchesNothing, matchingRecords, type Candidate, type PreparedQuery } from './search.repository.ts';
import { vocabularyOf } from './vocabulary.ts';

/**
 * The global search (issue #12): per type, the best `limit` visible records. Ranks in order: every term an exact
 * word, then word starts, then inside words, then similar spellings (`~`). Within a rank the most recently changed
 * come first, and among a rank's `window` most recent candidates the actor's own records go before the others:
 * a bounded candidate set is ranked, never every match of a short fragment (docs/ARCHITECTURE.md, "Search").
 */

const ranks: SearchMatchKind[] = ['exact', 'prefix', 'substring', 'fuzzy'];
/**
 * How many similar words a `~` term expands to: each is a phrase the index intersects, so the closest few (24 cost
 * ~30 ms at 1M for a common surname; these are sorted by distance).
 */
const similarWords = 8;

/** Similar spellings for each `~` term, from the vocabulary of distinct words. */
export async function prepareQuery(db: Kysely<DB>, terms: SearchTerm[]): Promise<PreparedQuery> {
  const similar = new Map<SearchTerm, string[]>();
  const fuzzy = terms.filter((t) => t.kind === 'fuzzy');
  if (fuzzy.length > 0) {
    const vocabulary = await vocabularyOf(db);
    for (const term of fuzzy) similar.set(term, vocabulary.closest(term.text, fuzzyDistance([...term.text].length), similarWords).map((w) => w.word));
  }
  return { terms, similar };
}

async function rankedCandidates(db: Kysely<DB>, actor: Actor, module: SearchModule, query: PreparedQuery, limit: number) {
  const window = Math.max(limit * 3, 30);
  const hits: { candidate: Candidate; match: SearchMatchKind }[] = [];
  // The loosest literal rank first: a rare or misspelt term ("jonson") has few matches, and finding none inside
  // words walks the index once instead of once per rank. When they are fewer than a window they are all there is,
  // and the stricter ranks are picked from them by id.
  const loosest = hasScope(query, 'substring') ? await findCandidates(db, actor, module, query, 'substring', { limit: window, exclude: [] }) : null;
  const within = loosest && loosest.length < window ? loosest.map((c) => c.id) : undefined;
  for (const match of ranks) {
    if (hits.length >= limit) break;
    if (!hasScope(query, match)) continue;
    if (within && match !== 'fuzzy' && within.length === hits.length) continue;
    const found = await findCandidates(db, actor, module, query, match, { limit: window, exclude: hits.map((h) => h.candidate.id), within: match === 'fuzzy' ? undefined : within });
    const mineFirst = [...found].sort((a, b) => Number(b.owner_id === actor.id) - Number(a.owner_id === actor.id) || b.record_id - a.record_id);
    for (const candidate of mineFirst) hits.push({ candidate, match });
  }
  return hits.slice(0, limit);
}

async function accountNames(db: Kysely<DB>, actor: Actor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0 || !can(actor, 'view', 'accounts')) return new Map();
  const rows = await visibleRecords(db, actor, 'accounts').select(['accounts.id', 'accounts.name']).where('accounts.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function search(db: Kysely<DB>, actor: Actor, req: { q: string; types?: SearchType[]; limit: number }): Promise<SearchResponse> {
  const parsed = parseSearchQuery(req.q);
  if (!parsed.terms.some((t) => !t.negated)) return { data: [], notices: parsed.notices };
  const query = await prepareQuery(db, parsed.terms);
  const types = (req.types ?? [...searchTypes]).filter((t) => can(actor, 'view', searchTypeModules[t]));
  const groups: { type: SearchType; hits: Awaited<ReturnType<typeof rankedCandidates>> }[] = [];
  for (const type of types) groups.push({ type, hits: await rankedCandidates(db, actor, searchTypeModules[type], query, req.limit) });
  const accounts = await accountNames(db, actor, [...new Set(groups.flatMap((g) => g.hits.map((h) => h.candidate.account_id)).filter((id): id is number => id != null))]);
  const data: SearchHit[] = groups.flatMap(({ type, hits }) =>
    hits.map(({ candidate: c, match }) => {
      const accountName = c.account_id != null ? accounts.get(c.account_id) : undefined;
      return {
        type,
        id: toApiId(c.record_id),
        title: c.title,
        email: c.display_email,
        phone: c.display_phone,
        account: c.account_id != null && accountName !== undefined ? { id: toApiId(c.account_id), name: accountName } : null,
        company: c.company_name,
        match,
        ownedByMe: c.owner_id === actor.id,
        updatedAt: c.updated_at,
      };
    }),
  );
  return { data, notices: parsed.notices };
}

/**
 * The lists' `q` filter: the query language over the module's documents (null: no filter asked). Text with nothing
 * searchable in it (`%`, `*`) matches nothing, as in the global search; exclusions alone (`-acme`) filter the list.
 */
export async function listSearchFilter(db: Kysely<DB>, actor: Actor, module: SearchModule, q: string | undefined, alias: string = module): Promise<RawBuilder<boolean> | null> {
  if (!q) return null;
  const { terms } = parseSearchQuery(q);
  if (terms.length === 0) return matchesNothing();
  return matchingRecords(db, actor, module, await prepareQuery(db, terms), alias);
}
