import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { modules } from '@kontor/contract/custom-fields';
import { bulkRequestSchema, jobSchema } from '@kontor/contract/views';
import type { Database } from '../../db/database.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { registerJobHandler } from '../jobs/jobs.runner.ts';
import { runBulkJob, startBulk } from './bulk.service.ts';

/**
 * `POST /api/v1/{module}/bulk` for every record module: a mass action on the records picked or on a list's whole
 * result, answered 202 with its job (already finished for small sets; poll `GET /api/v1/jobs/:id` otherwise).
 */
export function bulkRoutes(app: FastifyInstance, database: Database): void {
  const { db } = database;
  registerJobHandler('bulk', runBulkJob);
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const module of modules) {
    r.post(`/api/v1/${module}/bulk`, { schema: { tags: ['mass actions'], body: bulkRequestSchema, response: { 202: jobSchema } } }, async (req, reply) =>
      reply.status(202).send(await startBulk(db, actorOf(req), module, req.body, req.ip)),
    );
  }
}
