import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody } from '@kontor/contract/errors';
import { AppError } from '../errors.ts';

function send(status: number, body: ErrorBody) {
  return { status, body };
}

/** One renderer for every error: AppErrors keep their code, schema errors list each field, everything else is hidden. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return send(err.status, { error: { code: err.code, message: err.message, fields: err.fields, details: err.details } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, string> = {};
    for (const issue of err.validation) {
      const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
      fields[path] ??= issue.message ?? 'invalid';
    }
    return send(400, { error: { code: 'validation_failed', message: 'Some fields are not valid.', fields } });
  }
  const fe = err as Partial<FastifyError>;
  if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
    return send(413, { error: { code: 'payload_too_large', message: 'The request is too large.' } });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return send(415, { error: { code: 'unsupported_media_type', message: 'This content type is not accepted here.' } });
  }
  if (fe.statusCode === 429) {
    return send(429, { error: { code: 'rate_limited', message: 'Too many requests; slow down and try again shortly.' } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(400, { error: { code: 'validation_failed', message: fe.message ?? 'Bad request.' } });
  }
  return send(500, { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } } satisfies ErrorBody);
  });
}
