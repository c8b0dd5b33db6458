import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { customFieldCreateSchema, customFieldDefinitionSchema, customFieldUpdateSchema, modules } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './custom-fields.service.ts';

export function customFieldsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['custom fields'];
  r.get(
    '/api/v1/custom-fields',
    { schema: { tags, querystring: z.object({ module: z.enum(modules) }), response: { 200: z.object({ data: z.array(customFieldDefinitionSchema) }) } } },
    async (req) => {
      actorOf(req);
      return { data: await listCustomFields(db, req.query.module) };
    },
  );
  r.post('/api/v1/custom-fields', { schema: { tags, body: customFieldCreateSchema, response: { 201: customFieldDefinitionSchema } } }, async (req, reply) =>
    reply.status(201).send(await createCustomField(db, actorOf(req), req.body)),
  );
  r.patch(
    '/api/v1/custom-fields/:id',
    { schema: { tags, params: idParamsSchema, body: customFieldUpdateSchema, response: { 200: customFieldDefinitionSchema } } },
    async (req) => updateCustomField(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/custom-fields/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteCustomField(db, actorOf(req), fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
}
