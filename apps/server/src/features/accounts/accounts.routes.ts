import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountCreateSchema,
  accountDeleteQuerySchema,
  accountListItemSchema,
  accountListQuerySchema,
  accountSchema,
  accountUpdateSchema,
} from '@kontor/contract/accounts';
import { idParamsSchema, listResponseSchema } from '@kontor/contract/common';
import { addExistingContactSchema, contactListItemSchema, contactListQuerySchema, contactSchema } from '@kontor/contract/contacts';
import type { Database } from '../../db/database.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { addContactToAccount } from '../contacts/contacts.service.ts';
import { accountContacts, accountMembers } from '../records/related-lists.ts';
import { assertVisibleParent } from '../records/visible-parent.ts';
import { deleteAccount, restoreRecord } from '../recycle-bin/recycle-bin.service.ts';
import { createAccount, getAccount, listAccounts, loadAccount, updateAccount } from './accounts.service.ts';

export function accountsRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.get('/api/v1/accounts', { schema: { tags, querystring: accountListQuerySchema, response: { 200: listResponseSchema(accountListItemSchema) } } }, async (req) =>
    listAccounts(readerFor(req, database), actorOf(req), req.query),
  );
  r.post('/api/v1/accounts', { schema: { tags, body: accountCreateSchema, response: { 201: accountSchema } } }, async (req, reply) =>
    reply.status(201).send(await createAccount(db, actorOf(req), req.body)),
  );
  r.get('/api/v1/accounts/:id', { schema: { tags, params: idParamsSchema, response: { 200: accountSchema } } }, async (req) =>
    getAccount(db, actorOf(req), fromApiId(req.params.id)),
  );
  r.patch('/api/v1/accounts/:id', { schema: { tags, params: idParamsSchema, body: accountUpdateSchema, response: { 200: accountSchema } } }, async (req) =>
    updateAccount(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete(
    '/api/v1/accounts/:id',
    { schema: { tags, params: idParamsSchema, querystring: accountDeleteQuerySchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteAccount(db, actorOf(req), fromApiId(req.params.id), req.query);
      return reply.status(204).send(null);
    },
  );
  r.post('/api/v1/accounts/:id/restore', { schema: { tags, params: idParamsSchema, response: { 200: accountSchema } } }, async (req) => {
    const id = fromApiId(req.params.id);
    await restoreRecord(db, actorOf(req), 'accounts', id);
    return loadAccount(db, actorOf(req), id);
  });
  r.get(
    '/api/v1/accounts/:id/contacts',
    { schema: { tags, params: idParamsSchema, querystring: contactListQuerySchema.omit({ accountId: true }), response: { 200: listResponseSchema(contactListItemSchema) } } },
    async (req) => {
      const [actor, reader] = [actorOf(req), readerFor(req, database)];
      return accountContacts(reader, actor, await assertVisibleParent(reader, actor, 'accounts', fromApiId(req.params.id)), req.query);
    },
  );
  r.post(
    '/api/v1/accounts/:id/contacts',
    { schema: { tags, params: idParamsSchema, body: addExistingContactSchema, response: { 200: contactSchema } } },
    async (req) => addContactToAccount(db, actorOf(req), fromApiId(req.params.id), fromApiId(req.body.contactId)),
  );
  r.get(
    '/api/v1/accounts/:id/members',
    {
      schema: {
        tags,
        params: idParamsSchema,
        querystring: accountListQuerySchema.omit({ parentAccountId: true }),
        response: { 200: listResponseSchema(accountListItemSchema) },
      },
    },
    async (req) => {
      const [actor, reader] = [actorOf(req), readerFor(req, database)];
      return accountMembers(reader, actor, await assertVisibleParent(reader, actor, 'accounts', fromApiId(req.params.id)), req.query);
    },
  );
}
