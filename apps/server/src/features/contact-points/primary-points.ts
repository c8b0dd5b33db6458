import { shorthandKinds, type Shorthand } from '@kontor/contract/contact-points';
import type { Module } from '@kontor/contract/custom-fields';
import type { ContactPointsIn, PointKind, StoredPoint, StoredPoints } from './contact-points.repository.ts';

/**
 * One value, stored once (issue #14): a record's contact points are the truth, and the row keeps copies of the
 * primary points in plain columns so lists sort, filter, search and export them without a join. This map is the one
 * place that says which columns copy which kind; every write path (a record's create and edit, a mass update, the
 * migration that reconciled old data) fills them from the points, never from its own input.
 *
 * An account's `phone` and `website` are such copies: the API's `phone`/`website` fields are shorthands for the
 * primary phone and website point (`resolveShorthands`).
 */
export const primaryCopies: Partial<Record<Module, Partial<Record<PointKind, readonly CopyColumn[]>>>> = {
  accounts: { emails: ['primary_email'], phones: ['primary_phone', 'phone'], websites: ['website'] },
  contacts: { emails: ['primary_email'], phones: ['primary_phone'] },
};
type CopyColumn = 'primary_email' | 'primary_phone' | 'phone' | 'website';
export type PrimaryCopyValues = Partial<Record<CopyColumn, string | null>>;

/** The row's copy columns for the kinds the input sets (absent kinds leave their copies as they are). */
export function primaryValues(module: Module, points: ContactPointsIn): PrimaryCopyValues {
  const out: PrimaryCopyValues = {};
  for (const [kind, columns] of Object.entries(primaryCopies[module] ?? {}) as Array<[PointKind, readonly CopyColumn[]]>) {
    const list = points[kind];
    if (!list) continue;
    const primary = list.find((p) => p.primary);
    const value = primary && 'value' in primary ? primary.value : null;
    for (const c of columns) out[c] = value;
  }
  return out;
}

/** The kind whose primary a copy column holds (an account's `phone` -> phones), if it is one. */
export function kindCopiedTo(module: Module, column: string): PointKind | undefined {
  const copies = primaryCopies[module] ?? {};
  return (Object.keys(copies) as PointKind[]).find((kind) => copies[kind]?.some((c) => c === column));
}

/**
 * The columns of `set` that are not copies of points: what an edit's timeline compares (the points' own change,
 * "phones: A -> B", says it once; the copies would say it again as "phone").
 */
export function withoutPointCopies<T extends object>(module: Module, set: T): Partial<T> {
  const copies = new Set(Object.values(primaryCopies[module] ?? {}).flat());
  return Object.fromEntries(Object.entries(set).filter(([k]) => !copies.has(k as CopyColumn))) as Partial<T>;
}

type ListIn<K extends 'phones' | 'websites'> = NonNullable<ContactPointsIn[K]>;
type ShorthandInput = Partial<Record<Shorthand, string | null>> & Pick<ContactPointsIn, 'phones' | 'websites'>;

/** The label a point made from a shorthand gets. */
const shorthandLabel: Record<'phones' | 'websites', string> = { phones: 'work', websites: 'website' };

/**
 * Turns `phone` / `website` into the `phones` / `websites` list they imply, given the record's points now (none for
 * a new record). A list sent along wins as it is (the contract refused it unless it agrees with the shorthand).
 * - a value equal to the primary's: nothing changes;
 * - a value another point has: that point becomes primary (the former primary stays, no longer primary);
 * - another value: the primary's value is replaced (its label and place kept), or, with no points, a new primary;
 * - null: the primary is removed and the next point, if any, becomes primary.
 * Answers only the lists that change.
 */
export function resolveShorthands(input: ShorthandInput, current: StoredPoints): Pick<ContactPointsIn, 'phones' | 'websites'> {
  const out: Pick<ContactPointsIn, 'phones' | 'websites'> = {};
  for (const [field, kind] of Object.entries(shorthandKinds) as Array<[Shorthand, 'phones' | 'websites']>) {
    const value = input[field];
    if (input[kind] !== undefined || value === undefined) continue;
    const next = withPrimary(current[kind], value, shorthandLabel[kind]);
    if (next) out[kind] = next;
  }
  return out;
}

function withPrimary(stored: StoredPoint[], value: string | null, label: string): ListIn<'phones'> | undefined {
  const points = stored.map((p) => ({ label: p.label, value: p.value, primary: p.is_primary === 1 }));
  const primary = points.findIndex((p) => p.primary);
  if (value === null) {
    if (primary < 0) return undefined;
    return points.filter((_, i) => i !== primary).map((p, i) => ({ ...p, primary: i === 0 }));
  }
  if (primary >= 0 && points[primary]?.value === value) return undefined;
  const same = points.findIndex((p) => p.value === value);
  if (same >= 0) return points.map((p, i) => ({ ...p, primary: i === same }));
  if (primary >= 0) return points.map((p, i) => (i === primary ? { ...p, value } : p));
  return [{ label, value, primary: true }, ...points.map((p) => ({ ...p, primary: false }))];
}
