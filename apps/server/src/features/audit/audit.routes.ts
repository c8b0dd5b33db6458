import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { auditEntrySchema, auditQuerySchema } from '@kontor/contract/audit';
import { listResponseSchema } from '@kontor/contract/common';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { listAudit } from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit-log', { schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: listResponseSchema(auditEntrySchema) } } }, async (req) =>
    listAudit(db, actorOf(req), req.query),
  );
}
