import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { modules } from '@kontor/contract/custom-fields';
import { exportJobRequestSchema, exportQuerySchema, jobSchema } from '@kontor/contract/views';
import type { Database } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { contentDisposition } from '../attachments/attachment-names.ts';
import { registerJobHandler } from '../jobs/jobs.runner.ts';
import { parseFilterParam } from '../views/list-view.ts';
import { runExportJob, startExportJob, streamExport } from './export.service.ts';

/**
 * `GET /api/v1/{module}/export` streams the list as it is filtered (view, filter, search, letter, sort) as CSV, XLSX
 * or (accounts, contacts) vCard, in the chosen columns or the full layout (`layout=full`: every field, for a
 * re-import); `POST /api/v1/{module}/export` runs the same as a background job (202 with the job; its `downloadUrl`
 * once done). Registers the `export` job handler.
 */
export function exportRoutes(app: FastifyInstance, database: Database): void {
  const { db } = database;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exports'];
  registerJobHandler('export', (jobDb, job) => runExportJob(jobDb, job, exportJobRequestSchema.parse(job.payload)));

  for (const module of modules) {
    r.get(`/api/v1/${module}/export`, { schema: { tags, querystring: exportQuerySchema } }, async (req, reply) => {
      const q = req.query;
      const filter = parseFilterParam(q.filter) ?? undefined;
      const columns = q.columns?.split(',').map((c) => c.trim());
      const parsed = exportJobRequestSchema.safeParse({
        selection: { all: true, view: q.view, filter, q: q.q || undefined, letter: q.letter },
        format: q.format,
        layout: q.layout,
        delimiter: q.delimiter,
        bom: q.bom,
        columns,
        sort: q.sort,
      }, { error: fieldErrorMap });
      if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error.issues));
      const request = parsed.data;
      const prepared = await streamExport(db, readerFor(req, database), actorOf(req), module, request, req.ip);
      return reply
        .headers({
          'content-type': prepared.mime,
          'content-disposition': contentDisposition(prepared.fileName),
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        })
        .send(Readable.from(prepared.chunks(), { objectMode: false }));
    });
    r.post(`/api/v1/${module}/export`, { schema: { tags, body: exportJobRequestSchema, response: { 202: jobSchema } } }, async (req, reply) =>
      reply.status(202).send(await startExportJob(db, actorOf(req), module, req.body, req.ip)),
    );
  }
}
