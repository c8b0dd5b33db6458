import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  duplicateCheckResponseSchema, duplicateCheckSchema, duplicateDismissSchema, duplicateListQuerySchema, duplicateListResponseSchema, duplicateModules,
} from '@kontor/contract/duplicates';
import type { Database } from '../../db/database.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { checkDuplicates, dismissDuplicates, listClusters } from './duplicates.service.ts';

/**
 * `/api/v1/{contacts|accounts}/duplicates` (issue #16; docs/API.md "Duplicates"): the clusters, the check on entry and
 * "not a duplicate". Merging is `features/duplicates/merge/`.
 */
export function duplicatesRoutes(app: FastifyInstance, database: Database): void {
  const { db } = database;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['duplicates'];
  for (const module of duplicateModules) {
    r.get(`/api/v1/${module}/duplicates`, { schema: { tags, querystring: duplicateListQuerySchema, response: { 200: duplicateListResponseSchema } } }, async (req) =>
      listClusters(db, actorOf(req), module, req.query),
    );
    r.post(`/api/v1/${module}/duplicates/check`, { schema: { tags, body: duplicateCheckSchema, response: { 200: duplicateCheckResponseSchema } } }, async (req) =>
      checkDuplicates(db, actorOf(req), module, req.body),
    );
    r.post(`/api/v1/${module}/duplicates/dismiss`, { schema: { tags, body: duplicateDismissSchema } }, async (req, reply) => {
      await dismissDuplicates(db, actorOf(req), module, req.body);
      return reply.status(204).send();
    });
  }
}
