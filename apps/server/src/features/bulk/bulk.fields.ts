import type { z } from 'zod';
import { accountUpdateSchema } from '@kontor/contract/accounts';
import { activityUpdateSchema } from '@kontor/contract/activities';
import { postalAddressInput } from '@kontor/contract/addresses';
import { contactUpdateSchema } from '@kontor/contract/contacts';
import { customFieldValue, type CustomFieldDefinition, type Module } from '@kontor/contract/custom-fields';
import { dealUpdateSchema } from '@kontor/contract/deals';
import { leadUpdateSchema } from '@kontor/contract/leads';
import type { FilterValue } from '@kontor/contract/views';
import { fieldErrorMap, fieldErrorOfIssue } from '@kontor/contract/field-errors';
import { AppError, invalid, fieldError } from '../../errors.ts';
import { toE164 } from '../contact-points/phones.ts';
import { kindCopiedTo } from '../contact-points/primary-points.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import type { FieldType } from '../records/descriptor.ts';
import { descriptorOf } from '../records/registry.ts';
import type { ColumnWrite, JsonOf } from './bulk.repository.ts';

/**
 * Which fields a mass "update field" may set, and what it writes: a standard field of the module's descriptor that is
 * a plain column (validated by the module's own update schema, as a form's edit is), or a custom field (validated as
 * a record's custom field input is). Not offered: ids, references (owner, account, contact type: their own actions),
 * stamps, the names that feed the sort key, and the fields whose single-record write applies a rule of its own (a
 * deal's status stamps its close date; an activity's type, duration and "all day" are its schedule; completing an
 * activity refreshes its account) - those stay one record at a time.
 */

const plainTypes: ReadonlySet<FieldType> = new Set(['text', 'longtext', 'integer', 'number', 'date', 'boolean', 'picklist']);

const ruledFields: Record<Module, readonly string[]> = {
  accounts: [],
  contacts: [],
  deals: ['status', 'lostReason'],
  activities: ['type', 'durationMinutes', 'allDay', 'done'],
  leads: [],
};

const updateShapes: Record<Module, Record<string, z.ZodType>> = {
  accounts: accountUpdateSchema.shape,
  contacts: contactUpdateSchema.shape,
  deals: dealUpdateSchema.shape,
  activities: activityUpdateSchema.shape,
  leads: leadUpdateSchema.shape,
};

const addressShape: Record<string, z.ZodType> = postalAddressInput.shape;
const ADDRESS_FIELD = /^(billingAddress|shippingAddress)\.(street|city|region|postalCode|country)$/;

/** The schema that validates a standard field's value on an edit; undefined when the module's edit takes no such field. */
function schemaOf(module: Module, field: string): z.ZodType | undefined {
  const address = ADDRESS_FIELD.exec(field);
  if (address) return module === 'accounts' && address[2] ? addressShape[address[2]] : undefined;
  return Object.prototype.hasOwnProperty.call(updateShapes[module], field) ? updateShapes[module][field] : undefined;
}

/** The standard fields a mass update may set in `module`. */
export function massUpdatableFields(module: Module): string[] {
  const d = descriptorOf(module);
  return Object.entries(d.fields)
    .filter(([field, f]) => {
      const column = f.column.slice(f.column.indexOf('.') + 1);
      return plainTypes.has(f.type) && !d.nameColumns.includes(column) && !ruledFields[module].includes(field) && schemaOf(module, field) !== undefined;
    })
    .map(([field]) => field);
}

export type FieldWrite = { kind: 'column'; write: ColumnWrite } | { kind: 'custom'; key: string; valueJson: string | null };

const jsonOf = (type: FieldType): JsonOf => (type === 'boolean' ? 'boolean' : type === 'integer' || type === 'number' ? 'number' : 'text');

/** A value as the API (and the timeline) shows it after the change, as JSON. */
function afterJsonOf(type: FieldType, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'null';
  if (type === 'boolean') return value === true || value === 1 ? 'true' : 'false';
  return JSON.stringify(value);
}

const unknownField = (module: Module, field: string, defs: CustomFieldDefinition[]) => {
  const allowed = [...massUpdatableFields(module), ...defs.map((d) => `customFields.${d.key}`)];
  return invalid({ field: fieldError('mass_field', { allowed: allowed.join(', ') }) }, `"${field}" cannot be set on many records at once. Fields you can set: ${allowed.join(', ')}.`);
};

/**
 * What setting `field` to `value` writes on every record, validated as a single edit would validate it (a 400 naming
 * the field otherwise, or listing the fields allowed).
 */
export function resolveFieldWrite(module: Module, field: string, value: FilterValue, ctx: { defs: CustomFieldDefinition[]; phoneRegion: string | null }): FieldWrite {
  if (field.startsWith('customFields.')) {
    const key = field.slice('customFields.'.length);
    if (!ctx.defs.some((d) => d.key === key)) throw unknownField(module, field, ctx.defs);
    const typed = customFieldValue.safeParse(value);
    if (!typed.success) throw invalid({ value: fieldError('custom_value') });
    let merged: Record<string, unknown>;
    try {
      merged = mergeCustomFields(ctx.defs, {}, { [key]: typed.data }, 'update');
    } catch (err) {
      // The same checks and messages as a record's custom field input, on the request's `value`.
      if (err instanceof AppError) throw invalid({ value: err.fields?.[`customFields.${key}`] ?? fieldError('invalid') });
      throw err;
    }
    const next = merged[key];
    return { kind: 'custom', key, valueJson: next === undefined ? null : JSON.stringify(next) };
  }
  const descriptor = descriptorOf(module).fields[field];
  const schema = schemaOf(module, field);
  if (!descriptor || !schema || !massUpdatableFields(module).includes(field)) throw unknownField(module, field, ctx.defs);
  const address = ADDRESS_FIELD.test(field);
  // An address part is never null: clearing it stores an empty part, as a form's empty input does.
  const parsed = schema.safeParse(address && value === null ? undefined : value, { error: fieldErrorMap });
  if (!parsed.success) throw invalid({ value: parsed.error.issues[0] ? fieldErrorOfIssue(parsed.error.issues[0]) : fieldError('invalid') });
  const out = parsed.data as unknown;
  if (out !== null && typeof out !== 'string' && typeof out !== 'number' && typeof out !== 'boolean') throw invalid({ value: fieldError('invalid') });
  const stored = typeof out === 'boolean' ? (out ? 1 : 0) : out;
  const column = descriptor.column.slice(descriptor.column.indexOf('.') + 1);
  // A lead's phone keeps its E.164 form beside it, read in the default region (as a lead's edit does).
  const derived = module === 'leads' && field === 'phone' ? { phone_e164: typeof stored === 'string' ? toE164(stored, ctx.phoneRegion) : null } : undefined;
  // An account's phone or website is its primary point's copy: the point is set, as the record's own edit does.
  const kind = kindCopiedTo(module, column);
  const point = kind && { kind, e164: kind === 'phones' && typeof stored === 'string' ? toE164(stored, ctx.phoneRegion) : null, label: kind === 'phones' ? 'work' : 'website' };
  return { kind: 'column', write: { field, column, json: jsonOf(descriptor.type), value: stored, afterJson: afterJsonOf(descriptor.type, out), ...(derived && { derived }), ...(point && { point }) } };
}
