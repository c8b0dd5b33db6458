import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { tagCreateSchema, tagMergeSchema, tagSchema, tagUpdateSchema } from '@kontor/contract/tags';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { createTag, deleteTag, listTags, mergeTag, updateTag } from './tags.service.ts';

export function tagsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tags'];
  r.get('/api/v1/tags', { schema: { tags, response: { 200: z.object({ data: z.array(tagSchema) }) } } }, async (req) => {
    return { data: await listTags(db, actorOf(req)) };
  });
  r.post('/api/v1/tags', { schema: { tags, body: tagCreateSchema, response: { 201: tagSchema } } }, async (req, reply) =>
    reply.status(201).send(await createTag(db, actorOf(req), req.body)),
  );
  r.patch('/api/v1/tags/:id', { schema: { tags, params: idParamsSchema, body: tagUpdateSchema, response: { 200: tagSchema } } }, async (req) =>
    updateTag(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/tags/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteTag(db, actorOf(req), fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
  r.post('/api/v1/tags/:id/merge', { schema: { tags, params: idParamsSchema, body: tagMergeSchema, response: { 200: tagSchema } } }, async (req) =>
    mergeTag(db, actorOf(req), fromApiId(req.params.id), fromApiId(req.body.intoId)),
  );
}
