import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hierarchySummarySchema } from '@kontor/contract/account-hierarchy';
import { idParamsSchema } from '@kontor/contract/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { hierarchySummary } from './hierarchy.service.ts';

/** The roll-up reads the primary, like the account page it sits on. */
export function hierarchyRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/accounts/:id/hierarchy-summary', { schema: { tags: ['accounts'], params: idParamsSchema, response: { 200: hierarchySummarySchema } } }, async (req) =>
    hierarchySummary(db, actorOf(req), fromApiId(req.params.id)),
  );
}
