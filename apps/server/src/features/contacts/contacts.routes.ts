import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listResponseSchema } from '@kontor/contract/common';
import {
  contactCreateSchema,
  contactListItemSchema,
  contactListQuerySchema,
  contactMoveSchema,
  contactSchema,
  contactUpdateSchema,
} from '@kontor/contract/contacts';
import type { Database } from '../../db/database.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { deleteRecord, restoreRecord } from '../recycle-bin/recycle-bin.service.ts';
import { createContact, getContact, listContacts, loadContact, moveContact, updateContact } from './contacts.service.ts';

export function contactsRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];

  r.get('/api/v1/contacts', { schema: { tags, querystring: contactListQuerySchema, response: { 200: listResponseSchema(contactListItemSchema) } } }, async (req) =>
    listContacts(readerFor(req, database), actorOf(req), req.query),
  );
  r.post('/api/v1/contacts', { schema: { tags, body: contactCreateSchema, response: { 201: contactSchema } } }, async (req, reply) =>
    reply.status(201).send(await createContact(db, actorOf(req), req.body)),
  );
  r.get('/api/v1/contacts/:id', { schema: { tags, params: idParamsSchema, response: { 200: contactSchema } } }, async (req) =>
    getContact(db, actorOf(req), fromApiId(req.params.id)),
  );
  r.patch('/api/v1/contacts/:id', { schema: { tags, params: idParamsSchema, body: contactUpdateSchema, response: { 200: contactSchema } } }, async (req) =>
    updateContact(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete(
    '/api/v1/contacts/:id',
    { schema: { tags, params: idParamsSchema, querystring: z.object({ version: z.coerce.number().int().min(1).optional() }), response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteRecord(db, actorOf(req), 'contacts', fromApiId(req.params.id), req.query);
      return reply.status(204).send(null);
    },
  );
  r.post('/api/v1/contacts/:id/restore', { schema: { tags, params: idParamsSchema, response: { 200: contactSchema } } }, async (req) => {
    const id = fromApiId(req.params.id);
    await restoreRecord(db, actorOf(req), 'contacts', id);
    return loadContact(db, actorOf(req), id);
  });
  r.post('/api/v1/contacts/:id/move', { schema: { tags, params: idParamsSchema, body: contactMoveSchema, response: { 200: contactSchema } } }, async (req) =>
    moveContact(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
}
