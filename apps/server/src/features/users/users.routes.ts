import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { type Locale, inviteCreatedSchema, userInviteSchema, passwordChangedSchema, passwordChangeSchema, passwordResetSchema, sessionInfoSchema, tokenSchema, transferRecordsSchema, transferredSchema, userCreateSchema, userSchema, userUpdateSchema } from '@kontor/contract/users';
import { idParamsSchema, idSchema } from '@kontor/contract/common';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { presentUser } from './users.presenter.ts';
import { changeOwnPassword, listSessions, listUserTokens, resetPassword, revokeSession, revokeUserToken, transferRecords } from './user-admin.service.ts';
import { audit } from '../audit/audit.service.ts';
import { inviteUser, reinviteUser } from './invites.service.ts';
import { createUser, getUser, listUsers, updateUser, userLookups } from './users.service.ts';

export function usersRoutes(app: FastifyInstance, db: Kysely<DB>, opts: { defaultLocale: Locale }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const lookups = () => userLookups(db, opts.defaultLocale);
  const tags = ['users'];

  // Every user may list users: owner pickers and "created by" need names. Managing them is for admins.
  r.get('/api/v1/users', { schema: { tags, response: { 200: z.object({ data: z.array(userSchema) }) } } }, async (req) => {
    actorOf(req);
    const names = await lookups();
    return { data: (await listUsers(db)).map((u) => presentUser(u, names)) };
  });

  r.get('/api/v1/users/:id', { schema: { tags, params: idParamsSchema, response: { 200: userSchema } } }, async (req) => {
    actorOf(req);
    return presentUser(await getUser(db, fromApiId(req.params.id)), await lookups());
  });

  r.post('/api/v1/users', { schema: { tags, body: userCreateSchema, response: { 201: userSchema } } }, async (req, reply) => {
    const actor = actorOf(req);
    const user = await createUser(db, actor, req.body);
    await audit(db, actor, 'user.create', { type: 'user', id: String(user.id) }, { email: user.email, role: user.role, profileId: user.profile_id }, req.ip);
    return reply.status(201).send(presentUser(user, await lookups()));
  });

  r.patch('/api/v1/users/:id', { schema: { tags, params: idParamsSchema, body: userUpdateSchema, response: { 200: userSchema } } }, async (req) => {
    const actor = actorOf(req);
    const user = await updateUser(db, actor, fromApiId(req.params.id), req.body);
    const { version: _v, ...changes } = req.body;
    await audit(db, actor, 'user.update', { type: 'user', id: req.params.id }, changes, req.ip);
    return presentUser(user, await lookups());
  });

  r.post('/api/v1/users/invite', { schema: { tags, body: userInviteSchema, response: { 201: inviteCreatedSchema } } }, async (req, reply) => {
    const { user, invitePath, expiresAt } = await inviteUser(db, actorOf(req), req.body, req.ip);
    return reply.status(201).send({ user: presentUser(user, await lookups()), invitePath, expiresAt });
  });

  r.post('/api/v1/users/:id/invite', { schema: { tags, params: idParamsSchema, response: { 200: inviteCreatedSchema } } }, async (req) => {
    const { user, invitePath, expiresAt } = await reinviteUser(db, actorOf(req), fromApiId(req.params.id), req.ip);
    return { user: presentUser(user, await lookups()), invitePath, expiresAt };
  });

  r.post('/api/v1/users/:id/password', { schema: { tags, params: idParamsSchema, body: passwordResetSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await resetPassword(db, actorOf(req), fromApiId(req.params.id), req.body.password, req.ip);
    return reply.status(204).send(null);
  });

  r.post(
    '/api/v1/users/:id/transfer',
    { schema: { tags, params: idParamsSchema, body: transferRecordsSchema, response: { 200: transferredSchema } } },
    async (req) => transferRecords(db, actorOf(req), fromApiId(req.params.id), fromApiId(req.body.toUserId), req.ip),
  );

  r.get('/api/v1/users/:id/sessions', { schema: { tags, params: idParamsSchema, response: { 200: z.object({ data: z.array(sessionInfoSchema) }) } } }, async (req) => ({
    data: await listSessions(db, actorOf(req), fromApiId(req.params.id)),
  }));

  r.delete(
    '/api/v1/users/:id/sessions/:sessionId',
    { schema: { tags, params: z.object({ id: idSchema, sessionId: z.string().regex(/^[0-9a-f]{64}$/) }), response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeSession(db, actorOf(req), fromApiId(req.params.id), req.params.sessionId, req.ip);
      return reply.status(204).send(null);
    },
  );

  r.get('/api/v1/users/:id/tokens', { schema: { tags, params: idParamsSchema, response: { 200: z.object({ data: z.array(tokenSchema) }) } } }, async (req) => ({
    data: await listUserTokens(db, actorOf(req), fromApiId(req.params.id)),
  }));

  r.delete(
    '/api/v1/users/:id/tokens/:tokenId',
    { schema: { tags, params: z.object({ id: idSchema, tokenId: idSchema }), response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeUserToken(db, actorOf(req), fromApiId(req.params.id), fromApiId(req.params.tokenId), req.ip);
      return reply.status(204).send(null);
    },
  );

  r.post('/api/v1/me/password', { schema: { tags, body: passwordChangeSchema, response: { 200: passwordChangedSchema } } }, async (req) =>
    changeOwnPassword(db, actorOf(req), req.body, req.ip),
  );
}
