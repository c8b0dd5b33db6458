import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleDescendants, visibleRecords } from '../records/visible-records.ts';

/**
 * The roll-up of an account's hierarchy: the account and its members at every level that the actor can see (a hidden
 * member hides its branch), walked by `visibleDescendants` through the accounts_parent index. Contacts and deals are
 * counted through visibleRecords, so a hidden one never counts.
 */

const MAX_DEPTH = 20;
const tree = (actor: Actor, id: number) => visibleDescendants(actor, 'accounts', id, MAX_DEPTH);

/** How many accounts the hierarchy holds (the root included) and its deepest level (0: the root alone). */
export async function hierarchyShape(db: Kysely<DB>, actor: Actor, id: number): Promise<{ accounts: number; depth: number }> {
  const r = await db
    .selectFrom(tree(actor, id).as('tree'))
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max<number | null>('tree.depth').as('depth')])
    .executeTakeFirst();
  return { accounts: Number(r?.n ?? 0), depth: Number(r?.depth ?? 0) };
}

export async function hierarchyContactCount(db: Kysely<DB>, actor: Actor, id: number): Promise<number> {
  const r = await visibleRecords(db, actor, 'contacts')
    .where('contacts.account_id', 'in', db.selectFrom(tree(actor, id).as('tree')).select('tree.id'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Count and value per status and currency of the hierarchy's open and won deals. */
export async function hierarchyDealTotals(db: Kysely<DB>, actor: Actor, id: number) {
  const rows = await visibleRecords(db, actor, 'deals')
    .where('deals.account_id', 'in', db.selectFrom(tree(actor, id).as('tree')).select('tree.id'))
    .where('deals.status', 'in', ['open', 'won'])
    .select((eb) => ['deals.status', 'deals.currency', eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('deals.amount').as('total')])
    .groupBy(['deals.status', 'deals.currency'])
    .execute();
  return rows.map((r) => ({ status: r.status, currency: r.currency, count: Number(r.n), total: Number(r.total ?? 0) }));
}
