import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { notifications } from '@mantine/notifications';
import { ApiError } from './api';

/** Field messages come from the shared zod schemas (client) or the server, in English: translate the known ones. */
const known: Record<string, string> = {
  required: 'validation.required',
  'not a valid e-mail address': 'validation.email',
  'not a valid web address': 'validation.url',
  'not a valid phone number': 'validation.phone',
  'must be a whole number': 'validation.wholeNumber',
  'cannot be negative': 'validation.negative',
  'at most 10 digits': 'validation.tenDigits',
  'too large': 'validation.tooLarge',
  'exactly one entry can be primary': 'validation.onePrimary',
  'an address needs at least one part': 'validation.addressPart',
  'a first or a last name is required': 'validation.nameRequired',
  'must be a record id': 'validation.invalid',
  'must contain a visible character': 'validation.visible',
  'a picklist needs at least one option': 'validation.options',
  'a colour like #3b82f6': 'validation.color',
  'at least 10 characters': 'validation.password',
  'lower-case letters, digits and _; starts with a letter; at most 40': 'validation.key',
};

export function fieldMessage(t: TFunction, message: string): string {
  const key = known[message];
  if (key) return t(key);
  const max = /^at most (\d+) (characters|entries|tags)$/.exec(message);
  if (max) return t(`validation.max_${max[2]}`, { count: Number(max[1]) });
  if (message.startsWith('a date (YYYY-MM-DD)')) return t('validation.birthday');
  if (/^(Invalid|Expected|Too)/i.test(message)) return t('validation.invalid');
  return message;
}

/** zod issues -> { 'emails.1.value': message } (first message per path). */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

/** A sentence that says what happened and what to do. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'account_has_contacts':
        return t('errors.account_has_contacts', { count: Number(error.details.contactCount ?? 0) });
      case 'lead_converted':
        return t('leads.alreadyConverted');
      case 'network':
      case 'validation_failed':
      case 'unauthenticated':
      case 'invalid_credentials':
      case 'csrf_failed':
      case 'forbidden':
      case 'not_found':
      case 'version_conflict':
      case 'contact_has_account':
      case 'parent_cycle':
      case 'parent_chain_hidden':
      case 'duplicate':
      case 'payload_too_large':
      case 'unsupported_media_type':
      case 'invalid_image':
      case 'unprocessable':
      case 'rate_limited':
      case 'internal':
        return t(`errors.${error.code}`);
    }
  }
  return t('errors.unknown');
}

export function notifyError(t: TFunction, error: unknown, title?: string): void {
  notifications.show({ color: 'red', title: title ?? t('errors.title'), message: errorMessage(t, error), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}
