import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { SearchVocabulary } from './fuzzy.ts';

/**
 * Each process keeps the distinct words (`search_words`) in memory for `~`, and before each fuzzy search reads only
 * the words added since it last looked (ids only grow: SQLite's are AUTOINCREMENT, PostgreSQL's an identity), so a
 * name saved by another process is found as a similar spelling on the next search. A word whose records are gone
 * finds nothing; `kontor search reindex` rebuilds the table.
 */
interface Loaded {
  vocabulary: SearchVocabulary;
  lastId: number;
}

const loaded = new WeakMap<Kysely<DB>, Loaded>();
const page = 50_000;

export async function vocabularyOf(db: Kysely<DB>): Promise<SearchVocabulary> {
  let state = loaded.get(db);
  if (!state) {
    state = { vocabulary: new SearchVocabulary(), lastId: 0 };
    loaded.set(db, state);
  }
  for (;;) {
    const rows = await db.selectFrom('search_words').select(['id', 'word']).where('id', '>', state.lastId).orderBy('id').limit(page).execute();
    if (rows.length === 0) break;
    state.vocabulary.add(rows.map((r) => r.word));
    state.lastId = rows[rows.length - 1]?.id ?? state.lastId;
    if (rows.length < page) break;
  }
  return state.vocabulary;
}
