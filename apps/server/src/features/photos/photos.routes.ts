import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idSchema } from '@kontor/contract/common';
import { modules, type Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { AppError, fieldError } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { descriptorOf } from '../records/registry.ts';
import type { Actor } from '../permissions/actor.ts';
import { getPhoto, removePhoto, setPhoto } from './photos.service.ts';

const params = z.object({ id: idSchema });

/** Reads the one uploaded file, capped at 1 MB while streaming (413 beyond that). */
async function readUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the image as multipart/form-data in a field named "file".');
  const file = await req.file();
  if (!file) throw new AppError('validation_failed', 'No file was sent.', { file: fieldError('required') });
  const buf = await file.toBuffer();
  if (file.file.truncated) throw new AppError('payload_too_large', 'The image is larger than 1 MB.');
  return buf;
}

export function photosRoutes(app: FastifyInstance, db: Kysely<DB>, afterChange: (actor: Actor, module: Module, id: number) => Promise<unknown>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['photos'];
  // Only modules whose records have a photo or logo (accounts, contacts; not deals).
  for (const module of modules.filter((m) => descriptorOf(m).photo)) {
    r.put(`/api/v1/${module}/:id/photo`, { schema: { tags, params, consumes: ['multipart/form-data'] } }, async (req) => {
      const id = fromApiId(req.params.id);
      await setPhoto(db, actorOf(req), module, id, await readUpload(req));
      return afterChange(actorOf(req), module, id);
    });
    r.delete(`/api/v1/${module}/:id/photo`, { schema: { tags, params } }, async (req) => {
      const id = fromApiId(req.params.id);
      await removePhoto(db, actorOf(req), module, id);
      return afterChange(actorOf(req), module, id);
    });
    r.get(`/api/v1/${module}/:id/photo`, { schema: { tags, params } }, async (req, reply) => {
      const photo = await getPhoto(db, actorOf(req), module, fromApiId(req.params.id));
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(photo.content);
    });
  }
}
