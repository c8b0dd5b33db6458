import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '@kontor/contract/common';
import { modules } from '@kontor/contract/custom-fields';
import { timelinePageSchema, timelineQuerySchema } from '@kontor/contract/timeline';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { assertVisibleParent } from '../records/visible-parent.ts';
import { listTimeline } from './timeline.service.ts';

/** `GET /{module}/{id}/timeline` for every record module. */
export function timelineRoutes(app: FastifyInstance, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const module of modules) {
    r.get(`/api/v1/${module}/:id/timeline`, { schema: { tags: [module], params: idParamsSchema, querystring: timelineQuerySchema, response: { 200: timelinePageSchema } } }, async (req) =>
      listTimeline(readerFor(req, database), actorOf(req), await assertVisibleParent(readerFor(req, database), actorOf(req), module, fromApiId(req.params.id)), req.query),
    );
  }
}
