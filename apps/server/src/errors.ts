import { errorReasonTexts, type ErrorCode, type ErrorReason } from '@kontor/contract/errors';
import { renderFieldText, type FieldError, type FieldErrorParams } from '@kontor/contract/field-errors';

export { fieldError, type FieldError } from '@kontor/contract/field-errors';

/** The one table from error code to HTTP status; `satisfies` makes a missing code a compile error. */
export const statusOf = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  contact_has_account: 409,
  account_has_contacts: 409,
  parent_cycle: 422,
  parent_chain_hidden: 422,
  duplicate: 409,
  lead_converted: 409,
  /** A tombstone of a merge (issue #16): GETs redirect to the survivor; other requests answer 410 with `details.survivorId`. */
  record_merged: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 400,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, FieldError>,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what = 'record') => new AppError('not_found', `The ${what} does not exist or you cannot see it.`);
/** 400 `validation_failed` naming each field's problem by code (`fieldError('no_such_user')`). */
export const invalid = (fields: Record<string, FieldError>, message = 'Some fields are not valid.') =>
  new AppError('validation_failed', message, fields);
/** A refusal whose code alone does not say why: `details.reason` (translated by clients) and its English as the message. */
export const refused = (code: ErrorCode, reason: ErrorReason, params?: FieldErrorParams, fields?: Record<string, FieldError>) =>
  new AppError(code, renderFieldText(errorReasonTexts[reason], params), fields, { reason, ...(params && { params }) });
export const versionConflict = (current: number) =>
  new AppError('version_conflict', 'Someone else changed this record since you loaded it. Reload it and apply your change again.', undefined, {
    currentVersion: current,
  });
