import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { settingsSchema } from '@kontor/contract/settings';
import { getSettings, putSettings } from './settings.service.ts';

export function settingsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settings'];
  r.get('/api/v1/settings', { schema: { tags, response: { 200: settingsSchema } } }, async (req) => {
    actorOf(req);
    return getSettings(db);
  });
  r.put('/api/v1/settings', { schema: { tags, body: settingsSchema, response: { 200: settingsSchema } } }, async (req) => putSettings(db, actorOf(req), req.body));
}
