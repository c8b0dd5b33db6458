import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Module } from '@kontor/contract/custom-fields';
import { operatorsByType, type FilterField, type FilterOperator } from '@kontor/contract/views';
import { daysFromNow } from '../../lib/time.ts';
import { can } from '../permissions/access.ts';
import type { Actor } from '../permissions/actor.ts';
import { tagKey } from '../tags/record-tags.ts';
import { visibleExists } from '../records/visible-records.ts';

/** A checked condition's value, as the compiler hands it over (see filter-sql.ts). */
export type CheckedValue = string | number | boolean | Array<string | number> | null;
/** Who filters, on which engine. */
export interface FilterContext {
  db: Kysely<DB>;
  actor: Actor;
}

/**
 * Filter fields that are conditions on other rows: the tags, and ONLYOFFICE's and Pipedrive's related-record
 * conditions ("with opportunities", customers, "accounts with an open deal over X", "contacts without activity in 90
 * days"). Every related row is read under the reader's visibility, so a filter never reveals a hidden deal or activity.
 */
export interface RelatedField {
  field: FilterField;
  condition: (ctx: FilterContext, op: FilterOperator, value: CheckedValue) => RawBuilder<boolean>;
}

const yes = sql<boolean>`1 = 1`;
const no = sql<boolean>`1 = 0`;
const not = (c: RawBuilder<boolean>) => sql<boolean>`not ${c}`;
const field = (key: string, type: FilterField['type'], operators: readonly FilterOperator[] = operatorsByType[type]): FilterField => ({
  key,
  label: null,
  type,
  operators: [...operators],
  custom: false,
  sortable: false,
});

function tagsField(module: Module): RelatedField {
  const id = sql.ref(`${module}.id`);
  const anyTag = (keys: string[] | null) =>
    sql<boolean>`exists (select 1 from record_tags rt${keys ? sql` join tags t on t.id = rt.tag_id` : sql``}
      where rt.module = ${sql.lit(module)} and rt.record_id = ${id}${keys ? sql` and t.name_key in (${sql.join(keys)})` : sql``})`;
  return {
    field: field('tags', 'tags'),
    condition: (_ctx, op, value) => {
      const keys = Array.isArray(value) ? value.map((v) => tagKey(String(v))) : [];
      if (op === 'isEmpty') return not(anyTag(null));
      if (op === 'isNotEmpty') return anyTag(null);
      return op === 'anyOf' ? anyTag(keys) : not(anyTag(keys));
    },
  };
}

/** Deals linked to the row through `column`, visible to the reader, with a condition of their own. */
function dealsWhere(actor: Actor, module: 'accounts' | 'contacts', extra: RawBuilder<boolean>): RawBuilder<boolean> {
  if (!can(actor, 'view', 'deals')) return no;
  const column = sql.raw(module === 'accounts' ? 'account_id' : 'contact_id');
  return visibleExists(actor, 'deals', 'd', sql<boolean>`d.${column} = ${sql.ref(`${module}.id`)} and ${extra}`);
}

const truth = (op: FilterOperator, value: CheckedValue, c: RawBuilder<boolean>) => (op === 'is' && value === false ? not(c) : c);

function dealFields(module: 'accounts' | 'contacts'): RelatedField[] {
  return [
    { field: field('customer', 'boolean'), condition: ({ actor }, op, value) => truth(op, value, dealsWhere(actor, module, sql<boolean>`d.status = 'won'`)) },
    { field: field('hasOpenDeal', 'boolean'), condition: ({ actor }, op, value) => truth(op, value, dealsWhere(actor, module, sql<boolean>`d.status = 'open'`)) },
    {
      // "Accounts with an open deal over X": the amount in the deal's own currency.
      field: field('openDealAmount', 'number', ['gt', 'gte', 'lt', 'lte', 'between']),
      condition: ({ actor }, op, value) => dealsWhere(actor, module, sql<boolean>`d.status = 'open' and ${numberCompare(sql`d.amount`, op, value)}`),
    },
  ];
}

export function numberCompare(expr: RawBuilder<unknown>, op: FilterOperator, value: CheckedValue): RawBuilder<boolean> {
  if (op === 'between' && Array.isArray(value)) return sql<boolean>`(${expr} >= ${value[0]} and ${expr} <= ${value[1]})`;
  const sign = { gt: '>', gte: '>=', lt: '<', lte: '<=', is: '=', isNot: '<>' }[op as 'gt'] ?? '=';
  return sql<boolean>`${expr} ${sql.raw(sign)} ${value}`;
}

/** Contacts: a completed activity linked to the contact (visible to the reader) at or after the cutoff. */
function contactActivity(): RelatedField {
  const since = (actor: Actor, days: number) =>
    visibleExists(actor, 'activities', 'a', sql<boolean>`a.contact_id = contacts.id and a.done = 1 and a.done_at >= ${daysFromNow(-days)}`);
  const ever = (actor: Actor) => visibleExists(actor, 'activities', 'a', sql<boolean>`a.contact_id = contacts.id and a.done = 1`);
  return {
    field: field('lastActivityAt', 'datetime', ['inLast', 'notInLast', 'isEmpty', 'isNotEmpty']),
    condition: ({ actor }, op, value) => {
      if (!can(actor, 'view', 'activities')) return op === 'notInLast' || op === 'isEmpty' ? yes : no;
      if (op === 'isEmpty') return not(ever(actor));
      if (op === 'isNotEmpty') return ever(actor);
      const c = since(actor, Number(value));
      return op === 'inLast' ? c : not(c);
    },
  };
}

/** Record ids the reader opened (since a time): drives the query from the reader's visits, not from the record table. */
export function visitedIds(actor: Actor, module: Module, since?: string): RawBuilder<unknown> {
  return sql`(select v.record_id from record_visits v where v.user_id = ${actor.id} and v.module = ${sql.lit(module)}${since ? sql` and v.visited_at >= ${since}` : sql``})`;
}

/** How many of the reader's last opened records Recently viewed shows. */
export const RECENT_VISITS = 200;

/** "Opened by me" (Unread is its negation) and "opened by me in the last N days" (Recently viewed). */
function visitFields(module: Module): RelatedField[] {
  const id = sql.ref(`${module}.id`);
  return [
    {
      field: field('viewedByMe', 'boolean'),
      condition: ({ actor }, op, value) => (value === false ? sql<boolean>`${id} not in ${visitedIds(actor, module)}` : sql<boolean>`${id} in ${visitedIds(actor, module)}`),
    },
    {
      // Recently viewed: the last RECENT_VISITS records the reader opened (as Salesforce's list), newest visit first;
      // a bounded set, so its page is one index range of the visits and a sort of at most that many rows.
      field: field('recentlyViewed', 'boolean'),
      condition: ({ actor }, _op, value) => {
        const recent = sql`(select v.record_id from record_visits v where v.user_id = ${actor.id} and v.module = ${sql.lit(module)} order by v.visited_at desc limit ${sql.lit(RECENT_VISITS)})`;
        return value === false ? sql<boolean>`${id} not in ${recent}` : sql<boolean>`${id} in ${recent}`;
      },
    },
    {
      field: field('viewedAt', 'datetime', ['inLast', 'notInLast']),
      condition: ({ actor }, op, value) => {
        const recent = sql<boolean>`${id} in ${visitedIds(actor, module, daysFromNow(-Number(value)))}`;
        return op === 'inLast' ? recent : not(recent);
      },
    },
  ];
}

/** The related-record fields of a module (tags and visits for all). */
export function relatedFields(module: Module): RelatedField[] {
  const tags = tagsField(module);
  const visits = visitFields(module);
  switch (module) {
    case 'accounts':
      // Accounts keep their last completed activity on the row (`last_activity_at`): a plain field, see the catalogue.
      return [tags, ...visits, ...dealFields('accounts')];
    case 'contacts':
      return [tags, ...visits, ...dealFields('contacts'), contactActivity()];
    default:
      return [tags, ...visits];
  }
}
