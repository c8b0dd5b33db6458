import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findSession, findTokenUser, SESSION_COOKIE, touchSession } from './sessions.ts';
import { safeEqual } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without authentication (login, OpenAPI document). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);


/**
 * Resolves the caller of every /api request: a bearer token (API clients) or the session cookie (the browser,
 * which must also send the CSRF token on every unsafe method). Public routes opt out with `config.public`.
 */
export function registerAuth(app: FastifyInstance, db: Kysely<DB>): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const user = await findTokenUser(db, header.slice(7).trim());
      if (user) {
        if (user.token_scope === 'read' && !SAFE_METHODS.has(request.method)) {
          throw new AppError('forbidden', 'This API token is read-only.');
        }
        request.actor = await loadActor(db, user, 'token', null);
      } else if (!isPublic) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked.');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const session = await findSession(db, cookie);
      if (session) {
        request.actor = await loadActor(db, session, 'session', session.session_id);
        request.csrfToken = session.csrf_token;
        await touchSession(db, session.session_id, session.last_seen_at);
        const sent = request.headers['x-csrf-token'];
        if (!SAFE_METHODS.has(request.method) && !isPublic && (typeof sent !== 'string' || !safeEqual(sent, session.csrf_token))) {
          throw new AppError('csrf_failed', 'The request lacks a valid CSRF token. Reload the page and try again.');
        }
        return;
      }
    }
    if (!isPublic) throw new AppError('unauthenticated', 'Log in or send an API token (Authorization: Bearer ...).');
  });
}

/** The authenticated actor of a request; the auth hook guarantees it on non-public routes. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Log in first.');
  return request.actor;
}
