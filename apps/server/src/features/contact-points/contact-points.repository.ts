import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { z } from 'zod';
import type { contactPointsInput } from '@kontor/contract/contact-points';
import type { AddressPoint, EmailPoint, PhonePoint } from '@kontor/contract/contact-points';
import type { Module } from '@kontor/contract/custom-fields';
import type { ContactPointRow, DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { toE164 } from './phones.ts';

export type ContactPointsIn = z.output<typeof contactPointsInput>;
export interface ContactPoints {
  emails: EmailPoint[];
  phones: PhonePoint[];
  websites: EmailPoint[];
  addresses: AddressPoint[];
}
export const noContactPoints = (): ContactPoints => ({ emails: [], phones: [], websites: [], addresses: [] });

export const pointKinds = ['emails', 'phones', 'websites', 'addresses'] as const;
export type PointKind = (typeof pointKinds)[number];

/** A contact point as stored, without its keys: what a write puts in a row and what a read compares and shows. */
export type StoredPoint = Pick<ContactPointRow, 'kind' | 'label' | 'value' | 'e164' | 'street' | 'city' | 'region' | 'postal_code' | 'country' | 'is_primary'>;
/** Stored points by kind, each list in its order (position). */
export type StoredPoints = Record<PointKind, StoredPoint[]>;

export const noStoredPoints = (): StoredPoints => ({ emails: [], phones: [], websites: [], addresses: [] });

/** The rows the input's lists become, for the kinds present in the input (absent kinds are kept as they are). */
export function storedPointsOf(points: ContactPointsIn, phoneRegion: string | null): Partial<StoredPoints> {
  const out: Partial<StoredPoints> = {};
  for (const kind of pointKinds) {
    const list = points[kind];
    if (!list) continue;
    out[kind] = list.map((p) => ({
      kind,
      label: p.label,
      value: 'value' in p ? p.value : '',
      e164: kind === 'phones' && 'value' in p ? toE164(p.value, phoneRegion) : null,
      street: 'street' in p ? p.street : '',
      city: 'city' in p ? p.city : '',
      region: 'region' in p ? p.region : '',
      postal_code: 'postalCode' in p ? p.postalCode : '',
      country: 'country' in p ? p.country : '',
      is_primary: p.primary ? 1 : 0,
    }));
  }
  return out;
}

const samePoints = (a: StoredPoint[], b: StoredPoint[]) =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i];
    return q !== undefined && (Object.keys(p) as Array<keyof StoredPoint>).every((k) => p[k] === q[k]);
  });

/** The kinds whose lists `next` changes against what is stored. */
export function changedPointKinds(before: StoredPoints, next: Partial<StoredPoints>): PointKind[] {
  return pointKinds.filter((kind) => {
    const list = next[kind];
    return list !== undefined && !samePoints(before[kind], list);
  });
}

/** What is stored after a write of `next` over `before`. */
export const mergedPoints = (before: StoredPoints, next: Partial<StoredPoints>): StoredPoints => ({ ...before, ...next });

/**
 * Replaces the lists of `kinds` with those of `next`: one delete (none for a new record) and one insert for all of
 * them. Kinds left out are kept.
 */
export async function writeContactPoints(
  trx: Transaction<DB>,
  module: Module,
  recordId: number,
  next: Partial<StoredPoints>,
  kinds: readonly PointKind[],
  opts: { fresh?: boolean } = {},
): Promise<void> {
  if (kinds.length === 0) return;
  if (!opts.fresh) await trx.deleteFrom('contact_points').where('module', '=', module).where('record_id', '=', recordId).where('kind', 'in', [...kinds]).execute();
  const rows = kinds.flatMap((kind) => (next[kind] ?? []).map((p, position) => ({ ...p, module, record_id: recordId, position })));
  if (rows.length) await trx.insertInto('contact_points').values(rows).execute();
}

export async function deleteContactPoints(trx: Transaction<DB>, module: Module, recordIds: number[]): Promise<void> {
  if (recordIds.length) await trx.deleteFrom('contact_points').where('module', '=', module).where('record_id', 'in', recordIds).execute();
}

const storedPointSchema = z.object({
  kind: z.string(),
  label: z.string(),
  value: z.string(),
  e164: z.string().nullable(),
  street: z.string(),
  city: z.string(),
  region: z.string(),
  postal_code: z.string(),
  country: z.string(),
  is_primary: z.number(),
  position: z.number(),
});

/**
 * The record's contact points as one JSON text value of its row (a record page reads them with the row, in one
 * statement): `[{kind, label, …, is_primary, position}, …]`, or null/`[]` when it has none. `table` is the record
 * table, referenced by its own name. The module is written into the SQL, not bound, and the list is ordered in JS:
 * on SQLite a bound value on an indexed column makes the statement re-plan at every run (STAT4) and an ordered
 * aggregate builds a temporary b-tree, together several times the cost of the lookup itself.
 */
export function contactPointsColumn(db: Kysely<DB>, module: Module, table: string = module): RawBuilder<string | null> {
  const id = sql.ref(`${table}.id`);
  const fields = sql.join(
    ['kind', 'label', 'value', 'e164', 'street', 'city', 'region', 'postal_code', 'country', 'is_primary', 'position'].map((c) => sql`${sql.lit(c)}, ${sql.ref(`cp.${c}`)}`),
  );
  const where = sql`cp.module = ${sql.lit(module)} and cp.record_id = ${id}`;
  return isSqlite(db)
    ? sql<string | null>`(select json_group_array(json_object(${fields})) from contact_points cp where ${where})`
    : sql<string | null>`(select json_agg(json_build_object(${fields}))::text from contact_points cp where ${where})`;
}

/** The value of `contactPointsColumn`, by kind, each list in position order. */
export function parseContactPointsColumn(text: string | null): StoredPoints {
  const out = noStoredPoints();
  const rows = text ? parseJsonColumn(text, z.array(storedPointSchema), []) : [];
  for (const { position: _p, ...p } of rows.sort((a, b) => a.position - b.position)) {
    if ((pointKinds as readonly string[]).includes(p.kind)) out[p.kind as PointKind].push(p);
  }
  return out;
}

/** Stored points as the API shows them. */
export function presentContactPoints(stored: StoredPoints): ContactPoints {
  const out = noContactPoints();
  for (const kind of pointKinds) for (const r of stored[kind]) pushPoint(out, r);
  return out;
}

function pushPoint(out: ContactPoints, r: StoredPoint): void {
  const primary = r.is_primary === 1;
  if (r.kind === 'emails') out.emails.push({ label: r.label, value: r.value, primary });
  else if (r.kind === 'phones') out.phones.push({ label: r.label, value: r.value, e164: r.e164, primary });
  else if (r.kind === 'websites') out.websites.push({ label: r.label, value: r.value, primary });
  else if (r.kind === 'addresses') out.addresses.push({ label: r.label, street: r.street, city: r.city, region: r.region, postalCode: r.postal_code, country: r.country, primary });
}
