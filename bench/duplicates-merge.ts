import os from 'node:os';
import type { Client } from './http.ts';
import type { RawDb } from './raw.ts';
import { summarize, type Stats } from './stats.ts';

/**
 * Part `merge` of bench/duplicates.ts. Each round makes, through the API (so every row and timeline event is as the API
 * writes it), one account with 3 contacts alike and `related` records on each contact (deals, activities and notes in
 * turn); then times `POST /api/v1/contacts/merge` (the first contact survives, the other two are merged) and
 * `POST /api/v1/merges/{id}/undo`, each checked against the database. Everything made is deleted and purged through
 * the API at the end, so the data set stays as seeded (but for the audit log and the `merges` rows).
 */

export interface MergeOptions {
  rounds: number;
  /** Unmeasured rounds first (the same steps). */
  warmup: number;
  /** Related records per contact. */
  related: number;
  /** Requests in flight while preparing and cleaning up. */
  parallel: number;
  runId: string;
  /** Leave what the rounds made in the data set (no clean-up: purging a deal or contact scans the activities at 1M). */
  keep?: boolean;
  log: (line: string) => void;
}

export interface MergeRound {
  mergeMs: number;
  undoMs: number;
  /** Making the account, the contacts and their related records. */
  prepareMs: number;
  /** Related rows on the survivor after the merge (deals + activities + notes), and on each contact after the undo. */
  movedRows: number;
  restoredRows: number[];
  loadavg: number;
}

export interface MergeReport {
  rounds: MergeRound[];
  warmup: number;
  related: number;
  mix: { deals: number; activities: number; notes: number };
  merge: Stats;
  undo: Stats;
  /** Requests that deleted and purged what the rounds made (none with `keep`); failures leave rows behind (named in `errors`). */
  cleanup: { requests: number; seconds: number; errors: string[]; kept: boolean };
}

interface Made {
  accountId: string;
  contactIds: string[];
  deals: string[];
  activities: string[];
}

/** Runs `tasks` with at most `parallel` in flight. */
async function inPool<T>(parallel: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) out[i] = await (tasks[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return out;
}

const kindOf = (i: number): 'deal' | 'activity' | 'note' => (['deal', 'activity', 'note'] as const)[i % 3] ?? 'note';

export function relatedMix(related: number): MergeReport['mix'] {
  const mix = { deals: 0, activities: 0, notes: 0 };
  const plural = { deal: 'deals', activity: 'activities', note: 'notes' } as const;
  for (let i = 0; i < related; i++) mix[plural[kindOf(i)]]++;
  return mix;
}

async function prepare(client: Client, o: MergeOptions, label: string): Promise<Made> {
  const tag = `${o.runId}-${label}`;
  const account = await client.ok<{ id: string }>('POST', '/api/v1/accounts', { name: `Bench merge ${tag} GmbH`, website: `bench-merge-${tag}.example` });
  const contactIds: string[] = [];
  for (let k = 0; k < 3; k++) {
    const contact = await client.ok<{ id: string }>('POST', '/api/v1/contacts', {
      firstName: 'Benedikt',
      lastName: `Mergeprobe ${tag}`,
      accountId: account.id,
      position: k === 1 ? 'Buyer' : undefined,
      description: `bench:duplicates-${o.runId}`,
      emails: [{ label: 'work', value: `benedikt.${k}.${tag}@bench-merge-${tag}.example`, primary: true }],
      phones: [{ label: 'work', value: `+49 89 ${String(20_000_000 + k).slice(0, 8)}`, primary: true }],
    });
    contactIds.push(contact.id);
  }
  const soon = (i: number) => new Date(Date.now() + (i + 1) * 3_600_000).toISOString();
  const tasks = contactIds.flatMap((contactId, k) =>
    Array.from({ length: o.related }, (_, i) => async (): Promise<['deal' | 'activity' | 'note', string]> => {
      const kind = kindOf(i);
      if (kind === 'deal') return [kind, (await client.ok<{ id: string }>('POST', '/api/v1/deals', { name: `Bench deal ${tag} ${k}.${i}`, amount: 1000 + i, currency: 'EUR', contactId })).id];
      if (kind === 'activity') {
        const body = i % 2 === 0 ? { type: 'task', subject: `Bench task ${tag} ${k}.${i}`, dueAt: soon(i), contactId } : { type: 'call', subject: `Bench call ${tag} ${k}.${i}`, startAt: soon(i), contactId };
        return [kind, (await client.ok<{ id: string }>('POST', '/api/v1/activities', body)).id];
      }
      return [kind, (await client.ok<{ id: string }>('POST', '/api/v1/notes', { body: `<p>Bench note ${tag} ${k}.${i}</p>`, contactId })).id];
    }),
  );
  const made = await inPool(o.parallel, tasks);
  return { accountId: account.id, contactIds, deals: made.filter(([k]) => k === 'deal').map(([, id]) => id), activities: made.filter(([k]) => k === 'activity').map(([, id]) => id) };
}

/** Deals + activities + notes linked to a contact, straight from the database. */
async function relatedRows(raw: RawDb, contactId: string): Promise<number> {
  const [row] = await raw.all(
    `select (select count(*) from deals where contact_id = ?) + (select count(*) from activities where contact_id = ?) + (select count(*) from notes where module = 'contacts' and record_id = ?) as n`,
    [Number(contactId), Number(contactId), Number(contactId)],
  );
  return Number(row?.n ?? 0);
}

async function oneRound(clients: { merger: Client; prep: Client }, raw: RawDb, o: MergeOptions, label: string): Promise<{ made: Made; round: MergeRound }> {
  const p0 = performance.now();
  const made = await prepare(clients.prep, o, label);
  const prepareMs = performance.now() - p0;
  const [survivorId, ...mergedIds] = made.contactIds as [string, string, string];
  const t0 = performance.now();
  const merged = await clients.merger.ok<{ mergeId: string; record: { id: string } }>('POST', '/api/v1/contacts/merge', { survivorId, mergedIds });
  const mergeMs = performance.now() - t0;
  if (merged.record.id !== survivorId) throw new Error(`merge answered survivor ${merged.record.id}, expected ${survivorId}`);
  const movedRows = await relatedRows(raw, survivorId);
  if (movedRows !== 3 * o.related) throw new Error(`after the merge the survivor holds ${movedRows} related rows, expected ${3 * o.related}`);
  const t1 = performance.now();
  const undone = await clients.merger.ok<{ restoredIds: string[] }>('POST', `/api/v1/merges/${merged.mergeId}/undo`);
  const undoMs = performance.now() - t1;
  if ([...undone.restoredIds].sort().join() !== [...mergedIds].sort().join()) throw new Error(`undo restored ${undone.restoredIds.join(', ')}, expected ${mergedIds.join(', ')}`);
  const restoredRows: number[] = [];
  for (const id of made.contactIds) restoredRows.push(await relatedRows(raw, id)); // one at a time: pg's one connection
  if (restoredRows.some((n) => n !== o.related)) throw new Error(`after the undo the contacts hold ${restoredRows.join('/')} related rows, expected ${o.related} each`);
  return { made, round: { mergeMs, undoMs, prepareMs, movedRows, restoredRows, loadavg: os.loadavg()[0] ?? 0 } };
}

/** Deletes and purges through the API what the rounds made: deals and activities, then the contacts (with their notes), then the accounts. */
async function cleanUp(admin: Client, made: Made[], parallel: number): Promise<MergeReport['cleanup']> {
  const started = performance.now();
  const errors: string[] = [];
  let requests = 0;
  const gone = (module: string, id: string) => async () => {
    for (const path of [`/api/v1/${module}/${id}`, `/api/v1/recycle-bin/${module}/${id}`]) {
      requests++;
      const res = await admin.request('DELETE', path);
      if (res.status !== 204) {
        errors.push(`DELETE ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        return;
      }
    }
  };
  await inPool(parallel, made.flatMap((m) => [...m.deals.map((id) => gone('deals', id)), ...m.activities.map((id) => gone('activities', id))]));
  await inPool(parallel, made.flatMap((m) => m.contactIds.map((id) => gone('contacts', id))));
  await inPool(parallel, made.map((m) => gone('accounts', m.accountId)));
  return { requests, seconds: (performance.now() - started) / 1000, errors, kept: false };
}

export async function measureMerges(clients: { merger: Client; prep: Client; admin: Client }, raw: RawDb, o: MergeOptions): Promise<MergeReport> {
  const made: Made[] = [];
  const rounds: MergeRound[] = [];
  let cleanup: MergeReport['cleanup'];
  try {
    for (let w = 0; w < o.warmup; w++) {
      const r = await oneRound(clients, raw, o, `w${w}`);
      made.push(r.made);
      o.log(`merge warm-up ${w + 1}/${o.warmup}: merge ${r.round.mergeMs.toFixed(1)} ms, undo ${r.round.undoMs.toFixed(1)} ms (not counted)`);
    }
    for (let k = 0; k < o.rounds; k++) {
      const r = await oneRound(clients, raw, o, `r${k}`);
      made.push(r.made);
      rounds.push(r.round);
      o.log(`merge ${k + 1}/${o.rounds}: prepared in ${(r.round.prepareMs / 1000).toFixed(1)} s; merge ${r.round.mergeMs.toFixed(1)} ms (${r.round.movedRows} rows moved), undo ${r.round.undoMs.toFixed(1)} ms; load ${r.round.loadavg.toFixed(2)}`);
    }
  } finally {
    if (o.keep) {
      cleanup = { requests: 0, seconds: 0, errors: [], kept: true };
      o.log(`merge: kept ${made.length} accounts (ids ${made.map((m) => m.accountId).join(', ')}) with their contacts and related records`);
    } else {
      cleanup = await cleanUp(clients.admin, made, o.parallel);
      o.log(`merge clean-up: ${cleanup.requests} requests in ${cleanup.seconds.toFixed(1)} s${cleanup.errors.length ? `; ${cleanup.errors.length} failed, first: ${cleanup.errors[0]}` : ''}`);
    }
  }
  return {
    rounds,
    warmup: o.warmup,
    related: o.related,
    mix: relatedMix(o.related),
    merge: summarize(rounds.map((r) => r.mergeMs), 0),
    undo: summarize(rounds.map((r) => r.undoMs), 0),
    cleanup,
  };
}
