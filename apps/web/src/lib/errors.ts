import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { notifications } from '@mantine/notifications';
import { errorCodes, errorReasons, type ErrorCode, type ErrorReason } from '@kontor/contract/errors';
import { fieldErrorsOf, isFieldErrorCode, type FieldError } from '@kontor/contract/field-errors';
import { ApiError, type FieldProblem } from './api';

const isErrorReason = (v: unknown): v is ErrorReason => typeof v === 'string' && (errorReasons as readonly string[]).includes(v);
const isErrorCode = (v: unknown): v is ErrorCode => typeof v === 'string' && (errorCodes as readonly string[]).includes(v);

/** The number a plural form follows: a limit (`max`, else `min`). */
const countOf = (params: Record<string, string | number>): number | undefined => {
  const n = params.max ?? params.min;
  return typeof n === 'number' ? n : undefined;
};

/**
 * A field's problem in the user's language, by its code (`fieldErrors.<code>`, with the code's params): from the
 * server (`ApiError.fields`), from the contract's schemas checked in the browser (`zodFieldErrors`), or a bare code
 * (`'required'`). A code this version does not know shows the server's English rather than nothing.
 */
export function fieldMessage(t: TFunction, problem: FieldProblem | string): string {
  const code = typeof problem === 'string' ? problem : problem.code;
  const params = typeof problem === 'string' ? {} : (problem.params ?? {});
  if (isFieldErrorCode(code)) return t(`fieldErrors.${code}`, { ...params, count: countOf(params) });
  return typeof problem === 'string' ? problem : problem.message;
}

/** zod issues of the contract's schemas -> `{ 'emails.1.value': FieldError }` (the first problem per path), by code. */
export function zodFieldErrors(error: z.ZodError): Record<string, FieldError> {
  return fieldErrorsOf(error.issues);
}

/** Field problems translated, path by path. */
export const fieldMessages = (t: TFunction, problems: Record<string, FieldProblem | string>): Record<string, string> =>
  Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, fieldMessage(t, p)]));

/**
 * A sentence that says what happened and what to do, translated by the error's code (and its reason, where the code
 * alone does not say why). An error code this version does not know shows the server's message.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  if (isErrorReason(error.reason)) return t(`errorReasons.${error.reason}`, error.params);
  switch (error.code) {
    case 'account_has_contacts':
      return t('errors.account_has_contacts', { count: Number(error.details.contactCount ?? 0) });
    case 'network':
      return t('errors.network');
    default:
      if (isErrorCode(error.code)) return t(`errors.${error.code}`);
      return error.message || t('errors.unknown');
  }
}

export function notifyError(t: TFunction, error: unknown, title?: string): void {
  notifications.show({ color: 'red', title: title ?? t('errors.notDone'), message: errorMessage(t, error), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}
