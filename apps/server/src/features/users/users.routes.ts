import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { userCreateSchema, userSchema, userUpdateSchema } from '@kontor/contract/users';
import { idParamsSchema } from '@kontor/contract/common';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { presentUser } from './users.presenter.ts';
import { createUser, getUser, listUsers, updateUser } from './users.service.ts';

export function usersRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  // Every user may list users: owner pickers and "created by" need names. Managing them is for admins.
  r.get('/api/v1/users', { schema: { tags, response: { 200: z.object({ data: z.array(userSchema) }) } } }, async (req) => {
    actorOf(req);
    return { data: (await listUsers(db)).map(presentUser) };
  });

  r.get('/api/v1/users/:id', { schema: { tags, params: idParamsSchema, response: { 200: userSchema } } }, async (req) => {
    actorOf(req);
    return presentUser(await getUser(db, fromApiId(req.params.id)));
  });

  r.post('/api/v1/users', { schema: { tags, body: userCreateSchema, response: { 201: userSchema } } }, async (req, reply) =>
    reply.status(201).send(presentUser(await createUser(db, actorOf(req), req.body))),
  );

  r.patch('/api/v1/users/:id', { schema: { tags, params: idParamsSchema, body: userUpdateSchema, response: { 200: userSchema } } }, async (req) =>
    presentUser(await updateUser(db, actorOf(req), fromApiId(req.params.id), req.body)),
  );
}
