import type { Kysely } from 'kysely';
import { z } from 'zod';
import { modules, type Module } from '@kontor/contract/custom-fields';
import { timelineItemTypes, timelineKinds, type TimelineEvent, type TimelinePage, type timelineQuerySchema } from '@kontor/contract/timeline';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import type { Actor } from '../permissions/actor.ts';
import { userNames } from '../records/references.ts';
import { descriptorOf } from '../records/registry.ts';
import type { VisibleParent } from '../records/visible-parent.ts';
import { lookupNames, recordNames, timelineRows, type TimelineRow } from './timeline.repository.ts';

/** Zoho's default window: the last six months; older events on demand. */
export const DEFAULT_WINDOW_DAYS = 183;

const detailsSchema = z.record(z.string(), z.unknown());
type Details = Record<string, unknown>;
type Ref = { table: string; id: number };

/** Lookups that are not record modules: a deal's stage and pipeline, a record's contact type, users. */
const lookupOf: Record<string, string> = { stageId: 'pipeline_stages', pipelineId: 'pipelines', contactType: 'contact_types' };

/** The tables a field's ids point at, from the module descriptor (owners to users, accountId to accounts, ...). */
function referencedTable(module: Module, field: string): string | null {
  if (lookupOf[field]) return lookupOf[field];
  const d = descriptorOf(module).fields[field];
  return d?.type === 'reference' && d.references ? d.references : null;
}

const idOf = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : null);

/** Every id an event's details mention, with the table it belongs to, so the reader gets names it may see. */
function refsIn(module: Module, details: Details): Ref[] {
  const refs: Ref[] = [];
  const push = (table: string | null, v: unknown) => {
    const id = idOf(v);
    if (table && id != null) refs.push({ table, id });
  };
  const changes = Array.isArray(details.changes) ? details.changes : [];
  for (const c of changes) {
    if (typeof c !== 'object' || c === null || !('field' in c) || typeof c.field !== 'string') continue;
    const table = referencedTable(module, c.field);
    push(table, 'before' in c ? c.before : null);
    push(table, 'after' in c ? c.after : null);
  }
  const target = details.target;
  if (typeof target === 'object' && target !== null && 'module' in target && 'id' in target && typeof target.module === 'string') push(target.module, target.id);
  push('users', details.fromOwnerId);
  push('users', details.toOwnerId);
  for (const key of ['contactId', 'accountId', 'dealId'] as const) push(`${key.slice(0, -2)}s`, details[key]);
  return refs;
}

async function namesFor(db: Kysely<DB>, actor: Actor, refs: Ref[]): Promise<Record<string, string>> {
  const byTable = new Map<string, number[]>();
  for (const r of refs) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.id]);
  const out: Record<string, string> = {};
  await Promise.all(
    [...byTable].map(async ([table, ids]) => {
      const module = modules.find((m) => m === table);
      const names = module
        ? await recordNames(db, actor, module, ids)
        : table === 'users'
          ? await userNames(db, ids)
          : table === 'pipeline_stages' || table === 'pipelines' || table === 'contact_types'
            ? await lookupNames(db, table, ids)
            : new Map<number, string>();
      for (const [id, name] of names) out[`${table}:${id}`] = name;
    }),
  );
  return out;
}

function present(row: TimelineRow, details: Details, names: Record<string, string>, users: Map<number, string>): TimelineEvent {
  const module = modules.find((m) => m === row.module) ?? 'accounts';
  return {
    id: toApiId(row.id),
    at: row.at,
    actor: row.actor_id == null ? null : { id: toApiId(row.actor_id), name: users.get(row.actor_id) ?? '' },
    kind: timelineKinds.find((k) => k === row.kind) ?? 'updated',
    module,
    recordId: toApiId(row.record_id),
    recordName: names[`${module}:${row.record_id}`] ?? '',
    itemType: timelineItemTypes.find((t) => t === row.item_type) ?? null,
    itemId: row.item_id == null ? null : toApiId(row.item_id),
    details,
    names: Object.fromEntries(refsIn(module, details).flatMap((r) => (names[`${r.table}:${r.id}`] !== undefined ? [[`${r.table}:${r.id}`, names[`${r.table}:${r.id}`] ?? '']] : []))),
  };
}

/**
 * A record's timeline, newest first: its own events and, on an account, contact or deal, those of the records linked
 * to it (its contacts' and deals', their notes, files and activities), each only when the reader may see the record
 * it is about. The default window is the last six months (`since` moves it; `all` lifts it).
 */
export async function listTimeline(db: Kysely<DB>, actor: Actor, parent: VisibleParent, q: z.output<typeof timelineQuerySchema>, now = new Date()): Promise<TimelinePage> {
  const { module, id } = parent;
  const since = q.since === 'all' ? null : q.since ? new Date(q.since).toISOString() : new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
  const cursor = q.cursor ? decodeCursor(q.cursor, 'text') : null;
  const rows = await timelineRows(db, actor, module, id, { limit: q.limit, since, after: cursor ? { at: String(cursor.value), id: cursor.id } : null, filter: q.filter ?? [] });
  const page = rows.slice(0, q.limit);
  const parsed = page.map((r) => ({ row: r, details: parseJsonColumn(r.details, detailsSchema, {}) }));
  const refs = parsed.flatMap(({ row, details }) => {
    const m = modules.find((x) => x === row.module);
    return m ? [{ table: m, id: row.record_id }, ...refsIn(m, details)] : [];
  });
  const [names, users] = await Promise.all([namesFor(db, actor, refs), userNames(db, page.map((r) => r.actor_id))]);
  const last = page[page.length - 1];
  return {
    data: parsed.map(({ row, details }) => present(row, details, names, users)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
    since,
  };
}
