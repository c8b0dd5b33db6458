import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema, idSchema } from '@kontor/contract/common';
import { modules } from '@kontor/contract/custom-fields';
import { shareCreateSchema, shareSchema } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { listShares, shareRecord, unshareRecord } from './shares.service.ts';

export function sharesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sharing'];
  for (const module of modules) {
    r.get(`/api/v1/${module}/:id/shares`, { schema: { tags, params: idParamsSchema, response: { 200: z.object({ data: z.array(shareSchema) }) } } }, async (req) => ({
      data: await listShares(db, actorOf(req), module, fromApiId(req.params.id)),
    }));
    r.post(`/api/v1/${module}/:id/shares`, { schema: { tags, params: idParamsSchema, body: shareCreateSchema, response: { 201: shareSchema } } }, async (req, reply) =>
      reply.status(201).send(await shareRecord(db, actorOf(req), module, fromApiId(req.params.id), req.body, req.ip)),
    );
    r.delete(
      `/api/v1/${module}/:id/shares/:shareId`,
      { schema: { tags, params: z.object({ id: idSchema, shareId: idSchema }), response: { 204: z.null() } } },
      async (req, reply) => {
        await unshareRecord(db, actorOf(req), module, fromApiId(req.params.id), fromApiId(req.params.shareId), req.ip);
        return reply.status(204).send(null);
      },
    );
  }
}
