import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { ErrorBody } from '@kontor/contract/errors';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { recordsForRules, visibleRecords } from './visible-records.ts';

/**
 * Tombstones (issue #16): a record merged into another stays as a deleted row with `merged_into_id` (the survivor),
 * outside the recycle bin. Its old id keeps working: a GET of the record or of anything below it answers 307 to the
 * same path with the survivor's id (never cached: an undo of the merge gives the old id its record back); every other
 * method answers 410 `record_merged` naming the survivor. Both only when the caller may see the survivor; otherwise the
 * record is as missing as before (404).
 *
 * The hook sits where every record route ends when a record is missing or hidden: the 404 the route answers. So no
 * route can forget it, and a request that finds its record pays nothing.
 */

/** The modules whose records can be merged (and so have tombstones): the tables with `merged_into_id`. */
export const tombstoneModules = ['contacts', 'accounts'] as const satisfies readonly Module[];
export type TombstoneModule = (typeof tombstoneModules)[number];
export const hasTombstones = (module: Module): module is TombstoneModule => (tombstoneModules as readonly string[]).includes(module);

/** `<alias> is not a tombstone`, for reads of deleted rows that mean the recycle bin (true for modules without merges). */
export function notTombstone(module: Module, alias: string = module): RawBuilder<boolean> {
  return hasTombstones(module) ? sql<boolean>`${sql.ref(`${alias}.merged_into_id`)} is null` : sql<boolean>`1 = 1`;
}

/** How many merges a chain may take before the lookup gives up (A merged into B, B into C, ...). */
export const MAX_MERGE_CHAIN = 10;

/**
 * The live record a tombstone's chain ends at, when the actor may see it; undefined for an id that is no tombstone,
 * a chain longer than MAX_MERGE_CHAIN or ending at a missing, deleted or hidden record. The tombstones themselves are
 * read whoever asks (a rule: only the survivor's visibility decides, and nothing of a tombstone is answered).
 */
export async function visibleSurvivorOf(db: Kysely<DB>, actor: Actor, module: TombstoneModule, id: number): Promise<number | undefined> {
  const end = await mergeChainEnd(db, module, id);
  if (end === undefined || !can(actor, 'view', module)) return undefined;
  const qb = visibleRecords(db, actor, module) as unknown as SelectQueryBuilder<DB, 'contacts', object>;
  const row = await qb.select('id').where('id', '=', end).executeTakeFirst();
  return row?.id;
}

/** The id at the end of a tombstone's merge chain; undefined when `id` is no tombstone or the chain is too long. */
export async function mergeChainEnd(db: Kysely<DB>, module: TombstoneModule, id: number): Promise<number | undefined> {
  let current = id;
  for (let step = 0; step <= MAX_MERGE_CHAIN; step++) {
    const row = await (recordsForRules(db, module) as unknown as SelectQueryBuilder<DB, 'contacts', object>)
      .select('merged_into_id')
      .where('id', '=', current)
      .executeTakeFirst();
    const next = row?.merged_into_id ?? null;
    if (next === null) return step === 0 ? undefined : current;
    current = next;
  }
  return undefined;
}

/** `/api/v1/{contacts|accounts}/{id}` and anything below it. */
const RECORD_PATH = /^\/api\/v1\/(contacts|accounts)\/([1-9][0-9]{0,9})(\/[^?]*)?$/;

/** The module, id and rest of a record path, or undefined for another path. */
export function recordPathOf(url: string): { module: TombstoneModule; id: number; rest: string; query: string } | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const m = RECORD_PATH.exec(path);
  if (!m) return undefined;
  const id = Number(m[2]);
  if (id > 2_147_483_647) return undefined;
  return { module: m[1] as TombstoneModule, id, rest: m[3] ?? '', query: q < 0 ? '' : url.slice(q) };
}

const mergedBody = (survivorId: number): ErrorBody => ({
  error: { code: 'record_merged', message: 'This record was merged into another one.', details: { survivorId: toApiId(survivorId) } },
});

/**
 * Turns a record route's 404 into the tombstone's answer (see above). Runs in `onSend`, so it sees the status every
 * route and error path settled on; only a 404 of a matched route under a record path costs a lookup.
 */
export function registerTombstones(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (reply.statusCode !== 404 || !request.actor || !request.routeOptions.url) return payload;
    const target = recordPathOf(request.url);
    if (!target) return payload;
    const survivor = await visibleSurvivorOf(db, request.actor, target.module, target.id);
    if (survivor === undefined) return payload;
    if (request.method === 'GET' || request.method === 'HEAD') {
      // 307, never cached: an undo of the merge gives the old id its own record back.
      reply.code(307).header('location', `/api/v1/${target.module}/${survivor}${target.rest}${target.query}`).header('cache-control', 'no-store').removeHeader('content-type');
      return '';
    }
    reply.code(410).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(mergedBody(survivor));
  });
}
