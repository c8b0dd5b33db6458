import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { noStoredPoints, pointKinds, type PointKind, type StoredPoint, type StoredPoints } from '../contact-points/contact-points.repository.ts';

/**
 * Contact points in a full export (issue #15): how many column groups each kind needs (the most any exported record
 * has, found with one query before the header is written) and a page's points read in one query.
 */

/** Column groups per kind are capped: a record with more points of a kind than this loses the rest in the file. */
export const MAX_POINT_GROUPS = 20;

export type PointGroupCounts = Record<PointKind, number>;
export const noPointGroups = (): PointGroupCounts => ({ emails: 0, phones: 0, websites: 0, addresses: 0 });

/** Google Contacts marks the primary point by `* ` before its label (`* Work`); an import reads it back that way. */
export const PRIMARY_MARK = '* ';

/**
 * The most points of each kind one of the selected, visible records has (capped at MAX_POINT_GROUPS): one grouped
 * query over the contact points of the selection.
 */
export async function pointGroupCounts(db: Kysely<DB>, actor: Actor, module: Module, where: RawBuilder<boolean>): Promise<PointGroupCounts> {
  const selected = visibleRecords(db, actor, module).where(where).select(sql<number>`${sql.ref(`${module}.id`)}`.as('id'));
  const rows = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('contact_points as cp')
        .select(['cp.kind', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('cp.module', '=', module)
        .where('cp.record_id', 'in', selected)
        .groupBy(['cp.record_id', 'cp.kind'])
        .as('per_record'),
    )
    .select(['per_record.kind', (eb) => eb.fn.max('per_record.n').as('most')])
    .groupBy('per_record.kind')
    .execute();
  const out = noPointGroups();
  for (const r of rows) {
    if ((pointKinds as readonly string[]).includes(r.kind)) out[r.kind as PointKind] = Math.min(MAX_POINT_GROUPS, Number(r.most));
  }
  return out;
}

/** The points of a page of records, by record, each kind primary first and then in its order: one query. */
export async function loadPagePoints(db: Kysely<DB>, module: Module, recordIds: readonly number[]): Promise<Map<number, StoredPoints>> {
  const out = new Map<number, StoredPoints>();
  if (recordIds.length === 0) return out;
  const rows = await db
    .selectFrom('contact_points')
    .select(['record_id', 'kind', 'label', 'value', 'e164', 'street', 'city', 'region', 'postal_code', 'country', 'is_primary'])
    .where('module', '=', module)
    .where('record_id', 'in', [...recordIds])
    .orderBy('record_id')
    .orderBy('kind')
    .orderBy('is_primary', 'desc')
    .orderBy('position')
    .execute();
  for (const { record_id, ...point } of rows) {
    if (!(pointKinds as readonly string[]).includes(point.kind)) continue;
    let points = out.get(record_id);
    if (!points) {
      points = noStoredPoints();
      out.set(record_id, points);
    }
    points[point.kind as PointKind].push({ ...point, is_primary: Number(point.is_primary) });
  }
  return out;
}

/** A point's label as the file writes it: `* ` first on the primary. */
export const markedLabel = (p: Pick<StoredPoint, 'label' | 'is_primary'>): string => (p.is_primary === 1 ? `${PRIMARY_MARK}${p.label}` : p.label);
