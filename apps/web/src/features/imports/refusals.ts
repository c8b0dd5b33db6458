import type { TFunction } from 'i18next';
import { errorMessage } from '../../lib/errors';
import { ImportRefusal } from './api';

/** Why a file was refused, in the user's language (by the reader's code), or the app's usual sentence for other errors. */
export function refusalMessage(t: TFunction, error: unknown): string {
  if (error instanceof ImportRefusal) return t(`imports.refusals.${error.refusal}`);
  return errorMessage(t, error);
}

/** A problem of a row (its code) in the user's language; a code this version does not know shows the server's English. */
export function problemText(t: TFunction, exists: (key: string) => boolean, code: string, message: string): string {
  const key = `imports.problems.codes.${code}`;
  return exists(key) ? t(key) : message;
}
