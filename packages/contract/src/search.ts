import { z } from 'zod';
import type { Module } from './custom-fields.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Search (issue #12): one query language (seed 002, ONLYOFFICE) over accounts, contacts, leads and deals, answered by
 * `GET /api/v1/search` and used as the `q` filter of their lists. The parser lives in `search-query.ts`.
 */

/** What a search can return, in the order the global search shows the groups. */
export const searchTypes = ['contact', 'account', 'lead', 'deal'] as const;
export type SearchType = (typeof searchTypes)[number];

export const searchTypeModules = { contact: 'contacts', account: 'accounts', lead: 'leads', deal: 'deals' } as const satisfies Record<SearchType, Module>;
export type SearchModule = (typeof searchTypeModules)[SearchType];

/**
 * The parts of a record a term can be restricted to with a prefix (`email:*@acme.com`, `city:Berlin`, `tag:vip`).
 * A term without a prefix matches any of them.
 */
export const searchFields = ['name', 'company', 'position', 'email', 'phone', 'website', 'city', 'tag'] as const;
export type SearchField = (typeof searchFields)[number];

/** The prefixes users type, lower-cased, for each field (English words and the obvious short forms). */
export const searchFieldPrefixes: Record<string, SearchField> = {
  name: 'name',
  company: 'company',
  account: 'company',
  org: 'company',
  position: 'position',
  title: 'position',
  email: 'email',
  mail: 'email',
  phone: 'phone',
  tel: 'phone',
  website: 'website',
  web: 'website',
  url: 'website',
  city: 'city',
  tag: 'tag',
  tags: 'tag',
};

/**
 * One term of a parsed query. Terms are combined with AND; a negated term excludes the records it matches.
 * - `word`: a fragment; it matches inside any word (ranked exact word > word prefix > inside a word).
 * - `phrase`: `"…"`: these words, adjacent and in this order (same ranking as a word).
 * - `pattern`: a word with `?` (exactly one character) and/or `*` (any run, also none) that a WHOLE word must
 *   match: `Sm?th` finds Smith and Smyth, `O*` words starting with o, `*@acme.com` an address ending so.
 * - `fuzzy`: `term~`: words within an edit distance scaled to the length (see `fuzzyDistance`).
 * - `phone`: a run of digits typed in any phone format; `text` holds its national significant digits.
 */
export type SearchTermKind = 'word' | 'phrase' | 'pattern' | 'fuzzy' | 'phone';

export interface SearchTerm {
  kind: SearchTermKind;
  /**
   * The searchable form (`foldForSearch`): lower case, accents removed, one space between words, Han characters
   * spaced apart. For `pattern` the `?` and `*` stay in place; for `phone` only digits.
   */
  text: string;
  /** The field the term is restricted to, or null for every field. */
  field: SearchField | null;
  negated: boolean;
  /** The term as typed (for messages). */
  raw: string;
}

/** Why a query was read differently from how it was typed; the UI words each code in the user's language. */
export const searchNoticeCodes = [
  /** `"emma patel` - an opening quote without its closing one: read as if closed at the end. */
  'unbalanced_quote',
  /** `*` or `?` alone, or only wildcards: there is nothing to look for, so the term is left out. */
  'wildcard_only',
  /** `foo:bar` where foo is no field: read as the plain text `foo:bar`. */
  'unknown_field',
  /** `-term` with nothing else to search: a search needs at least one term that is not excluded. */
  'only_exclusions',
  /** More terms than a search takes (`maxSearchTerms`): the rest are left out. */
  'too_many_terms',
  /** A fuzzy term too short to have similar spellings (`ab~`): searched as typed. */
  'fuzzy_too_short',
] as const;
export type SearchNoticeCode = (typeof searchNoticeCodes)[number];

export const searchNoticeSchema = z.object({ code: z.enum(searchNoticeCodes), term: z.string().optional() });
export type SearchNotice = z.infer<typeof searchNoticeSchema>;

export interface ParsedSearchQuery {
  terms: SearchTerm[];
  notices: SearchNotice[];
}

/** At most this many terms are searched; more are left out with a notice. */
export const maxSearchTerms = 8;
export const maxSearchQueryLength = 200;

/** `q` as lists and the search endpoint take it. */
export const searchQueryText = z.string().max(maxSearchQueryLength);

const typesParam = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((s) => !(searchTypes as readonly string[]).includes(s));
    if (bad.length > 0 || list.length === 0) {
      ctx.addIssue({ code: 'custom', message: fieldCode('search_types'), params: { allowed: searchTypes.join(', ') } });
      return z.NEVER;
    }
    return [...new Set(list)] as SearchType[];
  });

/** `GET /api/v1/search?q=…&types=contact,account&limit=…`; `limit` is per type. */
export const searchRequestSchema = z.object({
  q: searchQueryText,
  types: typesParam.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchRequest = z.input<typeof searchRequestSchema>;

/** How a hit matched its best term: the first key of the ranking, before recency and ownership. */
export const searchMatchKinds = ['exact', 'prefix', 'substring', 'fuzzy'] as const;
export type SearchMatchKind = (typeof searchMatchKinds)[number];

export const searchHitSchema = z.object({
  type: z.enum(searchTypes),
  id: z.string(),
  title: z.string(),
  /** The primary e-mail and phone as stored. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** A contact's or deal's account; a lead's company name has no id. */
  account: z.object({ id: z.string(), name: z.string() }).nullable(),
  company: z.string().nullable(),
  match: z.enum(searchMatchKinds),
  ownedByMe: z.boolean(),
  updatedAt: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** Hits grouped by type (in `types` order), each group best first. */
export const searchResponseSchema = z.object({ data: z.array(searchHitSchema), notices: z.array(searchNoticeSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;
