import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';
import { invalid } from '../errors.ts';

/**
 * Every route's zod schema validates its input here (fastify-type-provider-zod's compiler, with our error map): a
 * refusal is a 400 naming each field's problem by code (`details.fields`), the check zod ran saying which it was.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { error: fieldErrorMap });
    return result.success ? { value: result.data } : { error: invalid(fieldErrorsOf(result.error.issues)) };
  };
