import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listResponseSchema } from '@kontor/contract/common';
import { recycleBinItemSchema, recycleBinParamsSchema, recycleBinQuerySchema } from '@kontor/contract/recycle-bin';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import type { FileStoreConfig } from '../attachments/attachment-store.ts';
import { listRecycleBin, purgeRecord } from './recycle-bin.service.ts';

/** `store`: where purged records' files live, so a purge removes their bytes too. */
export function recycleBinRoutes(app: FastifyInstance, db: Kysely<DB>, store: FileStoreConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['recycle bin'];
  r.get('/api/v1/recycle-bin', { schema: { tags, querystring: recycleBinQuerySchema, response: { 200: listResponseSchema(recycleBinItemSchema) } } }, async (req) =>
    listRecycleBin(db, actorOf(req), req.query.module, req.query.limit, req.query.cursor),
  );
  r.delete('/api/v1/recycle-bin/:module/:id', { schema: { tags, params: recycleBinParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await purgeRecord(db, actorOf(req), store, req.params.module, fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
}
