import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { SearchModule, SearchTerm } from '@kontor/contract/search';
import type { DB } from '../../db/schema.ts';
import { isSqlite, likeEscape } from '../../db/dialect.ts';
import type { Actor } from '../permissions/actor.ts';
import { descriptorOf } from '../records/registry.ts';
import { joinableRecord, visibleExists } from '../records/visible-records.ts';
import { alternatives, ftsQuery, ftsWithoutCompany, rankless, singleLetter, termCondition, termFts, type MatchScope } from './match.ts';

/**
 * The documents matching a parsed query, newest change first, only those of records the actor may see (issue #12).
 * SQLite walks its trigram FTS5 index in descending rowid order and stops at the limit: candidates are never all
 * ranked, however many a short fragment matches. Without an indexable term the documents are read newest first.
 * PostgreSQL answers the same LIKE tests from its pg_trgm index on the body.
 */

/** What a hit needs of its document. */
export type Candidate = Pick<
  Selectable<DB['search_documents']>,
  'id' | 'record_id' | 'owner_id' | 'title' | 'display_email' | 'display_phone' | 'account_id' | 'company_name' | 'updated_at'
>;

/** A parsed query with the similar words found for its `~` terms. */
export interface PreparedQuery {
  terms: SearchTerm[];
  similar: Map<SearchTerm, string[]>;
}

/** For a reader who may not see every account: the document's account, whose name is its `company`, is visible. */
function companyVisible(actor: Actor, module: SearchModule, alias: string): RawBuilder<boolean> | null {
  if (actor.isAdmin || !descriptorOf(module).search?.accountColumn) return null;
  const account = sql.ref(`${alias}.account_id`);
  return sql<boolean>`(${account} is null or ${visibleExists(actor, 'accounts', 'sa', sql<boolean>`sa.id = ${account}`)})`;
}

function conditions(actor: Actor, module: SearchModule, query: PreparedQuery, scope: MatchScope, alias: string) {
  const guard = companyVisible(actor, module, alias);
  const parts = query.terms.map((term) => {
    // Excluded terms exclude whatever they match at any rank.
    const alts = alternatives(term, term.negated ? 'any' : scope, query.similar.get(term) ?? []);
    return { term, alts, test: termCondition(term, alts, alias, guard) };
  });
  return { fts: ftsQuery(parts), tests: sql.join(parts.map((p) => p.test), sql` and `) };
}

/** Does the query have a match at this rank at all (a plain-word query has no fuzzy rank)? */
export function hasScope(query: PreparedQuery, scope: MatchScope): boolean {
  const positive = query.terms.filter((t) => !t.negated);
  if (scope === 'fuzzy') return positive.some((t) => t.kind === 'fuzzy' && (query.similar.get(t) ?? []).length > 0);
  // The looser ranks would find again what the exact one found (each time walking the whole index for a rare term).
  if (scope === 'prefix' || scope === 'substring') return !positive.every(rankless);
  return true;
}

/** The record, for its visibility (an administrator sees all). SQLite's CROSS JOIN keeps the index walk outermost. */
const visibleJoin = (db: Kysely<DB>, actor: Actor, module: SearchModule) =>
  actor.isAdmin ? sql`` : sql` ${sql.raw(isSqlite(db) ? 'cross join' : 'join')} ${sql.table(module)} as r on r.id = d.record_id and ${joinableRecord(actor, module, 'r')}`;

export async function findCandidates(
  db: Kysely<DB>,
  actor: Actor,
  module: SearchModule,
  query: PreparedQuery,
  scope: MatchScope,
  opts: { limit: number; exclude: number[]; within?: number[] },
): Promise<Candidate[]> {
  const { tests, ...rest } = conditions(actor, module, query, scope, 'd');
  // Among documents already found (`within`): read them by id instead of walking the index again.
  const fts = opts.within ? null : rest.fts;
  const exclude = opts.exclude.length > 0 ? sql` and d.id not in (${sql.join(opts.exclude)})` : sql``;
  const within = opts.within ? sql` and d.id in (${sql.join(opts.within)})` : sql``;
  const columns = sql`d.id, d.record_id, d.owner_id, d.title, d.display_email, d.display_phone, d.account_id, d.company_name, d.updated_at`;
  const ftsTable = sql.table(`search_fts_${module}`);
  const statement =
    isSqlite(db) && fts !== null
      ? sql<Candidate>`select ${columns} from ${ftsTable} cross join search_documents d on d.module = ${module} and d.record_id = ${ftsTable}.rowid${visibleJoin(db, actor, module)}
          where ${ftsTable} match ${fts} and ${tests}${exclude} order by ${ftsTable}.rowid desc limit ${opts.limit}`
      : sql<Candidate>`select ${columns} from search_documents d${visibleJoin(db, actor, module)}
          where d.module = ${module} and ${tests}${exclude}${within} order by d.record_id desc limit ${opts.limit}`;
  return (await statement.execute(db)).rows;
}

/**
 * `alias.id` is a record matching the query (the lists' `q` filter); visibility is the list's own. A lone letter
 * cannot be looked up in the trigram index and a list wants every match in its order: it filters the names starting
 * with it, from the sort key's b-tree (as the A-Z index does). On SQLite a query of plain words, phrases, phone
 * numbers and similar spellings is answered from the FTS5 index alone (its rowid is the record's id), one lookup per
 * term; patterns and short fragments are tested on the documents.
 */
export function matchingRecords(db: Kysely<DB>, actor: Actor, module: SearchModule, query: PreparedQuery, alias: string): RawBuilder<boolean> {
  const letter = singleLetter(query.terms);
  if (letter !== null) return startsWith(db, sql.ref(`${alias}.${descriptorOf(module).sortKeyColumn.split('.')[1] ?? ''}`), letter);
  if (isSqlite(db)) {
    const fromIndex = indexOnlyMatch(actor, module, query, alias);
    if (fromIndex) return fromIndex;
  }
  const { fts, tests } = conditions(actor, module, query, 'any', 'd');
  const id = sql.ref(`${alias}.id`);
  const ftsTable = sql.table(`search_fts_${module}`);
  return isSqlite(db) && fts !== null
    ? sql<boolean>`${id} in (select d.record_id from ${ftsTable} cross join search_documents d on d.module = ${module} and d.record_id = ${ftsTable}.rowid where ${ftsTable} match ${fts} and ${tests})`
    : sql<boolean>`${id} in (select d.record_id from search_documents d where d.module = ${module} and ${tests})`;
}

/**
 * Each term as `id in (rowids the index matches)`; null when a term needs the document (a pattern, a fragment too
 * short for trigrams). For a reader who may not see every account, the account's name (`company`) counts only when
 * the record's account is visible, as in `termCondition`.
 */
function indexOnlyMatch(actor: Actor, module: SearchModule, query: PreparedQuery, alias: string): RawBuilder<boolean> | null {
  const id = sql.ref(`${alias}.id`);
  const ftsTable = sql.table(`search_fts_${module}`);
  const rowids = (expr: string) => sql`${id} in (select rowid from ${ftsTable} where ${ftsTable} match ${expr})`;
  const guard = companyVisible(actor, module, alias);
  const parts: RawBuilder<unknown>[] = [];
  for (const term of query.terms) {
    const alts = alternatives(term, 'any', query.similar.get(term) ?? []);
    const expr = termFts(alts);
    if (expr === null || !alts.every((a) => a.exactOnIndex)) return null;
    let test: RawBuilder<unknown>;
    if (guard && term.field === 'company') test = sql`(${rowids(`company : ${expr}`)} and ${guard})`;
    else if (guard && term.field === null) test = sql`(${rowids(`${ftsWithoutCompany} : ${expr}`)} or (${rowids(`company : ${expr}`)} and ${guard}))`;
    else test = rowids(term.field ? `${term.field} : ${expr}` : expr);
    parts.push(term.negated ? sql`not ${test}` : test);
  }
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** The filter of a query with nothing to look for (`%`, `*`). */
export const matchesNothing = (): RawBuilder<boolean> => sql<boolean>`1 = 0`;

/** `column` starts with `prefix`, as a range a b-tree serves on SQLite (its LIKE ignores case, so no index). */
function startsWith(db: Kysely<DB>, column: RawBuilder<unknown>, prefix: string): RawBuilder<boolean> {
  if (!isSqlite(db)) return sql<boolean>`${column} like ${`${likeEscape(prefix)}%`} escape '\\'`;
  const upper = String.fromCodePoint((prefix.codePointAt(0) ?? 0) + 1);
  return sql<boolean>`(${column} >= ${prefix} and ${column} < ${upper})`;
}
