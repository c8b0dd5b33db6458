import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '@kontor/contract/field-errors';
import { invalid, fieldError } from '../errors.ts';

/** Deeper than any body the API takes (a contact with addresses is 3 levels); deeper input is refused, not walked by zod. */
export const MAX_INPUT_DEPTH = 64;

const NUL_PROBLEM = fieldError('nul');
const DEPTH_PROBLEM = fieldError('too_deep', { max: MAX_INPUT_DEPTH });

/**
 * The first problem in one request part, as [field path, message], or null: a string or an object key containing
 * U+0000 (PostgreSQL text cannot hold it; SQLite would), or nesting deeper than MAX_INPUT_DEPTH. Iterative, so a
 * hostile nesting depth cannot overflow the stack.
 */
export function findHostileInput(input: unknown): [string, FieldError] | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return [path || '_', NUL_PROBLEM];
      continue;
    }
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) return [path || '_', DEPTH_PROBLEM];
    const prefix = path ? `${path}.` : '';
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], path: `${prefix}${i}`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key.includes('\u0000')) return [path || '_', NUL_PROBLEM];
      stack.push({ value: (value as Record<string, unknown>)[key], path: `${prefix}${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Input hygiene for every route, before its schema runs: no NUL byte in any path parameter, query parameter or body
 * string (nor in a key), and no absurd nesting. One mechanism, so no route can forget it and both engines answer the
 * same 400 `validation_failed`.
 */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const part of [request.params, request.query, request.body]) {
      const problem = findHostileInput(part);
      if (problem) throw invalid({ [problem[0]]: problem[1] });
    }
  });
}
