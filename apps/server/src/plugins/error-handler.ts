import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ErrorBody } from '@kontor/contract/errors';
import { fieldErrorOfIssue, type FieldError } from '@kontor/contract/field-errors';
import { AppError } from '../errors.ts';

function send(status: number, body: ErrorBody) {
  return { status, body };
}

/**
 * Field errors as the API answers them: `fields` keeps each field's English message (API clients, as before codes),
 * `details.fields` the same as `{ code, params, message }`, which clients translate by code.
 */
function withFields(body: ErrorBody['error'], fields: Record<string, FieldError> | undefined): ErrorBody['error'] {
  if (!fields || Object.keys(fields).length === 0) return body;
  return {
    ...body,
    fields: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.message])),
    details: { ...body.details, fields },
  };
}

/** One renderer for every error: AppErrors keep their code, schema errors list each field, everything else is hidden. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return send(err.status, { error: withFields({ code: err.code, message: err.message, ...(err.details && { details: err.details }) }, err.fields) });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    // a schema validated by another compiler than ours (plugins/validation.ts): the issue is in each entry's params
    const fields: Record<string, FieldError> = {};
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
      fields[path] ??= fieldErrorOfIssue({ ...v.params, code: v.keyword, path: [], message: v.message ?? 'invalid' } as z.core.$ZodIssue);
    }
    return send(400, { error: withFields({ code: 'validation_failed', message: 'Some fields are not valid.' }, fields) });
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
