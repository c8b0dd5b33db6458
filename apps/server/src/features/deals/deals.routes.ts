import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listResponseSchema, versionSchema } from '@kontor/contract/common';
import { dealBoardQuerySchema, dealBoardSchema, dealCreateSchema, dealListItemSchema, dealListQuerySchema, dealSchema, dealUpdateSchema } from '@kontor/contract/deals';
import type { Database } from '../../db/database.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { deleteRecord, restoreRecord } from '../recycle-bin/recycle-bin.service.ts';
import { relatedDeals } from '../records/related-lists.ts';
import { assertVisibleParent } from '../records/visible-parent.ts';
import { createDeal, dealBoard, getDeal, listDeals, loadDeal, updateDeal } from './deals.service.ts';

export function dealsRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];
  const list = listResponseSchema(dealListItemSchema);

  r.get('/api/v1/deals', { schema: { tags, querystring: dealListQuerySchema, response: { 200: list } } }, async (req) => listDeals(readerFor(req, database), actorOf(req), req.query));
  r.get('/api/v1/deals/board', { schema: { tags, querystring: dealBoardQuerySchema, response: { 200: dealBoardSchema } } }, async (req) =>
    dealBoard(readerFor(req, database), actorOf(req), req.query),
  );
  r.post('/api/v1/deals', { schema: { tags, body: dealCreateSchema, response: { 201: dealSchema } } }, async (req, reply) =>
    reply.status(201).send(await createDeal(db, actorOf(req), req.body)),
  );
  r.get('/api/v1/deals/:id', { schema: { tags, params: idParamsSchema, response: { 200: dealSchema } } }, async (req) => getDeal(db, actorOf(req), fromApiId(req.params.id)));
  r.patch('/api/v1/deals/:id', { schema: { tags, params: idParamsSchema, body: dealUpdateSchema, response: { 200: dealSchema } } }, async (req) =>
    updateDeal(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/deals/:id', { schema: { tags, params: idParamsSchema, querystring: z.object({ version: z.coerce.number().pipe(versionSchema).optional() }), response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRecord(db, actorOf(req), 'deals', fromApiId(req.params.id), req.query);
    return reply.status(204).send(null);
  });
  r.post('/api/v1/deals/:id/restore', { schema: { tags, params: idParamsSchema, response: { 200: dealSchema } } }, async (req) => {
    const id = fromApiId(req.params.id);
    await restoreRecord(db, actorOf(req), 'deals', id);
    return loadDeal(db, actorOf(req), id);
  });

  // Related lists: the deals of an account or a contact the reader can see (404 for a hidden account or contact).
  const related = dealListQuerySchema.omit({ accountId: true, contactId: true });
  for (const module of ['accounts', 'contacts'] as const) {
    r.get(`/api/v1/${module}/:id/deals`, { schema: { tags, params: idParamsSchema, querystring: related, response: { 200: list } } }, async (req) => {
      const [actor, reader] = [actorOf(req), readerFor(req, database)];
      return relatedDeals(reader, actor, await assertVisibleParent(reader, actor, module, fromApiId(req.params.id)), req.query);
    });
  }
}
