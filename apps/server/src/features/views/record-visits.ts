import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { modules, type Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { recordVisit } from './views.repository.ts';

/** The routes that open one record: `GET /api/v1/{module}/:id` and a record page `GET /api/v1/{module}/:id/page`. */
const opening = new Map<string, Module>(modules.flatMap((m) => [[`/api/v1/${m}/:id`, m] as const, [`/api/v1/${m}/:id/page`, m] as const]));

/**
 * Remembers that a user opened a record, for the Unread and Recently viewed views: one hook for every route that
 * opens a record, so no module can forget it. Written before the answer leaves (an upsert by primary key), so the
 * next list the user asks for already knows.
 */
export function recordVisitsHook(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const module = req.method === 'GET' && reply.statusCode === 200 ? opening.get(req.routeOptions.url ?? '') : undefined;
    const id = (req.params as { id?: string } | undefined)?.id;
    if (module && id) await recordVisit(db, actorOf(req).id, module, fromApiId(id));
    return payload;
  });
}
