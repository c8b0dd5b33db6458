import type { z } from 'zod';
import { invalid } from '../../errors.ts';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';

/**
 * The input that creates a copy of a record: the record as the API shows it, cut to the fields its create schema
 * takes (minus `omit`: owner, restriction, identifiers that must stay unique) and parsed by that schema, so a clone
 * obeys every rule a new record obeys. Contact points, tags and custom fields come along.
 */
export function cloneInput<S extends z.ZodObject>(schema: S, record: object, omit: string[]): z.output<S> {
  const source = record as Record<string, unknown>;
  const keys = Object.keys(schema.shape).filter((k) => !omit.includes(k) && source[k] !== undefined && source[k] !== null);
  const parsed = schema.safeParse(Object.fromEntries(keys.map((k) => [k, source[k]])), { error: fieldErrorMap });
  if (!parsed.success) {
    throw invalid(fieldErrorsOf(parsed.error.issues), 'This record cannot be copied as it is; edit it first.');
  }
  return parsed.data;
}
