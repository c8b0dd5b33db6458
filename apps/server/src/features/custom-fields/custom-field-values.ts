import { z } from 'zod';
import { emailValue, phoneValue, urlValue } from '@kontor/contract/contact-points';
import type { CustomFieldDefinition, CustomFieldValue, CustomFieldValues } from '@kontor/contract/custom-fields';
import { fieldCode, fieldErrorMap, fieldErrorOfIssue, type FieldError } from '@kontor/contract/field-errors';
import { invalid, fieldError } from '../../errors.ts';

const isoDate = z.string().refine((v) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}, fieldCode('date'));

/** The value schema of each custom field type: custom fields are validated as strictly as standard ones. */
function valueSchema(def: CustomFieldDefinition): z.ZodType<CustomFieldValue> {
  switch (def.type) {
    case 'text':
      return z.string().trim().max(255);
    case 'longtext':
      return z.string().max(32000);
    case 'number':
      return z.number({ error: fieldCode('number') }).finite().min(-1e15).max(1e15);
    case 'currency':
      return z
        .number({ error: fieldCode('number') })
        .min(-1e15)
        .max(1e15)
        .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, fieldCode('two_decimals'));
    case 'date':
      return isoDate;
    case 'checkbox':
      return z.boolean({ error: fieldCode('boolean') });
    case 'picklist':
      return z.string().refine((v) => def.options.includes(v), { message: fieldCode('one_of'), params: { allowed: def.options.join(', ') } });
    case 'multiselect':
      return z
        .array(z.string())
        .refine((vs) => vs.every((v) => def.options.includes(v)), { message: fieldCode('one_of'), params: { allowed: def.options.join(', ') } })
        .transform((vs) => [...new Set(vs)]);
    case 'url':
      return urlValue;
    case 'email':
      return emailValue;
    case 'phone':
      return phoneValue;
  }
}

const isEmpty = (v: CustomFieldValue | undefined) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Validates custom field input against the module's definitions and merges it into the current values.
 * Unknown keys, wrong types and emptied required fields are errors named `customFields.<key>`; null clears a value.
 */
export function mergeCustomFields(
  defs: CustomFieldDefinition[],
  current: CustomFieldValues,
  input: CustomFieldValues | undefined,
  mode: 'create' | 'update',
): CustomFieldValues {
  const errors: Record<string, FieldError> = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const next: CustomFieldValues = { ...current };
  for (const [key, value] of Object.entries(input ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      errors[`customFields.${key}`] = fieldError('no_such_custom_field');
      continue;
    }
    if (isEmpty(value)) {
      if (def.required) errors[`customFields.${key}`] = fieldError('required');
      delete next[key];
      continue;
    }
    const parsed = valueSchema(def).safeParse(value, { error: fieldErrorMap });
    if (parsed.success) next[key] = parsed.data;
    else errors[`customFields.${key}`] = parsed.error.issues[0] ? fieldErrorOfIssue(parsed.error.issues[0]) : fieldError('invalid');
  }
  if (mode === 'create') {
    for (const def of defs) if (def.required && isEmpty(next[def.key]) && !errors[`customFields.${def.key}`]) errors[`customFields.${def.key}`] = fieldError('required');
  }
  // Values of fields that were deleted since are dropped rather than kept invisibly.
  for (const key of Object.keys(next)) if (!byKey.has(key)) delete next[key];
  if (Object.keys(errors).length) throw invalid(errors);
  return next;
}
