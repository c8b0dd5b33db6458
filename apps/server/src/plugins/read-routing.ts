import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The database this request's list and search reads use (see readerFor). */
    reader: Kysely<DB> | null;
  }
}

const COOKIE = 'kontor_rw';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Read routing (docs/SCALING.md): list and search reads go to the read replica, except for a caller who wrote in
 * the last `readYourWritesMs`, whose reads stay on the primary so they see their own change despite replication
 * lag. A write is remembered twice: in this process (per user) and in a cookie the browser sends to whichever
 * process answers next. Without a replica every read uses the primary.
 */
export function registerReadRouting(app: FastifyInstance, database: Database, opts: { readYourWritesMs: number }): void {
  const lastWrite = new Map<number, number>();
  app.decorateRequest('reader', null);
  if (database.readDb === database.db) return;

  app.addHook('preHandler', async (request: FastifyRequest) => {
    const now = Date.now();
    const cookie = Number(request.cookies[COOKIE] ?? 0);
    const mine = request.actor ? (lastWrite.get(request.actor.id) ?? 0) : 0;
    request.reader = now - Math.max(cookie, mine) < opts.readYourWritesMs ? database.db : database.readDb;
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!UNSAFE.has(request.method) || reply.statusCode >= 400 || !request.actor) return;
    const now = Date.now();
    lastWrite.set(request.actor.id, now);
    if (lastWrite.size > 10_000) lastWrite.clear();
    reply.setCookie(COOKIE, String(now), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: Math.ceil(opts.readYourWritesMs / 1000) });
  });
}

/** The database for a list or search read: the replica when the caller has not just written, else the primary. */
export function readerFor(request: FastifyRequest, database: Database): Kysely<DB> {
  return request.reader ?? database.db;
}
