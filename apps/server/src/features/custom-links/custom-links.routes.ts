import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { modules } from '@kontor/contract/custom-fields';
import { customLinkCreateSchema, customLinkListSchema, customLinkSchema, customLinkUpdateSchema } from '@kontor/contract/custom-links';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { createCustomLink, deleteCustomLink, listCustomLinks, updateCustomLink } from './custom-links.service.ts';

export function customLinksRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['custom links'];
  r.get('/api/v1/custom-links', { schema: { tags, querystring: z.object({ module: z.enum(modules).optional() }), response: { 200: customLinkListSchema } } }, async (req) => {
    actorOf(req);
    return listCustomLinks(db, req.query.module);
  });
  r.post('/api/v1/custom-links', { schema: { tags, body: customLinkCreateSchema, response: { 201: customLinkSchema } } }, async (req, reply) =>
    reply.status(201).send(await createCustomLink(db, actorOf(req), req.body)),
  );
  r.patch('/api/v1/custom-links/:id', { schema: { tags, params: idParamsSchema, body: customLinkUpdateSchema, response: { 200: customLinkSchema } } }, async (req) =>
    updateCustomLink(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/custom-links/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteCustomLink(db, actorOf(req), fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
}
