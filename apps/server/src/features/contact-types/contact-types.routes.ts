import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { contactTypeCreateSchema, contactTypeDeleteQuery, contactTypeSchema, contactTypeUpdateSchema } from '@kontor/contract/tags';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { createContactType, deleteContactType, listContactTypes, updateContactType } from './contact-types.service.ts';

export function contactTypesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contact types'];
  r.get('/api/v1/contact-types', { schema: { tags, response: { 200: z.object({ data: z.array(contactTypeSchema) }) } } }, async (req) => {
    actorOf(req);
    return { data: await listContactTypes(db) };
  });
  r.post('/api/v1/contact-types', { schema: { tags, body: contactTypeCreateSchema, response: { 201: contactTypeSchema } } }, async (req, reply) =>
    reply.status(201).send(await createContactType(db, actorOf(req), req.body)),
  );
  r.patch('/api/v1/contact-types/:id', { schema: { tags, params: idParamsSchema, body: contactTypeUpdateSchema, response: { 200: contactTypeSchema } } }, async (req) =>
    updateContactType(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/contact-types/:id', { schema: { tags, params: idParamsSchema, querystring: contactTypeDeleteQuery, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteContactType(db, actorOf(req), fromApiId(req.params.id), req.query.replaceWith ? fromApiId(req.query.replaceWith) : undefined);
    return reply.status(204).send(null);
  });
}
