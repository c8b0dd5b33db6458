import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { FieldChange, TimelineKind } from '@kontor/contract/timeline';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { descriptorOf } from '../records/registry.ts';
import { recordsForRules } from '../records/visible-records.ts';

/**
 * The write side of the timeline: every write path records what it did here, in its own transaction, so an event
 * exists exactly when its change does. Events carry the account, contact, deal and lead they concern, so a record's
 * timeline (and an account's, with its contacts' and deals') is one index range.
 */

export interface TimelineContext {
  account_id?: number | null;
  contact_id?: number | null;
  deal_id?: number | null;
  lead_id?: number | null;
}

export interface TimelineEventInput {
  kind: TimelineKind;
  /** The record whose visibility governs the event (a note's or file's record, the activity itself). */
  module: Module;
  recordId: number;
  context: TimelineContext;
  item?: { type: 'note' | 'attachment'; id: number };
  details?: Record<string, unknown>;
}

/** The context column a module's own records fill (activities have none: they appear where they are linked). */
export const selfContextColumn: Partial<Record<Module, keyof TimelineContext>> = {
  accounts: 'account_id',
  contacts: 'contact_id',
  deals: 'deal_id',
  leads: 'lead_id',
};

/** The row columns that place a record in other records' timelines. */
const linkColumns = ['account_id', 'contact_id', 'deal_id', 'lead_id'] as const;
type LinkRow = Partial<Record<(typeof linkColumns)[number], number | null>>;

/** Where a record's events show: its own timeline and those of the account, contact, deal and lead it links to. */
export function contextOf(module: Module, id: number, row: object): TimelineContext {
  const ctx: TimelineContext = {};
  const values = row as Record<string, unknown>;
  for (const c of linkColumns) {
    const v = values[c];
    if (typeof v === 'number') ctx[c] = v;
  }
  const self = selfContextColumn[module];
  if (self) ctx[self] = id;
  return ctx;
}

/**
 * Where the writes running now come from, when it is not a person at a form: an import names itself here
 * (`{ import: { id, fileName } }`) and every event its writes record carries it in `details`, whichever service wrote it.
 */
export const eventOrigin = new AsyncLocalStorage<Record<string, unknown>>();

export async function recordEvents(db: Kysely<DB>, actor: Actor | null, events: TimelineEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const at = nowIso();
  const origin = eventOrigin.getStore();
  await db
    .insertInto('timeline_events')
    .values(
      events.map((e) => ({
        at,
        actor_id: actor?.id ?? null,
        kind: e.kind,
        module: e.module,
        record_id: e.recordId,
        item_type: e.item?.type ?? null,
        item_id: e.item?.id ?? null,
        account_id: e.context.account_id ?? null,
        contact_id: e.context.contact_id ?? null,
        deal_id: e.context.deal_id ?? null,
        lead_id: e.context.lead_id ?? null,
        details: JSON.stringify(origin ? { ...e.details, ...origin } : (e.details ?? {})),
      })),
    )
    .execute();
}

export const recordEvent = (db: Kysely<DB>, actor: Actor | null, event: TimelineEventInput): Promise<void> => recordEvents(db, actor, [event]);

/** A stored value as the API shows it: reference ids as strings, flags as booleans. */
function apiValue(type: string, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (type === 'reference' && typeof v === 'number') return toApiId(v);
  if (type === 'boolean') return v === 1 || v === true;
  return v;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes an update makes, by API field: each descriptor field whose column the update sets to a new value,
 * then custom fields and tags when given. `before` is the stored row; `set` what the update writes.
 */
export function fieldChanges(
  module: Module,
  before: Record<string, unknown>,
  set: Record<string, unknown>,
  extra: { customFields?: { before: Record<string, unknown>; after: Record<string, unknown> }; tags?: { before: string[]; after: string[] } } = {},
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, d] of Object.entries(descriptorOf(module).fields)) {
    const column = d.column.slice(d.column.indexOf('.') + 1);
    if (!(column in set) || /^(created|updated)_at$/.test(column)) continue;
    const from = apiValue(d.type, before[column]);
    const to = apiValue(d.type, set[column]);
    if (!sameValue(from, to)) changes.push({ field, before: from, after: to });
  }
  if (extra.customFields) {
    const { before: b, after: a } = extra.customFields;
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const from = b[key] ?? null;
      const to = a[key] ?? null;
      if (!sameValue(from, to)) changes.push({ field: `customFields.${key}`, before: from, after: to });
    }
  }
  if (extra.tags) {
    const from = [...extra.tags.before].sort();
    const to = [...extra.tags.after].sort();
    if (!sameValue(from, to)) changes.push({ field: 'tags', before: from, after: to });
  }
  return changes;
}

/** Reference fields whose change links or unlinks the record from another record's timeline. */
const linkTargets: Array<{ field: string; module: Module; column: keyof TimelineContext }> = [
  { field: 'accountId', module: 'accounts', column: 'account_id' },
  { field: 'parentAccountId', module: 'accounts', column: 'account_id' },
  { field: 'contactId', module: 'contacts', column: 'contact_id' },
  { field: 'dealId', module: 'deals', column: 'deal_id' },
  { field: 'leadId', module: 'leads', column: 'lead_id' },
];

/**
 * The events of an update, in its transaction: one `updated` event with every field's before and after (in the
 * record's context after the change), an `unlinked` event on each record it leaves, and a `linked` event on each
 * record it joins that the update's own event does not reach (a new parent account).
 */
export async function recordUpdate(
  db: Kysely<DB>,
  actor: Actor,
  module: Module,
  id: number,
  changes: FieldChange[],
  contextAfter: TimelineContext,
): Promise<void> {
  if (changes.length === 0) return;
  const events: TimelineEventInput[] = [{ kind: 'updated', module, recordId: id, context: contextAfter, details: { changes } }];
  for (const change of changes) {
    const target = linkTargets.find((t) => t.field === change.field);
    if (!target) continue;
    if (typeof change.before === 'string') {
      events.push({ kind: 'unlinked', module, recordId: id, context: { [target.column]: Number(change.before) }, details: { field: change.field, target: { module: target.module, id: change.before } } });
    }
    if (typeof change.after === 'string' && contextAfter[target.column] !== Number(change.after)) {
      events.push({ kind: 'linked', module, recordId: id, context: { [target.column]: Number(change.after) }, details: { field: change.field, target: { module: target.module, id: change.after } } });
    }
  }
  await recordEvents(db, actor, events);
}

/** Which rows of a module a set of events is about: by id, by column values, live or in the bin. */
export interface RowFilter {
  ids?: number[];
  equals?: Record<string, number>;
  deleted?: boolean;
}

/**
 * One event per row of `module` matching `filter`, written by one statement (contacts deleted or detached with
 * their account, every record a transfer moves): the context comes from each row's own link columns.
 */
export async function recordEventsForRows(db: Kysely<DB>, actor: Actor | null, module: Module, kind: TimelineKind, filter: RowFilter, details: Record<string, unknown> = {}): Promise<void> {
  if (filter.ids?.length === 0) return;
  const t = sql.table(module);
  const own = linkColumnsOf(module);
  const col = (c: keyof TimelineContext) => (selfContextColumn[module] === c ? sql`${t}.id` : own.includes(c) ? sql.ref(`${module}.${c}`) : sql`null`);
  const conditions = [
    ...(filter.ids ? [sql`${t}.id in (${sql.join(filter.ids)})`] : []),
    ...Object.entries(filter.equals ?? {}).map(([c, v]) => sql`${sql.ref(`${module}.${c}`)} = ${v}`),
    ...(filter.deleted === undefined ? [] : [filter.deleted ? sql`${t}.deleted_at is not null` : sql`${t}.deleted_at is null`]),
  ];
  await sql`insert into timeline_events (at, actor_id, kind, module, record_id, account_id, contact_id, deal_id, lead_id, details)
    select ${nowIso()}, ${actor?.id ?? null}, ${kind}, ${module}, ${t}.id, ${col('account_id')}, ${col('contact_id')}, ${col('deal_id')}, ${col('lead_id')}, ${JSON.stringify(details)}
    from ${t} where ${sql.join(conditions, sql` and `)}`.execute(db);
}

/**
 * Where one record's events belong (its link columns), read regardless of who asks: only to place an event the
 * caller's write produces on a record the caller has already been allowed to change; never answered.
 */
export async function contextOfRecord(db: Kysely<DB>, module: Module, id: number): Promise<TimelineContext> {
  const columns = linkColumnsOf(module);
  if (columns.length === 0) return contextOf(module, id, {});
  const row = (await recordsForRules(db, module as 'activities')
    .select(columns as Array<'account_id'>)
    .where('id', '=', id)
    .executeTakeFirst()) as LinkRow | undefined;
  return contextOf(module, id, row ?? {});
}

/** The link columns each module's table has. */
export function linkColumnsOf(module: Module): Array<keyof TimelineContext> {
  const columns = Object.values(descriptorOf(module).fields).map((f) => f.column.slice(f.column.indexOf('.') + 1));
  return (['account_id', 'contact_id', 'deal_id', 'lead_id'] as const).filter((c) => columns.includes(c));
}
