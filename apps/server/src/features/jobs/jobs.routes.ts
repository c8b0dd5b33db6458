import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { jobSchema } from '@kontor/contract/views';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { downloadHeaders } from '../attachments/attachment-names.ts';
import { cancelJob, getJob, listMyJobs, openJobFile } from './jobs.service.ts';

/** The caller's background jobs (mass actions, exports): list, poll, cancel, download what they wrote. */
export function jobsRoutes(app: FastifyInstance, database: Database): void {
  const { db } = database;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  r.get('/api/v1/jobs', { schema: { tags, response: { 200: z.object({ data: z.array(jobSchema) }) } } }, async (req) => ({ data: await listMyJobs(db, actorOf(req)) }));
  r.get('/api/v1/jobs/:id', { schema: { tags, params: idParamsSchema, response: { 200: jobSchema } } }, async (req) => getJob(db, actorOf(req), fromApiId(req.params.id)));
  r.post('/api/v1/jobs/:id/cancel', { schema: { tags, params: idParamsSchema, response: { 200: jobSchema } } }, async (req) => cancelJob(db, actorOf(req), fromApiId(req.params.id)));
  r.get('/api/v1/jobs/:id/download', { schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    const file = await openJobFile(db, actorOf(req), fromApiId(req.params.id));
    return reply.headers(downloadHeaders(file)).send(file.stream);
  });
}
