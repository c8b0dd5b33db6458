import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { modules } from '@kontor/contract/custom-fields';
import { defaultViewSchema, filterFieldsResponseSchema, viewCreateSchema, viewListQuerySchema, viewListResponseSchema, viewSchema, viewUpdateSchema } from '@kontor/contract/views';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { assertCan } from '../permissions/access.ts';
import { filterFields } from './field-catalog.ts';
import { recordVisitsHook } from './record-visits.ts';
import { changeView, chooseDefaultView, createView, getView, listViews, removeView } from './views.service.ts';

/** Saved and system list views (issue #13), the filter fields of each module and each user's default view. */
export function viewsRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['views'];
  recordVisitsHook(app, db);
  r.get('/api/v1/views', { schema: { tags, querystring: viewListQuerySchema, response: { 200: viewListResponseSchema } } }, async (req) =>
    listViews(db, actorOf(req), req.query.module),
  );
  r.get('/api/v1/views/fields', { schema: { tags, querystring: viewListQuerySchema, response: { 200: filterFieldsResponseSchema } } }, async (req) => {
    assertCan(actorOf(req), 'view', req.query.module);
    return filterFields(db, req.query.module);
  });
  r.post('/api/v1/views', { schema: { tags, body: viewCreateSchema, response: { 201: viewSchema } } }, async (req, reply) =>
    reply.status(201).send(await createView(db, actorOf(req), req.body)),
  );
  r.get('/api/v1/views/:id', { schema: { tags, params: idParamsSchema, response: { 200: viewSchema } } }, async (req) => getView(db, actorOf(req), fromApiId(req.params.id)));
  r.patch('/api/v1/views/:id', { schema: { tags, params: idParamsSchema, body: viewUpdateSchema, response: { 200: viewSchema } } }, async (req) =>
    changeView(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/views/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await removeView(db, actorOf(req), fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
  r.put(
    '/api/v1/views/default/:module',
    { schema: { tags, params: z.object({ module: z.enum(modules) }).strict(), body: defaultViewSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await chooseDefaultView(db, actorOf(req), req.params.module, req.body.viewId);
      return reply.status(204).send(null);
    },
  );
}
