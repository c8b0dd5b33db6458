import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import { profileCreateSchema, profileSchema, profileUpdateSchema, roleCreateSchema, roleSchema, roleUpdateSchema } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { createProfile, deleteProfile, listProfiles, updateProfile } from './profiles.service.ts';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service.ts';

/** Roles (the hierarchy) and profiles (the rights): everyone may read them, admins change them. */
export function permissionsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles and profiles'];
  r.get('/api/v1/roles', { schema: { tags, response: { 200: z.object({ data: z.array(roleSchema) }) } } }, async (req) => {
    actorOf(req);
    return { data: await listRoles(db) };
  });
  r.post('/api/v1/roles', { schema: { tags, body: roleCreateSchema, response: { 201: roleSchema } } }, async (req, reply) =>
    reply.status(201).send(await createRole(db, actorOf(req), req.body, req.ip)),
  );
  r.patch('/api/v1/roles/:id', { schema: { tags, params: idParamsSchema, body: roleUpdateSchema, response: { 200: roleSchema } } }, async (req) =>
    updateRole(db, actorOf(req), fromApiId(req.params.id), req.body, req.ip),
  );
  r.delete('/api/v1/roles/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteRole(db, actorOf(req), fromApiId(req.params.id), req.ip);
    return reply.status(204).send(null);
  });
  r.get('/api/v1/profiles', { schema: { tags, response: { 200: z.object({ data: z.array(profileSchema) }) } } }, async (req) => {
    actorOf(req);
    return { data: await listProfiles(db) };
  });
  r.post('/api/v1/profiles', { schema: { tags, body: profileCreateSchema, response: { 201: profileSchema } } }, async (req, reply) =>
    reply.status(201).send(await createProfile(db, actorOf(req), req.body, req.ip)),
  );
  r.patch('/api/v1/profiles/:id', { schema: { tags, params: idParamsSchema, body: profileUpdateSchema, response: { 200: profileSchema } } }, async (req) =>
    updateProfile(db, actorOf(req), fromApiId(req.params.id), req.body, req.ip),
  );
  r.delete('/api/v1/profiles/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteProfile(db, actorOf(req), fromApiId(req.params.id), req.ip);
    return reply.status(204).send(null);
  });
}
