import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { foldText, likeEscape } from '../../db/dialect.ts';
import type { Actor } from '../permissions/actor.ts';
import { listSearchFilter } from '../search/search.service.ts';

/** Activities are not in the search index: their list's `q` is a fragment of the folded subject. */
export function activitySubjectMatch(q: string): RawBuilder<boolean> {
  return sql<boolean>`activities.subject_sort like ${`%${likeEscape(foldText(q))}%`} escape '\\'`;
}

/** A list's `q` for any module: the search language (issue #12) where the module is indexed, else the subject fragment. */
export async function listTextFilter(db: Kysely<DB>, actor: Actor, module: Module, q: string | undefined): Promise<RawBuilder<boolean> | null> {
  if (!q) return null;
  return module === 'activities' ? activitySubjectMatch(q) : listSearchFilter(db, actor, module, q);
}
