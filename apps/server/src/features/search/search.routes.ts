import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchRequestSchema, searchResponseSchema } from '@kontor/contract/search';
import type { Database } from '../../db/database.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { search } from './search.service.ts';

/** `GET /api/v1/search?q=…&types=…&limit=…`: the global search (packages/contract/src/search.ts). */
export function searchRoutes(app: FastifyInstance, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/search', { schema: { tags: ['search'], querystring: searchRequestSchema, response: { 200: searchResponseSchema } } }, async (req) =>
    search(readerFor(req, database), actorOf(req), req.query),
  );
}
