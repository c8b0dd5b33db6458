import type { z } from 'zod';

/**
 * Every field error the API can answer, by code, with its English text for API clients. The server answers each
 * field's problem as `{ code, params, message }` (`error.details.fields`), the web app translates it by code with its
 * params, and schemas in this package name codes (`fieldCode('birthday')`) instead of writing English. `{name}` in a text
 * is the param of that name. A code added here needs a translation in every language (the web app's test checks).
 */
export const fieldErrorTexts = {
  // what zod's own checks say (derived from the issue, see `fieldErrorOfIssue`)
  required: 'required',
  invalid: 'not valid',
  number: 'must be a number',
  whole_number: 'must be a whole number',
  boolean: 'must be true or false',
  max_characters: 'at most {max} characters',
  min_characters: 'at least {min} characters',
  max_entries: 'at most {max} entries',
  min_entries: 'at least {min} entries',
  max_value: 'at most {max}',
  min_value: 'at least {min}',
  one_of: 'one of: {allowed}',
  unknown_keys: 'unknown field {keys}',
  email: 'not a valid e-mail address',
  url: 'not a valid web address',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date-time with an offset (ISO 8601) or a date',
  // input hygiene
  nul: 'must not contain a NUL character',
  too_deep: 'nested too deeply (at most {max} levels)',
  record_id: 'must be a record id',
  visible: 'must contain a visible character',
  // record fields
  negative: 'cannot be negative',
  too_large: 'too large',
  ten_digits: 'at most 10 digits',
  max_users: 'at most {max} users',
  max_tags: 'at most {max} tags',
  phone: 'not a valid phone number',
  year_range: 'a date between 1900 and 2999',
  time_zone: 'an IANA time zone such as Europe/Berlin',
  birthday: 'a date (YYYY-MM-DD) or a month and day (--MM-DD), not in the future',
  name_required: 'a first or a last name is required',
  one_primary: 'exactly one entry can be primary',
  address_part: 'an address needs at least one part',
  currency: 'a currency code like EUR',
  country_code: 'two capital letters, e.g. DE',
  color: 'a colour like #3b82f6',
  percent: 'between 0 and 100',
  in_use: 'already in use',
  account_taken: 'the contact already belongs to another account',
  shorthand_conflict: 'differs from the primary entry of {kind}: send one of them, or the same value in both',
  // references
  no_such_user: 'no such user',
  no_such_role: 'no such role',
  no_such_profile: 'no such profile',
  no_such_account: 'no such account',
  no_such_contact: 'no such contact',
  no_such_deal: 'no such deal',
  no_such_lead: 'no such lead',
  no_such_stage: 'no such stage',
  no_such_pipeline: 'no such pipeline',
  no_such_contact_type: 'no such contact type',
  no_such_custom_field: 'no such custom field',
  user_deactivated: 'this user is deactivated',
  unknown_users: 'contains a user that does not exist',
  deactivated_users: 'contains a deactivated user',
  // ownership, roles, users
  owner_locked: 'you may not change the owner of this record',
  restriction_locked: 'you may not change who may see this record',
  owner_not_allowed: 'not allowed',
  profile_too_strong: 'stronger than your own profile',
  role_not_below: 'not below your role',
  role_cycle: 'would make a cycle',
  parent_cycle: 'would make a cycle of parent accounts',
  parent_hidden: 'sits below accounts you cannot see',
  wrong_password: 'not your current password',
  same_user: 'same user',
  share_target: 'share with either a user or a role',
  // deals and pipelines
  stages_required: 'a pipeline needs at least one stage',
  stage_twice: 'a stage appears twice',
  new_pipeline_stages: 'a new pipeline has only new stages',
  stage_not_in_pipeline: 'a stage belongs to another pipeline or does not exist',
  stage_other_pipeline: 'this stage belongs to another pipeline',
  stage_holds_deals: 'a removed stage holds deals',
  move_to_required: 'choose the pipeline its deals move to',
  lost_reason_only_lost: 'only a lost deal has a lost reason',
  // leads
  lead_status: 'one of new, contacted, qualified, unqualified (a lead becomes converted only by converting it)',
  account_choice: 'choose an existing account or a new one, not both',
  no_company: 'the lead has no company to name an account after',
  lead_converted: 'a converted lead keeps this as it was',
  // activities
  task_no_start: 'a task has a due time (dueAt), not a start',
  task_no_end: 'a task has a due time (dueAt), not an end',
  due_required: 'a task needs a due date',
  no_due: 'a {type} has a start (startAt), not a due time',
  start_required: 'a {type} needs a start',
  all_day_duration: 'an all-day activity has no duration; give its last day (endAt)',
  end_before_start: 'cannot be before the start',
  duration_mismatch: 'does not match the start and end',
  whole_minutes: 'whole minutes',
  max_year: 'at most a year',
  calendar_type: 'only calls and meetings go into a calendar',
  whole_days: 'a whole number of days',
  min_day: 'at least 1 day',
  max_days: 'at most {max} days',
  // notes, files, tags, contact types, custom fields and links
  one_parent: 'give exactly one of accountId, contactId, dealId, leadId',
  note_empty: 'the note is empty once unsafe content is removed',
  merge_self: 'choose another tag',
  same_type: 'same as the deleted type',
  contact_type_modules: 'only accounts and contacts have a contact type',
  field_key: 'lower-case letters, digits and _; starts with a letter; at most 40',
  options_required: 'a picklist needs at least one option',
  custom_value: 'not a value this custom field can hold',
  two_decimals: 'at most 2 decimals',
  link_host: 'must start with http:// or https:// and a fixed host (placeholders only after it)',
  link_characters: 'must not contain spaces, quotes or angle brackets',
  link_braces: 'braces are only for {fieldName} placeholders',
  unknown_placeholder: 'unknown placeholder {placeholders}; use one of the listed fields',
  section_key: 'a section key',
  // lists, views, filters, exports, mass actions
  cursor: 'not a cursor this server issued',
  sort_field: 'sort by one of {allowed} (prefix - for descending)',
  max_sort_keys: 'at most {max} sort keys',
  sort_key_twice: 'each sort key at most once',
  unknown_column: 'unknown column "{column}"; one of: {allowed}',
  column_twice: 'each column at most once',
  not_a_column: 'not a column of this module',
  unknown_view: 'no such view',
  view_id: 'a view id',
  letter: 'a letter, 0-9 or #',
  search_types: 'must be a comma-separated list of {allowed}',
  filter_json: 'must be JSON: {"match":"all","conditions":[{"field":"…","op":"…","value":…}]}',
  unknown_filter_field: 'unknown field "{field}"; filter by one of: {allowed}',
  operator: '"{op}" does not apply to {field}; use one of: {allowed}',
  no_value: '{op} takes no value',
  value_required: 'a value is required',
  two_values: 'two values: [from, to]',
  value_list: 'a list of values',
  days_range: 'a whole number of days from 1 to {max}',
  user_value: 'must be a user id, me or myTeam',
  tag_value: 'must be a tag name',
  max_values: 'at most {max} values',
  max_conditions: 'at most {max} conditions',
  max_ids: 'at most {max} ids; select the whole result instead',
  mass_field: 'one of: {allowed}',
  // imports (issue #15): refusals of a whole file, and problems of a row
  empty_file: 'the file is empty',
  unknown_format: 'this kind of file cannot be read: use CSV, TSV, Excel (.xlsx), XML or vCard',
  unreadable_encoding: 'the text encoding of the file cannot be read',
  no_header: 'the file has no header row',
  xml_entities: 'XML with a DOCTYPE or entity declarations is refused',
  xml_malformed: 'the XML is not well-formed',
  zip_bomb: 'the workbook expands to more than an import takes',
  zip_malformed: 'the workbook is damaged or not an Excel workbook',
  no_such_sheet: 'there is no such sheet',
  file_too_large: 'the file is too large',
  unterminated_quote: 'a quoted cell never closes',
  row_too_long: 'the row is longer than an import takes',
  too_many_columns: 'the row has more cells than the header',
  bad_cell: 'the cell cannot be read',
  bad_card: 'the vCard cannot be read',
  duplicate: 'a duplicate of an existing record',
  no_such_column: 'there is no such column',
  unknown_import_target: 'not a field a column can be imported into',
  import_update_modules: 'only accounts and contacts can be updated by an import',
  import_no_account_right: 'no such account, and you may not create accounts',
  undo_kept: 'kept: it was changed after the import',
  // duplicates and merges (issue #16)
  merge_count: 'a merge takes two to five records',
  merge_distinct: 'each record may be named once',
  merge_field: 'no such field to merge',
  merge_source: 'not one of the records being merged',
} as const satisfies Record<string, string>;

export type FieldErrorCode = keyof typeof fieldErrorTexts;
/** The one list of field error codes (tests enumerate it: every code has a translation in every language). */
export const fieldErrorCodes = Object.keys(fieldErrorTexts) as FieldErrorCode[];
export type FieldErrorParams = Record<string, string | number>;

/** One field's problem as the API answers it: a code, its params, and an English sentence for API clients. */
export interface FieldError {
  code: FieldErrorCode;
  params?: FieldErrorParams;
  message: string;
}

export const isFieldErrorCode = (v: unknown): v is FieldErrorCode => typeof v === 'string' && Object.hasOwn(fieldErrorTexts, v);

/** A schema's message: a field error code, checked by the compiler (`.refine(ok, fieldCode('birthday'))`). */
export const fieldCode = <C extends FieldErrorCode>(code: C): C => code;

/** `{name}` in `text` replaced by the param of that name (other braces stay). */
export function renderFieldText(text: string, params: FieldErrorParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : all));
}

/** A field error by code; `message` replaces the English text where the server says more than the code (API clients). */
export function fieldError(code: FieldErrorCode, params?: FieldErrorParams, message?: string): FieldError {
  return { code, ...(params && Object.keys(params).length ? { params } : {}), message: message ?? renderFieldText(fieldErrorTexts[code], params) };
}

type Issue = z.core.$ZodIssue | z.core.$ZodRawIssue;

/** What zod's own checks mean, as a code (the issue's structure, never its English). */
function derivedCode(issue: Issue): FieldErrorCode {
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return 'required';
      if (issue.expected === 'int') return 'whole_number';
      if (issue.expected === 'number') return 'number';
      if (issue.expected === 'boolean') return 'boolean';
      return 'invalid';
    case 'too_big':
      if (issue.origin === 'string') return 'max_characters';
      if (issue.origin === 'array' || issue.origin === 'set') return 'max_entries';
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint' ? 'max_value' : 'invalid';
    case 'too_small':
      if ((issue.origin === 'string' || issue.origin === 'array') && Number(issue.minimum) === 1) return 'required';
      if (issue.origin === 'string') return 'min_characters';
      if (issue.origin === 'array' || issue.origin === 'set') return 'min_entries';
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint' ? 'min_value' : 'invalid';
    case 'invalid_format':
      if (issue.format === 'email') return 'email';
      if (issue.format === 'url') return 'url';
      if (issue.format === 'date') return 'date';
      if (issue.format === 'datetime') return 'datetime';
      return 'invalid';
    case 'invalid_value':
      return 'one_of';
    case 'unrecognized_keys':
      return 'unknown_keys';
    default:
      return 'invalid';
  }
}

/** The params a code's text and translations use, from the issue (limits, allowed values, unknown keys, custom params). */
function paramsOf(issue: z.core.$ZodIssue): FieldErrorParams {
  const out: FieldErrorParams = {};
  if (issue.code === 'too_big') out.max = Number(issue.maximum);
  if (issue.code === 'too_small') out.min = Number(issue.minimum);
  if (issue.code === 'invalid_value') out.allowed = issue.values.map(String).join(', ');
  if (issue.code === 'unrecognized_keys') out.keys = issue.keys.join(', ');
  if (issue.code === 'custom' && issue.params) {
    for (const [k, v] of Object.entries(issue.params)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

/**
 * A per-parse error map (`schema.safeParse(data, { error: fieldErrorMap })`): a check without a message of its own
 * gets the code of what it means (an absent value is `required`, which only the raw issue can tell).
 */
export const fieldErrorMap = (issue: z.core.$ZodRawIssue): string => derivedCode(issue);

/**
 * One zod issue as a field error: a code the schema named, else the code of the check that failed. Parse with
 * `fieldErrorMap` so zod's own English never shows: each check without a message of its own then says its code.
 */
export function fieldErrorOfIssue(issue: z.core.$ZodIssue): FieldError {
  if (issue.code === 'invalid_union' && (issue.message === 'invalid' || !isFieldErrorCode(issue.message))) {
    const inner = issue.errors[0]?.[0];
    if (inner) return fieldErrorOfIssue({ ...inner, path: issue.path });
  }
  const params = paramsOf(issue);
  if (isFieldErrorCode(issue.message)) return fieldError(issue.message, params);
  // a check we can name says our text; a sentence we cannot (a refinement's, a list's unknown parameters) stays
  const code = derivedCode(issue);
  return fieldError(code, params, code === 'invalid' || code === 'unknown_keys' ? issue.message : undefined);
}

/** Issues -> `{ 'emails.1.value': FieldError }`, the first problem per path; `prefix` goes before each path. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of issues) {
    const path = [...prefix, ...issue.path].map(String).join('.') || '_';
    out[path] ??= fieldErrorOfIssue(issue);
  }
  return out;
}
