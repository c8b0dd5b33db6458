import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listResponseSchema } from '@kontor/contract/common';
import { itemListQuerySchema, itemModules, itemPageQuerySchema, noteCreateSchema, noteDeleteQuerySchema, noteSchema, noteUpdateSchema } from '@kontor/contract/notes';
import type { Database } from '../../db/database.ts';
import { fromApiId } from '../../lib/ids.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { assertVisibleParent } from '../records/visible-parent.ts';
import { createNote, deleteNote, getNote, listNotes, listNotesByRef, updateNote } from './notes.service.ts';

export function notesRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notes'];
  const list = listResponseSchema(noteSchema);

  r.get('/api/v1/notes', { schema: { tags, querystring: itemListQuerySchema, response: { 200: list } } }, async (req) => listNotesByRef(readerFor(req, database), actorOf(req), req.query));
  r.post('/api/v1/notes', { schema: { tags, body: noteCreateSchema, response: { 201: noteSchema } } }, async (req, reply) => reply.status(201).send(await createNote(db, actorOf(req), req.body)));
  r.get('/api/v1/notes/:id', { schema: { tags, params: idParamsSchema, response: { 200: noteSchema } } }, async (req) => getNote(db, actorOf(req), fromApiId(req.params.id)));
  r.patch('/api/v1/notes/:id', { schema: { tags, params: idParamsSchema, body: noteUpdateSchema, response: { 200: noteSchema } } }, async (req) =>
    updateNote(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.delete('/api/v1/notes/:id', { schema: { tags, params: idParamsSchema, querystring: noteDeleteQuerySchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteNote(db, actorOf(req), fromApiId(req.params.id), req.query.version);
    return reply.status(204).send(null);
  });

  // A record's notes (404 for a hidden record), as on its page.
  for (const module of itemModules) {
    r.get(`/api/v1/${module}/:id/notes`, { schema: { tags, params: idParamsSchema, querystring: itemPageQuerySchema, response: { 200: list } } }, async (req) =>
      listNotes(readerFor(req, database), actorOf(req), await assertVisibleParent(readerFor(req, database), actorOf(req), module, fromApiId(req.params.id)), req.query),
    );
  }
}
