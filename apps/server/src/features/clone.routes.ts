import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { idParamsSchema } from '@kontor/contract/common';
import type { Module } from '@kontor/contract/custom-fields';
import { modules } from '@kontor/contract/custom-fields';
import type { DB } from '../db/schema.ts';
import { fromApiId } from '../lib/ids.ts';
import { actorOf } from './auth/auth.plugin.ts';
import type { Actor } from './permissions/actor.ts';
import { cloneAccount } from './accounts/accounts.service.ts';
import { cloneContact } from './contacts/contacts.service.ts';
import { cloneDeal } from './deals/deals.service.ts';
import { cloneLead } from './leads/leads.service.ts';
import { cloneActivity } from './activities/activities.service.ts';

/** The record modules that can be cloned (activities and leads: see their own routes for what a copy means). */
const cloners: Partial<Record<Module, (db: Kysely<DB>, actor: Actor, id: number) => Promise<unknown>>> = {
  accounts: cloneAccount,
  contacts: cloneContact,
  deals: cloneDeal,
  leads: cloneLead,
  activities: cloneActivity,
};

/** `POST /{module}/{id}/clone`: a new record with the source's fields, owned by the caller; answers it (201). */
export function cloneRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const module of modules) {
    const cloner = cloners[module];
    if (!cloner) continue;
    r.post(`/api/v1/${module}/:id/clone`, { schema: { tags: [module], params: idParamsSchema } }, async (req, reply) =>
      reply.status(201).send(await cloner(db, actorOf(req), fromApiId(req.params.id))),
    );
  }
}
