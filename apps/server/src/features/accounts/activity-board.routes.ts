import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { activityBoardColumnPageSchema, activityBoardColumnQuerySchema, activityBoardQuerySchema, activityBoardSchema } from '@kontor/contract/activity-board';
import type { Database } from '../../db/database.ts';
import { readerFor } from '../../plugins/read-routing.ts';
import { actorOf } from '../auth/auth.plugin.ts';
import { accountActivityBoard, accountActivityBoardColumn } from './activity-board.service.ts';

export function activityBoardRoutes(app: FastifyInstance, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  r.get('/api/v1/accounts/activity-board', { schema: { tags, querystring: activityBoardQuerySchema, response: { 200: activityBoardSchema } } }, async (req) =>
    accountActivityBoard(readerFor(req, database), actorOf(req), req.query),
  );
  r.get('/api/v1/accounts/activity-board/column', { schema: { tags, querystring: activityBoardColumnQuerySchema, response: { 200: activityBoardColumnPageSchema } } }, async (req) =>
    accountActivityBoardColumn(readerFor(req, database), actorOf(req), req.query),
  );
}
