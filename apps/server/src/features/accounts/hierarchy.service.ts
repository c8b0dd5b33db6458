import type { Kysely } from 'kysely';
import type { HierarchySummary } from '@kontor/contract/account-hierarchy';
import type { DB } from '../../db/schema.ts';
import { moneyOf } from '../deals/deals.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, can } from '../permissions/access.ts';
import { visibleRecordOr404 } from '../records/visible-records.ts';
import { hierarchyContactCount, hierarchyDealTotals, hierarchyShape } from './hierarchy.repository.ts';

/**
 * The member accounts roll-up of an account (Zoho's member accounts, Pipedrive's aggregated won value): members,
 * levels, contacts, open and won deals with their values per currency, over every level the reader can see. 404 for
 * an account the reader cannot see; contacts and deals count only when the profile may view them at all.
 */
export async function hierarchySummary(db: Kysely<DB>, actor: Actor, id: number): Promise<HierarchySummary> {
  assertCan(actor, 'view', 'accounts');
  await visibleRecordOr404(db, actor, 'accounts', id);
  const [shape, contactCount, deals] = await Promise.all([
    hierarchyShape(db, actor, id),
    can(actor, 'view', 'contacts') ? hierarchyContactCount(db, actor, id) : 0,
    can(actor, 'view', 'deals') ? hierarchyDealTotals(db, actor, id) : [],
  ]);
  const of = (status: 'open' | 'won') => {
    const rows = deals.filter((d) => d.status === status);
    return { count: rows.reduce((n, r) => n + r.count, 0), value: moneyOf(rows) };
  };
  return { memberCount: Math.max(0, shape.accounts - 1), levels: shape.depth + 1, contactCount, openDeals: of('open'), wonDeals: of('won') };
}
