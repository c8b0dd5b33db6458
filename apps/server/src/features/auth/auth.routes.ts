import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Locale, inviteAcceptSchema, inviteInfoSchema, inviteTokenParams, loginSchema, meUpdateSchema, sessionSchema, tokenCreatedSchema, tokenCreateSchema, tokenSchema, userSchema } from '@kontor/contract/users';
import { idParamsSchema } from '@kontor/contract/common';
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { findUserByEmail, getUser, updateMe, userLookups } from '../users/users.service.ts';
import { presentUser } from '../users/users.presenter.ts';
import { actorOf } from './auth.plugin.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { releaseLoginAttempt, reserveLoginAttempt } from './throttle.ts';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS } from './sessions.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { audit } from '../audit/audit.service.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { acceptInvite, inviteInfo } from '../users/invites.service.ts';

export function authRoutes(app: FastifyInstance, db: Kysely<DB>, opts: { secureCookies: boolean; defaultLocale: Locale }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  /** Signs a user in: a new session row, the HTTP-only cookie, and the CSRF token for the client. */
  async function startSession(reply: FastifyReply, user: UserRow, ip: string, userAgent: string | null) {
    const { token, csrfToken } = await createSession(db, user.id, { ip, userAgent });
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, path: '/', maxAge: SESSION_DAYS * 86400 });
    const actor = await loadActor(db, user, 'session', null);
    return { user: presentUser(user, await userLookups(db, opts.defaultLocale)), csrfToken, permissions: { isAdmin: actor.isAdmin, rights: actor.rights } };
  }

  r.post('/api/v1/auth/login', { config: { public: true }, schema: { tags, body: loginSchema, response: { 200: sessionSchema } } }, async (req, reply) => {
    await reserveLoginAttempt(db, req.body.email, req.ip);
    const user = await findUserByEmail(db, req.body.email);
    const ok = user && user.active === 1 ? await verifyPassword(user.password_hash, req.body.password) : await verifyPassword(await dummyHash(), req.body.password).then(() => false);
    if (!user || !ok) {
      await audit(db, user ?? null, 'login.failure', null, { email: req.body.email.slice(0, 254) }, req.ip);
      throw new AppError('invalid_credentials', 'E-mail or password is wrong.');
    }
    await releaseLoginAttempt(db, req.body.email, req.ip);
    await audit(db, user, 'login.success', null, { via: 'password' }, req.ip);
    return startSession(reply, user, req.ip, req.headers['user-agent'] ?? null);
  });

  r.get('/api/v1/auth/invite/:token', { config: { public: true }, schema: { tags, params: inviteTokenParams, response: { 200: inviteInfoSchema } } }, async (req) =>
    inviteInfo(db, req.params.token),
  );

  r.post(
    '/api/v1/auth/invite/:token',
    { config: { public: true }, schema: { tags, params: inviteTokenParams, body: inviteAcceptSchema, response: { 200: sessionSchema } } },
    async (req, reply) => {
      const user = await acceptInvite(db, req.params.token, req.body.password);
      await audit(db, user, 'login.success', null, { via: 'invitation' }, req.ip);
      return startSession(reply, user, req.ip, req.headers['user-agent'] ?? null);
    },
  );

  r.post('/api/v1/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (actor.sessionId) await deleteSession(db, actor.sessionId);
    await audit(db, actor, 'logout', null, {}, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.get('/api/v1/auth/session', { schema: { tags, response: { 200: sessionSchema } } }, async (req) => {
    const actor = actorOf(req);
    return {
      user: presentUser(await getUser(db, actor.id), await userLookups(db, opts.defaultLocale)),
      csrfToken: req.csrfToken ?? '',
      permissions: { isAdmin: actor.isAdmin, rights: actor.rights },
    };
  });

  r.get('/api/v1/me', { schema: { tags, response: { 200: userSchema } } }, async (req) => presentUser(await getUser(db, actorOf(req).id), await userLookups(db, opts.defaultLocale)));

  r.patch('/api/v1/me', { schema: { tags, body: meUpdateSchema, response: { 200: userSchema } } }, async (req) =>
    presentUser(await updateMe(db, actorOf(req), req.body), await userLookups(db, opts.defaultLocale)),
  );

  r.get('/api/v1/tokens', { schema: { tags, response: { 200: z.object({ data: z.array(tokenSchema) }) } } }, async (req) => ({
    data: await listApiTokens(db, actorOf(req).id),
  }));

  r.post('/api/v1/tokens', { schema: { tags, body: tokenCreateSchema, response: { 201: tokenCreatedSchema } } }, async (req, reply) => {
    const actor = actorOf(req);
    const created = await createApiToken(db, actor.id, req.body.name, req.body.expiresInDays, req.body.scope);
    await audit(db, actor, 'token.create', { type: 'token', id: created.id }, { name: created.name, scope: created.scope }, req.ip);
    return reply.status(201).send(created);
  });

  r.delete('/api/v1/tokens/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = actorOf(req);
    await revokeApiToken(db, actor.id, fromApiId(req.params.id));
    await audit(db, actor, 'token.revoke', { type: 'token', id: req.params.id }, {}, req.ip);
    return reply.status(204).send(null);
  });
}
