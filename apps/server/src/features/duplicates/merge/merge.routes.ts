import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { duplicateModules, mergeInfoSchema, mergeResponseSchema, mergeSchema } from '@kontor/contract/duplicates';
import type { Database } from '../../../db/database.ts';
import { fromApiId } from '../../../lib/ids.ts';
import { actorOf } from '../../auth/auth.plugin.ts';
import { registerTombstones } from '../../records/tombstones.ts';
import { getMerge, undoMerge } from './merge-undo.service.ts';
import { mergeRecords } from './merge.service.ts';

/** What an undo answers: the survivor as GET answers it, and the ids of the records it brought back. */
const mergeUndoResponseSchema = z.object({ record: z.record(z.string(), z.unknown()), restoredIds: z.array(z.string()) });

/**
 * Merges (issue #16): `POST /{contacts|accounts}/merge`, `GET /merges/{id}`, `POST /merges/{id}/undo`; and the answers
 * of merged records' old ids (records/tombstones.ts), which every record route gets.
 */
export function mergeRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerTombstones(app, db);
  for (const module of duplicateModules) {
    r.post(`/api/v1/${module}/merge`, { schema: { tags: [module], body: mergeSchema, response: { 200: mergeResponseSchema } } }, async (req) =>
      mergeRecords(db, actorOf(req), module, req.body),
    );
  }
  r.get('/api/v1/merges/:id', { schema: { tags: ['merges'], params: idParamsSchema, response: { 200: mergeInfoSchema } } }, async (req) =>
    getMerge(db, actorOf(req), fromApiId(req.params.id)),
  );
  r.post('/api/v1/merges/:id/undo', { schema: { tags: ['merges'], params: idParamsSchema, response: { 200: mergeUndoResponseSchema } } }, async (req) =>
    undoMerge(db, actorOf(req), fromApiId(req.params.id)),
  );
}
