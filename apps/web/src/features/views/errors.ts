import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage } from '../../lib/errors';

/**
 * What went wrong, and for a refused request the server's reason (which field, which value): a mass action or a view
 * can be refused for reasons the generic sentence does not name ("update one of: industry, rating, …").
 */
export function describeError(t: TFunction, error: unknown): string {
  const base = errorMessage(t, error);
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return base;
  const details = Object.entries(error.fields).map(([k, p]) => `${k}: ${fieldMessage(t, p)}`);
  return details.length ? `${base} ${details.join('; ')}` : base;
}

/** Why the list refused its filters, briefly: each field's problem, translated by its code. */
export function refusedFilters(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return '';
  const reasons = Object.values(error.fields).map((p) => fieldMessage(t, p));
  if (!reasons.length && error.message) reasons.push(errorMessage(t, error));
  return [...new Set(reasons.filter(Boolean))].join(' · ');
}
