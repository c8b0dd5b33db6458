import { sql } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { Actor } from '../permissions/actor.ts';
import type { SortColumn } from '../records/keyset.ts';
import { descriptorOf } from '../records/registry.ts';

/** Sort columns of a module for this reader: the descriptor's, plus `viewedAt` (when the reader last opened it). */
export function listSortColumns(actor: Actor, module: Module): Record<string, SortColumn> {
  const viewedAt = sql`(select v.visited_at from record_visits v where v.user_id = ${actor.id} and v.module = ${sql.lit(module)} and v.record_id = ${sql.ref(`${module}.id`)})`;
  return { ...descriptorOf(module).sortColumns, viewedAt: { column: `${module}.id`, kind: 'text', nullable: true, expr: viewedAt } };
}

