import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '@kontor/contract/common';
import { accountPageSchema, contactPageSchema, dealPageSchema, recordPageQuerySchema } from '@kontor/contract/record-pages';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { accountPage, contactPage, dealPage } from './record-page.service.ts';

/**
 * `GET /{accounts|contacts|deals}/{id}/page`: a record's page in one request (the record and the first page of each
 * related list it shows; packages/contract/src/record-pages.ts). Read from the primary, as the record's own page is.
 */
export function recordPageRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = { params: idParamsSchema, querystring: recordPageQuerySchema };
  r.get('/api/v1/accounts/:id/page', { schema: { ...schema, tags: ['accounts'], response: { 200: accountPageSchema } } }, async (req) =>
    accountPage(db, actorOf(req), fromApiId(req.params.id), req.query.tz),
  );
  r.get('/api/v1/contacts/:id/page', { schema: { ...schema, tags: ['contacts'], response: { 200: contactPageSchema } } }, async (req) =>
    contactPage(db, actorOf(req), fromApiId(req.params.id), req.query.tz),
  );
  r.get('/api/v1/deals/:id/page', { schema: { ...schema, tags: ['deals'], response: { 200: dealPageSchema } } }, async (req) => dealPage(db, actorOf(req), fromApiId(req.params.id), req.query.tz));
}
