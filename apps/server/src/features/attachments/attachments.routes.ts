import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentSchema, attachmentUploadQuerySchema } from '@kontor/contract/attachments';
import { idParamsSchema, listResponseSchema } from '@kontor/contract/common';
import { itemListQuerySchema, itemModules, itemPageQuerySchema } from '@kontor/contract/notes';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { assertVisibleParent } from '../records/visible-parent.ts';
import { downloadHeaders } from './attachment-names.ts';
import type { FileStoreConfig } from './attachment-store.ts';
import { deleteAttachment, getAttachment, listAttachments, listAttachmentsByRef, openAttachment, uploadAttachment, uploadByRef, type IncomingFile } from './attachments.service.ts';

/** The file part of a multipart request, capped at the configured size while it streams (the photo route keeps its own 1 MB). */
function fileOf(req: FastifyRequest, store: FileStoreConfig): () => Promise<IncomingFile | undefined> {
  return async () => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file".');
    const part = await req.file({ limits: { fileSize: store.maxBytes } });
    return part && { filename: part.filename, mimetype: part.mimetype, stream: part.file };
  };
}

export function attachmentsRoutes(app: FastifyInstance, database: Database, store: FileStoreConfig): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['attachments'];
  const list = listResponseSchema(attachmentSchema);
  const upload = { tags, consumes: ['multipart/form-data'], response: { 201: attachmentSchema } };

  r.get('/api/v1/attachments', { schema: { tags, querystring: itemListQuerySchema, response: { 200: list } } }, async (req) =>
    listAttachmentsByRef(readerFor(req, database), actorOf(req), req.query),
  );
  r.post('/api/v1/attachments', { schema: { ...upload, querystring: attachmentUploadQuerySchema } }, async (req, reply) =>
    reply.status(201).send(await uploadByRef(db, actorOf(req), store, req.query, fileOf(req, store))),
  );
  r.get('/api/v1/attachments/:id', { schema: { tags, params: idParamsSchema, response: { 200: attachmentSchema } } }, async (req) => getAttachment(db, actorOf(req), fromApiId(req.params.id)));
  r.get('/api/v1/attachments/:id/download', { schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    const { attachment, stream } = await openAttachment(db, actorOf(req), store, fromApiId(req.params.id));
    return reply.headers(downloadHeaders({ ...attachment, size: Number(attachment.size) })).send(stream);
  });
  r.delete('/api/v1/attachments/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteAttachment(db, actorOf(req), store, fromApiId(req.params.id));
    return reply.status(204).send(null);
  });

  // A record's files (404 for a hidden record), and uploads straight onto it.
  for (const module of itemModules) {
    r.get(`/api/v1/${module}/:id/attachments`, { schema: { tags, params: idParamsSchema, querystring: itemPageQuerySchema, response: { 200: list } } }, async (req) =>
      listAttachments(readerFor(req, database), actorOf(req), await assertVisibleParent(readerFor(req, database), actorOf(req), module, fromApiId(req.params.id)), req.query),
    );
    r.post(`/api/v1/${module}/:id/attachments`, { schema: { ...upload, params: idParamsSchema } }, async (req, reply) =>
      reply.status(201).send(await uploadAttachment(db, actorOf(req), store, { module, id: fromApiId(req.params.id) }, fileOf(req, store))),
    );
  }
}
