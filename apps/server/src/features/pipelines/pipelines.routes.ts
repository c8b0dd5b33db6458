import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { pipelineCreateSchema, pipelineDeleteQuery, pipelineSchema, pipelineUpdateSchema } from '@kontor/contract/deals';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { createPipeline, deletePipeline, getPipeline, listPipelines, updatePipeline } from './pipelines.service.ts';

export function pipelinesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipelines'];
  r.get('/api/v1/pipelines', { schema: { tags, response: { 200: z.object({ data: z.array(pipelineSchema) }) } } }, async (req) => {
    actorOf(req);
    return { data: await listPipelines(db) };
  });
  r.get('/api/v1/pipelines/:id', { schema: { tags, params: idParamsSchema, response: { 200: pipelineSchema } } }, async (req) => {
    actorOf(req);
    return getPipeline(db, fromApiId(req.params.id));
  });
  r.post('/api/v1/pipelines', { schema: { tags, body: pipelineCreateSchema, response: { 201: pipelineSchema } } }, async (req, reply) =>
    reply.status(201).send(await createPipeline(db, actorOf(req), req.body, req.ip)),
  );
  r.patch('/api/v1/pipelines/:id', { schema: { tags, params: idParamsSchema, body: pipelineUpdateSchema, response: { 200: pipelineSchema } } }, async (req) =>
    updatePipeline(db, actorOf(req), fromApiId(req.params.id), req.body, req.ip),
  );
  r.delete('/api/v1/pipelines/:id', { schema: { tags, params: idParamsSchema, querystring: pipelineDeleteQuery, response: { 204: z.null() } } }, async (req, reply) => {
    await deletePipeline(db, actorOf(req), fromApiId(req.params.id), req.query.moveTo === undefined ? undefined : fromApiId(req.query.moveTo), req.ip);
    return reply.status(204).send(null);
  });
}
