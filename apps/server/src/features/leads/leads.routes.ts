import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listResponseSchema, versionSchema } from '@kontor/contract/common';
import {
  conversionMatchesSchema,
  leadConversionSchema,
  leadConvertSchema,
  leadCreateSchema,
  leadListItemSchema,
  leadListQuerySchema,
  leadSchema,
  leadUpdateSchema,
} from '@kontor/contract/leads';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { deleteRecord, restoreRecord } from '../recycle-bin/recycle-bin.service.ts';
import { conversionMatches, convertLead } from './lead-conversion.service.ts';
import { createLead, getLead, listLeads, loadLead, updateLead } from './leads.service.ts';

export function leadsRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['leads'];

  r.get('/api/v1/leads', { schema: { tags, querystring: leadListQuerySchema, response: { 200: listResponseSchema(leadListItemSchema) } } }, async (req) =>
    listLeads(readerFor(req, database), actorOf(req), req.query),
  );
  r.post('/api/v1/leads', { schema: { tags, body: leadCreateSchema, response: { 201: leadSchema } } }, async (req, reply) =>
    reply.status(201).send(await createLead(db, actorOf(req), req.body)),
  );
  r.get('/api/v1/leads/:id', { schema: { tags, params: idParamsSchema, response: { 200: leadSchema } } }, async (req) => getLead(db, actorOf(req), fromApiId(req.params.id)));
  r.patch('/api/v1/leads/:id', { schema: { tags, params: idParamsSchema, body: leadUpdateSchema, response: { 200: leadSchema } } }, async (req) =>
    updateLead(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/leads/:id', { schema: { tags, params: idParamsSchema, querystring: z.object({ version: z.coerce.number().pipe(versionSchema).optional() }), response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRecord(db, actorOf(req), 'leads', fromApiId(req.params.id), req.query);
    return reply.status(204).send(null);
  });
  r.post('/api/v1/leads/:id/restore', { schema: { tags, params: idParamsSchema, response: { 200: leadSchema } } }, async (req) => {
    const id = fromApiId(req.params.id);
    await restoreRecord(db, actorOf(req), 'leads', id);
    return loadLead(db, actorOf(req), id);
  });
  r.get('/api/v1/leads/:id/conversion-matches', { schema: { tags, params: idParamsSchema, response: { 200: conversionMatchesSchema } } }, async (req) =>
    conversionMatches(db, actorOf(req), fromApiId(req.params.id)),
  );
  r.post('/api/v1/leads/:id/convert', { schema: { tags, params: idParamsSchema, body: leadConvertSchema, response: { 200: leadConversionSchema } } }, async (req) =>
    convertLead(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
}
