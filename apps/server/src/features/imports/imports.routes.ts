import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '@kontor/contract/common';
import {
  MAX_IMPORT_BYTES,
  importCreateQuerySchema,
  importListQuerySchema,
  importListSchema,
  importPreviewRequestSchema,
  importPreviewSchema,
  importProblemListSchema,
  importProblemsQuerySchema,
  importSchema,
  importStartSchema,
  importTargetsSchema,
  importTemplateInputSchema,
  importTemplateListSchema,
  importTemplateQuerySchema,
  importTemplateSchema,
  importUpdateSchema,
  type ImportModule,
} from '@kontor/contract/imports';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { contentDisposition } from '../attachments/attachment-names.ts';
import { writeConfig } from '../records/write-config.ts';
import { registerImportJobs } from './import-jobs.ts';
import { importReportCsv, listProblems, previewImport } from './import-preview.ts';
import { createTemplate, deleteTemplate, listTemplates } from './import-templates.ts';
import { cancelImport, createImport, deleteImport, getImport, importRowOr404, listImports, startImport, undoImport, updateImport, type IncomingImportFile } from './imports.service.ts';
import { importTargets } from './mapping/targets.ts';

/** The file part of the request, streamed (capped at the import limit while it streams). */
async function importFileOf(req: FastifyRequest): Promise<IncomingImportFile | undefined> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file".');
  const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
  return part && { filename: part.filename, stream: part.file };
}

/**
 * `/api/v1/imports` (issue #15; see docs/API.md): upload, map, preview, run, follow, report, undo; saved mappings under
 * `/api/v1/import-templates`. Registers the `import` and `import_undo` job handlers.
 */
export function importsRoutes(app: FastifyInstance, database: Database): void {
  const { db } = database;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  const one = { 200: importSchema };

  registerImportJobs();

  r.post('/api/v1/imports', { schema: { tags, consumes: ['multipart/form-data'], querystring: importCreateQuerySchema, response: { 201: importSchema } } }, async (req, reply) =>
    reply.status(201).send(await createImport(db, actorOf(req), req.query.module, await importFileOf(req))),
  );
  r.get('/api/v1/imports', { schema: { tags, querystring: importListQuerySchema, response: { 200: importListSchema } } }, async (req) => listImports(db, actorOf(req), req.query));
  r.get('/api/v1/imports/:id', { schema: { tags, params: idParamsSchema, response: one } }, async (req) => getImport(db, actorOf(req), fromApiId(req.params.id)));
  r.patch('/api/v1/imports/:id', { schema: { tags, params: idParamsSchema, body: importUpdateSchema, response: one } }, async (req) =>
    updateImport(db, actorOf(req), fromApiId(req.params.id), req.body),
  );
  r.get('/api/v1/imports/:id/targets', { schema: { tags, params: idParamsSchema, response: { 200: importTargetsSchema } } }, async (req) => {
    const row = await importRowOr404(db, actorOf(req), fromApiId(req.params.id));
    const module = row.module as ImportModule;
    return { data: importTargets(module, (await writeConfig(db, module)).defs) };
  });
  r.post('/api/v1/imports/:id/preview', { schema: { tags, params: idParamsSchema, body: importPreviewRequestSchema.default({ limit: 20 }), response: { 200: importPreviewSchema } } }, async (req) =>
    previewImport(db, actorOf(req), fromApiId(req.params.id), req.body.limit),
  );
  r.post('/api/v1/imports/:id/start', { schema: { tags, params: idParamsSchema, body: importStartSchema.default({ dryRun: false }), response: { 202: importSchema } } }, async (req, reply) =>
    reply.status(202).send(await startImport(db, actorOf(req), fromApiId(req.params.id), req.body)),
  );
  r.post('/api/v1/imports/:id/cancel', { schema: { tags, params: idParamsSchema, response: one } }, async (req) => cancelImport(db, actorOf(req), fromApiId(req.params.id)));
  r.post('/api/v1/imports/:id/undo', { schema: { tags, params: idParamsSchema, response: { 202: importSchema } } }, async (req, reply) =>
    reply.status(202).send(await undoImport(db, actorOf(req), fromApiId(req.params.id))),
  );
  r.delete('/api/v1/imports/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteImport(db, actorOf(req), fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
  r.get('/api/v1/imports/:id/problems', { schema: { tags, params: idParamsSchema, querystring: importProblemsQuerySchema, response: { 200: importProblemListSchema } } }, async (req) =>
    listProblems(db, actorOf(req), fromApiId(req.params.id), req.query.limit, req.query.cursor),
  );
  r.get('/api/v1/imports/:id/report.csv', { schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    const id = fromApiId(req.params.id);
    const row = await importRowOr404(db, actorOf(req), id);
    const name = `${row.file_name.replace(/\.[^.]*$/, '')}-report.csv`;
    return reply
      .headers({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(name), 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' })
      .send(Readable.from(importReportCsv(db, actorOf(req), id)));
  });

  r.get('/api/v1/import-templates', { schema: { tags, querystring: importTemplateQuerySchema, response: { 200: importTemplateListSchema } } }, async (req) => ({ data: await listTemplates(db, actorOf(req), req.query.module) }));
  r.post('/api/v1/import-templates', { schema: { tags, body: importTemplateInputSchema, response: { 201: importTemplateSchema } } }, async (req, reply) =>
    reply.status(201).send(await createTemplate(db, actorOf(req), req.body)),
  );
  r.delete('/api/v1/import-templates/:id', { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteTemplate(db, actorOf(req), fromApiId(req.params.id));
    return reply.status(204).send(null);
  });
}
