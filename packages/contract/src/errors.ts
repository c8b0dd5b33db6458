import { z } from 'zod';

/** Every error the API answers carries one of these codes; the server maps each to one HTTP status. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'csrf_failed',
  'forbidden',
  'not_found',
  'version_conflict',
  'contact_has_account',
  'account_has_contacts',
  'parent_cycle',
  'parent_chain_hidden',
  'duplicate',
  'lead_converted',
  'record_merged',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_image',
  'unprocessable',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * Why a request was refused, when the code alone does not say it (`forbidden`: which rule; `unprocessable`: what is in
 * the way), with the English the API answers in `message`; `{name}` is the param of that name (`details.params`). The
 * web app translates `details.reason` by this list (a test checks every reason has a translation in every language).
 */
export const errorReasonTexts = {
  // forbidden
  module_right: 'Your profile does not allow you to {right} {module}.',
  record_edit: 'You can see this record but may not change it.',
  record_delete: 'You can see this record but may not delete it.',
  record_share: 'You can see this record but may not share it.',
  admin_right: 'Only an administrator may do this.',
  administrator_only: 'Only an administrator may do this.',
  assign_owner: 'You may assign records only to yourself or to users in roles below yours.',
  change_access: 'Only the owner, users above the owner and administrators may change who owns or may see this record.',
  purge_owner: 'Only the owner, their managers and administrators may purge a record.',
  note_author: 'Only the author of a note, users above them and administrators may change or delete it.',
  file_uploader: 'Only the uploader, users above them, administrators and those who may edit the record may delete this file.',
  view_owner: 'Only the owner of a shared view or an administrator may change it.',
  tags_right: 'Managing tags needs the "fields" administration right.',
  own_profile: 'Nobody edits the profile they hold; ask another administrator.',
  grant_profile: 'You may only give profiles that grant nothing beyond your own rights.',
  place_role: 'You may only place users in roles below your own.',
  own_settings: 'Use your own settings for this (changing your password needs your current one).',
  manage_administrators: 'Only an administrator may manage administrators.',
  stronger_profile: "This user's profile grants rights you do not have; ask an administrator.",
  manage_below: 'You may only manage users in roles below your own.',
  read_only_token: 'This API token is read-only.',
  job_user_deactivated: 'The user who started this job is deactivated.',
  // unprocessable
  top_role: 'The top role stays at the top of the hierarchy.',
  builtin_role: 'Built-in roles cannot be deleted; rename them instead.',
  role_has_children: 'Move or delete the roles below this one first.',
  role_has_users: 'Users still have this role; give them another role first.',
  administrator_rights: 'The Administrator profile always has every right.',
  builtin_profile: 'Built-in profiles cannot be deleted.',
  profile_has_users: 'Users still have this profile; give them another profile first.',
  change_yourself: 'You cannot deactivate yourself or change your own role or profile; ask another administrator.',
  views_limit: 'You have {max} views in this module; delete one first.',
  no_pipeline: 'There is no pipeline; an administrator must create one first.',
  no_stage: 'The default pipeline has no stage; an administrator must add one.',
  stage_holds_deals: 'A stage you removed still holds deals (perhaps in the recycle bin); move them first.',
  default_pipeline: 'The default pipeline cannot be deleted; make another one the default first.',
  xlsx_rows: 'An XLSX sheet holds at most {max} rows; this export has {total}. Export CSV instead, or narrow the list.',
  import_has_run: 'This import has run: its mapping and options can no longer change.',
  import_nothing_mapped: 'No column is mapped to a field: map at least one column first.',
  import_not_undoable: 'Only a finished import that stored records can be undone, and only once.',
  import_not_draft: 'Only an import that has not run can be discarded; undo a finished one instead.',
  import_gone: 'The import no longer exists.',
  merge_deleted: 'A record in the recycle bin cannot be merged; restore it first.',
  merge_hierarchy: 'Merging these accounts would make an account its own parent.',
  merge_undo_blocked: 'This merge cannot be undone: later changes stand in the way.',
  merge_undo_expired: 'A merge can be undone for {days} days; this one is older.',
  merge_undone: 'This merge has been undone already.',
} as const satisfies Record<string, string>;
export type ErrorReason = keyof typeof errorReasonTexts;
/** The one list of reasons (tests enumerate it). */
export const errorReasons = Object.keys(errorReasonTexts) as ErrorReason[];

/** One field's problem: a code of `fieldErrorCodes` (a client tolerates codes it does not know), its params, English. */
export const fieldErrorSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});

/**
 * `fields`: each field's English message (API clients); `details.fields`: the same as `{ code, params, message }`, which
 * clients translate by code; `details.reason` / `details.params`: why, when the code alone does not say it.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
