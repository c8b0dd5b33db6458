import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityCreateSchema,
  activityListItemSchema,
  activityListQuerySchema,
  activitySchema,
  activityUpdateSchema,
  myActivitiesQuerySchema,
  myActivitiesSchema,
  relatedActivitiesQuerySchema,
  timeZoneSchema,
} from '@kontor/contract/activities';
import { idParamsSchema, listResponseSchema, versionSchema } from '@kontor/contract/common';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { assertCan } from '../permissions/access.ts';
import { assertVisibleParent } from '../records/visible-parent.ts';
import { deleteRecord, restoreRecord } from '../recycle-bin/recycle-bin.service.ts';
import { activityCalendar } from './activity-calendar.service.ts';
import { listActivities, myActivities, relatedActivities, relatedModules } from './activity-lists.service.ts';
import { createActivity, getActivity, loadActivity, updateActivity } from './activities.service.ts';

export function activitiesRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  const list = listResponseSchema(activityListItemSchema);
  const params = idParamsSchema;

  r.get('/api/v1/activities', { schema: { tags, querystring: activityListQuerySchema, response: { 200: list } } }, async (req) => listActivities(readerFor(req, database), actorOf(req), req.query));
  r.get('/api/v1/activities/mine', { schema: { tags, querystring: myActivitiesQuerySchema, response: { 200: myActivitiesSchema } } }, async (req) =>
    myActivities(readerFor(req, database), actorOf(req), req.query),
  );
  r.post('/api/v1/activities', { schema: { tags, body: activityCreateSchema, response: { 201: activitySchema } } }, async (req, reply) =>
    reply.status(201).send(await createActivity(db, actorOf(req), req.body)),
  );
  r.get('/api/v1/activities/:id', { schema: { tags, params, querystring: z.object({ tz: timeZoneSchema.default('UTC') }), response: { 200: activitySchema } } }, async (req) =>
    getActivity(db, actorOf(req), fromApiId(req.params.id), req.query.tz),
  );
  r.patch('/api/v1/activities/:id', { schema: { tags, params, body: activityUpdateSchema, response: { 200: activitySchema } } }, async (req) =>
    updateActivity(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/activities/:id', { schema: { tags, params, querystring: z.object({ version: z.coerce.number().pipe(versionSchema).optional() }), response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRecord(db, actorOf(req), 'activities', fromApiId(req.params.id), req.query);
    return reply.status(204).send(null);
  });
  r.post('/api/v1/activities/:id/restore', { schema: { tags, params, response: { 200: activitySchema } } }, async (req) => {
    const id = fromApiId(req.params.id);
    await restoreRecord(db, actorOf(req), 'activities', id);
    return loadActivity(db, actorOf(req), id);
  });
  r.get('/api/v1/activities/:id/ics', { schema: { tags, params, description: 'A call or meeting as an iCalendar (RFC 5545) file.' } }, async (req, reply) => {
    const file = await activityCalendar(db, actorOf(req), fromApiId(req.params.id), req.hostname);
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', file.disposition).header('x-content-type-options', 'nosniff').send(file.body);
  });

  // Related lists: the activities of an account, contact, deal or lead the reader can see (404 for a hidden one).
  for (const module of Object.keys(relatedModules) as Array<keyof typeof relatedModules>) {
    r.get(`/api/v1/${module}/:id/activities`, { schema: { tags, params, querystring: relatedActivitiesQuerySchema, response: { 200: list } } }, async (req) => {
      const [actor, reader] = [actorOf(req), readerFor(req, database)];
      assertCan(actor, 'view', module);
      assertCan(actor, 'view', 'activities');
      return relatedActivities(reader, actor, await assertVisibleParent(reader, actor, module, fromApiId(req.params.id)), req.query);
    });
  }
}
