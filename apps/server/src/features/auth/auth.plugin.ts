import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, refused } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findSession, findTokenUser, SESSION_COOKIE, touchSession } from './sessions.ts';
import { safeEqual, sha256 } from './tokens.ts';
import { ActorCache, changesIdentity } from './actor-cache.ts';
import { isApiRequest, RateLimiter } from './rate-limit.ts';
import { bumpConfigGeneration, onConfigChange, syncConfigCache } from '../cache/config-cache.ts';

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
export function registerAuth(app: FastifyInstance, db: Kysely<DB>, opts: { actorCacheMs: number; rateLimitPerMinute: number }): void {
  const cache = new ActorCache(opts.actorCacheMs);
  onConfigChange(db, () => cache.clear());
  const limiter = opts.rateLimitPerMinute > 0 ? new RateLimiter(opts.rateLimitPerMinute, 60_000, db) : null;
  if (limiter) app.addHook('onClose', async () => limiter.close());
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  /** The actor behind a bearer token, from the cache or the database; null when the token is not valid. */
  async function tokenActor(token: string, method: string): Promise<Actor | null> {
    const key = `t:${sha256(token)}`;
    const hit = cache.get(key);
    const actor = hit?.actor ?? (await (async () => {
      const user = await findTokenUser(db, token);
      if (!user) return null;
      const loaded = { ...(await loadActor(db, user, 'token', null)), readOnlyToken: user.token_scope === 'read' };
      cache.set(key, loaded, null);
      return loaded;
    })());
    if (actor?.readOnlyToken && !SAFE_METHODS.has(method)) throw refused('forbidden', 'read_only_token');
    return actor;
  }

  async function sessionActor(cookie: string): Promise<{ actor: Actor; csrfToken: string } | null> {
    const key = `s:${sha256(cookie)}`;
    const hit = cache.get(key);
    if (hit?.csrfToken) return { actor: hit.actor, csrfToken: hit.csrfToken };
    const session = await findSession(db, cookie);
    if (!session) return null;
    await touchSession(db, session.session_id, session.last_seen_at);
    const actor = await loadActor(db, session, 'session', session.session_id);
    cache.set(key, actor, session.csrf_token);
    return { actor, csrfToken: session.csrf_token };
  }

  /** Resolves the caller (bearer token or session cookie + CSRF); throws when a non-public route gets none. */
  async function authenticate(request: FastifyRequest, isPublic: boolean): Promise<void> {
    const bearer = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (bearer?.[1]) {
      const actor = await tokenActor(bearer[1], request.method);
      if (actor) request.actor = actor;
      else if (!isPublic) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked.');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const resolved = cookie ? await sessionActor(cookie) : null;
    if (resolved) {
      const sent = request.headers['x-csrf-token'];
      if (!SAFE_METHODS.has(request.method) && !isPublic && (typeof sent !== 'string' || !safeEqual(sent, resolved.csrfToken))) {
        throw new AppError('csrf_failed', 'The request lacks a valid CSRF token. Reload the page and try again.');
      }
      request.actor = resolved.actor;
      request.csrfToken = resolved.csrfToken;
      return;
    }
    if (!isPublic) throw new AppError('unauthenticated', 'Log in or send an API token (Authorization: Bearer ...).');
  }

  // Authentication, then the rate limit on what it resolved: the user, or (no or a failed credential) the address.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isApiRequest(request.routeOptions.url, request.url)) return;
    let failure: unknown = null;
    try {
      await syncConfigCache(db);
      await authenticate(request, request.routeOptions.config?.public === true);
    } catch (err) {
      failure = err;
    }
    if (limiter) {
      const d = limiter.hit(request.actor ? `u:${request.actor.id}` : `ip:${request.ip}`);
      reply.header('x-ratelimit-limit', d.limit).header('x-ratelimit-remaining', d.remaining).header('x-ratelimit-reset', d.resetSeconds);
      if (!d.allowed) {
        reply.header('retry-after', d.resetSeconds);
        throw new AppError('rate_limited', 'Too many requests; slow down and try again shortly.', undefined, { retryAfterSeconds: d.resetSeconds });
      }
    }
    if (failure) throw failure;
  });

  // A change to users, roles, profiles, settings, sessions, tokens or custom fields may change any caller or any
  // cached definition: every process forgets them, before this answer leaves (so the caller's next request, in
  // whichever worker, sees the change).
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 && changesIdentity(request.method, request.routeOptions.url ?? request.url)) await bumpConfigGeneration(db);
    return payload;
  });
}

/** The authenticated actor of a request; the auth hook guarantees it on non-public routes. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Log in first.');
  return request.actor;
}
