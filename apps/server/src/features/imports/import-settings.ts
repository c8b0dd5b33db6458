import type { ImportRow } from '../../db/schema.ts';
import { guessDateOrder } from './mapping/dates.ts';

/**
 * Reading an import's stored settings: which column fed an input path (problems name the column), and the date order
 * the file's dates are read in.
 */

/** The input path (root) a mapping target writes. */
function pathsOf(target: string): string[] {
  if (target.startsWith('field:')) return [target.slice(6)];
  if (target === 'fullName') return ['firstName', 'lastName'];
  if (/^email[:#]/.test(target)) return ['emails'];
  if (/^phone[:#]/.test(target)) return ['phones', 'phone'];
  if (/^website[:#]/.test(target)) return ['websites', 'website'];
  if (/^address[:#]/.test(target)) return ['addresses', 'billingAddress', 'shippingAddress'];
  if (target.startsWith('custom:')) return [`customFields.${target.slice(7)}`];
  const simple: Record<string, string[]> = {
    company: ['accountId', 'company'],
    companySourceId: ['accountId', 'company'],
    parent: ['parentAccountId', 'parent'],
    parentSourceId: ['parentAccountId', 'parent'],
    tags: ['tags'],
    owner: ['ownerId', 'owner'],
    contactType: ['contactType'],
    sourceId: ['sourceId'],
  };
  return simple[target] ?? [];
}

/** `path -> header` for the import's mapping (`emails.1.value` -> "E-mail 2 Address"). */
export function columnLookup(row: Pick<ImportRow, 'headers' | 'mapping'>): (path: string) => string | null {
  const headers = JSON.parse(row.headers) as string[];
  const targets = JSON.parse(row.mapping) as (string | null)[];
  const byPath = new Map<string, string>();
  targets.forEach((t, i) => {
    if (!t) return;
    for (const p of pathsOf(t)) if (!byPath.has(p)) byPath.set(p, headers[i] ?? `#${i + 1}`);
  });
  return (path) => {
    const parts = path.split('.');
    return byPath.get(parts.slice(0, 2).join('.')) ?? byPath.get(parts[0] ?? '') ?? null;
  };
}

const dateTargets = /^(field:(birthday|expectedCloseDate)|custom:)/;

/** The date order chosen, or (auto) the one the samples of the date columns show. */
export function resolvedDateOrder(row: Pick<ImportRow, 'mapping' | 'samples' | 'layout'>, chosen: 'auto' | 'dmy' | 'mdy' | 'ymd'): 'dmy' | 'mdy' | 'ymd' {
  if (chosen !== 'auto') return chosen;
  const targets = JSON.parse(row.mapping) as (string | null)[];
  const samples = JSON.parse(row.samples) as string[][];
  const values = targets.flatMap((t, i) => (t && dateTargets.test(t) ? (samples[i] ?? []) : []));
  return guessDateOrder(values, { layout: row.layout });
}
