import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordHistoryEntrySchema } from '@kontor/contract/audit';
import { idParamsSchema } from '@kontor/contract/common';
import { modules } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { listRecordHistory } from './record-history.ts';

/** `GET /{module}/{id}/history`: owner changes, sharing and restriction of a record, for everyone who sees it. */
export function recordHistoryRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const module of modules) {
    r.get(`/api/v1/${module}/:id/history`, { schema: { tags: [module], params: idParamsSchema, response: { 200: z.object({ data: z.array(recordHistoryEntrySchema) }) } } }, async (req) => ({
      data: await listRecordHistory(db, actorOf(req), module, fromApiId(req.params.id)),
    }));
  }
}
