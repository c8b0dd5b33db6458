import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { preferencePutSchema, preferencesSchema } from '@kontor/contract/preferences';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { myPreferences, preferenceParams, setMyPreference } from './preferences.service.ts';

/** `GET /me/preferences` and `PUT /me/preferences/{key}`: each user's own, nobody else's. */
export function preferencesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  r.get('/api/v1/me/preferences', { schema: { tags, response: { 200: preferencesSchema } } }, async (req) => ({ data: await myPreferences(db, actorOf(req)) }));
  r.put('/api/v1/me/preferences/:key', { schema: { tags, params: preferenceParams, body: preferencePutSchema, response: { 200: preferencesSchema } } }, async (req) => ({
    data: await setMyPreference(db, actorOf(req), req.params.key, req.body.value),
  }));
}
