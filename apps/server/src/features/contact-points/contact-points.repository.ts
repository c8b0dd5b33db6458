import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { contactPointsInput } from '@kontor/contract/contact-points';
import type { AddressPoint, EmailPoint, PhonePoint } from '@kontor/contract/contact-points';
import type { Module } from '@kontor/contract/custom-fields';
import type { ContactPointRow, DB } from '../../db/schema.ts';
import { toE164 } from './phones.ts';

export type ContactPointsIn = z.output<typeof contactPointsInput>;
export interface ContactPoints {
  emails: EmailPoint[];
  phones: PhonePoint[];
  websites: EmailPoint[];
  addresses: AddressPoint[];
}
export const noContactPoints = (): ContactPoints => ({ emails: [], phones: [], websites: [], addresses: [] });

const kinds = ['emails', 'phones', 'websites', 'addresses'] as const;

/** The primary e-mail and phone are copied onto the record row, so lists need no join. */
export function primaryValues(points: ContactPointsIn): { primary_email?: string | null; primary_phone?: string | null } {
  const out: { primary_email?: string | null; primary_phone?: string | null } = {};
  if (points.emails) out.primary_email = points.emails.find((p) => p.primary)?.value ?? null;
  if (points.phones) out.primary_phone = points.phones.find((p) => p.primary)?.value ?? null;
  return out;
}

/** Replaces, kind by kind, the lists present in the input; kinds left out are kept. */
export async function replaceContactPoints(trx: Transaction<DB>, module: Module, recordId: number, points: ContactPointsIn, phoneRegion: string | null): Promise<void> {
  for (const kind of kinds) {
    const list = points[kind];
    if (!list) continue;
    await trx.deleteFrom('contact_points').where('module', '=', module).where('record_id', '=', recordId).where('kind', '=', kind).execute();
    if (list.length === 0) continue;
    await trx
      .insertInto('contact_points')
      .values(
        list.map((p, position) => ({
          module,
          record_id: recordId,
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
          position,
        })),
      )
      .execute();
  }
}

export async function deleteContactPoints(trx: Transaction<DB>, module: Module, recordIds: number[]): Promise<void> {
  if (recordIds.length) await trx.deleteFrom('contact_points').where('module', '=', module).where('record_id', 'in', recordIds).execute();
}

export async function loadContactPoints(db: Kysely<DB>, module: Module, recordId: number): Promise<ContactPoints> {
  const rows = await db
    .selectFrom('contact_points')
    .selectAll()
    .where('module', '=', module)
    .where('record_id', '=', recordId)
    .orderBy('kind')
    .orderBy('position')
    .execute();
  return toContactPoints(rows);
}

export function toContactPoints(rows: ContactPointRow[]): ContactPoints {
  const out = noContactPoints();
  for (const r of rows) {
    const primary = r.is_primary === 1;
    if (r.kind === 'emails') out.emails.push({ label: r.label, value: r.value, primary });
    else if (r.kind === 'phones') out.phones.push({ label: r.label, value: r.value, e164: r.e164, primary });
    else if (r.kind === 'websites') out.websites.push({ label: r.label, value: r.value, primary });
    else if (r.kind === 'addresses')
      out.addresses.push({ label: r.label, street: r.street, city: r.city, region: r.region, postalCode: r.postal_code, country: r.country, primary });
  }
  return out;
}
