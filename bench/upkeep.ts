import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { contactCreateSchema } from '@kontor/contract/contacts';
import { benchUserEmail } from '../apps/server/src/cli/seed-scale.ts';
import { createDatabase } from '../apps/server/src/db/database.ts';
import type { DB } from '../apps/server/src/db/schema.ts';
import { createContact, insertContactInTrx } from '../apps/server/src/features/contacts/contacts.service.ts';
import type { Actor } from '../apps/server/src/features/permissions/actor.ts';
import { loadActor } from '../apps/server/src/features/permissions/load-actor.ts';
import { writeConfig } from '../apps/server/src/features/records/write-config.ts';
import { fromApiId } from '../apps/server/src/lib/ids.ts';
import type { Target } from './raw.ts';
import { summarize, type Stats } from './stats.ts';
import { contactBody } from './workloads.ts';

/**
 * What keeping the search index in step costs a write (issue #12: < 30% on a single record, < 40% on a bulk import),
 * in-process on the benchmark's own data set: the same writes through the server's own service functions, on the
 * server's Kysely (triggers + the before-commit hook that rebuilds the queued documents) and on one built without the
 * hook (`createDatabase(…, { searchUpkeep: false })`). The triggers' insert into `search_pending` is in both sides (its rows are deleted, untimed,
 * after each write without the hook). Sides alternate write by write (single) or batch by batch (bulk). Everything
 * written is deleted afterwards (documents too), so the data set stays as seeded.
 */

export interface UpkeepOptions {
  rounds: number;
  /** Single-record writes per side and round, after `warmup` unmeasured ones per side. */
  ops: number;
  warmup: number;
  /** Contacts per side and round of the bulk import (0 skips it), in transactions of `batch`. */
  bulk: number;
  batch: number;
  log?: (line: string) => void;
}

export interface SingleRound {
  with: Stats;
  without: Stats;
  loadavg: number;
}

export interface BulkRound {
  withMs: number;
  withoutMs: number;
  loadavg: number;
}

export interface UpkeepReport {
  ops: number;
  warmup: number;
  single: SingleRound[];
  /** All single-write samples of every round, per side. */
  singleAll: { with: Stats; without: Stats };
  bulk: { contacts: number; batch: number; rounds: BulkRound[] } | null;
  cleanup: { contacts: number; seconds: number };
}

type Side = 'with' | 'without';
const sides = (round: number, k: number): Side[] => ((round + k) % 2 === 0 ? ['with', 'without'] : ['without', 'with']);

const firstNames = [['Anna', 'anna'], ['Lukas', 'lukas'], ['Jürgen', 'juergen'], ['Maria', 'maria'], ['Elena', 'elena'], ['Andrei', 'andrei'], ['James', 'james'], ['Wei', 'wei']] as const;
const lastNames = [['Schmidt', 'schmidt'], ['Müller', 'mueller'], ['Wagner', 'wagner'], ['Popescu', 'popescu'], ['Ionescu', 'ionescu'], ['Smith', 'smith'], ['Thompson', 'thompson'], ['王', 'wang']] as const;

/** An imported contact: a seeded-style name, two e-mails, two phones. */
function importedContact(runId: string, n: number) {
  const [first, firstAscii] = firstNames[n % firstNames.length] ?? firstNames[0];
  const [last, lastAscii] = lastNames[Math.floor(n / firstNames.length) % lastNames.length] ?? lastNames[0];
  const digits = String((n * 7919) % 100_000_000).padStart(8, '0');
  return contactCreateSchema.parse({
    firstName: first,
    lastName: last,
    position: 'Buyer',
    description: `bench-import:${runId}`,
    emails: [{ label: 'work', value: `${firstAscii}.${lastAscii}.${runId}.${n}@import.example.com`, primary: true }, { label: 'home', value: `${firstAscii}${n}@web.example.de` }],
    phones: [{ label: 'work', value: `+49 30 ${digits}`, primary: true }, { label: 'mobile', value: `+49 151 ${digits.slice(1)}` }],
  });
}

class UpkeepRun {
  readonly created: number[] = [];

  constructor(
    private readonly dbs: Record<Side, Kysely<DB>>,
    private readonly actor: Actor,
    private readonly runId: string,
  ) {}

  /** The queue rows the triggers wrote for contacts written without the hook (the hook would have removed them). */
  private async dropQueued(ids: number[]) {
    await this.dbs.without.deleteFrom('search_pending').where('module', '=', 'contacts').where('record_id', 'in', ids).execute();
  }

  /** One contact through the API's create service (as POST /api/v1/contacts); answers the milliseconds it took. */
  async createOne(side: Side, n: number): Promise<number> {
    const input = contactCreateSchema.parse(contactBody(this.runId, `u${n}`));
    const t = performance.now();
    const contact = await createContact(this.dbs[side], this.actor, input);
    const ms = performance.now() - t;
    const id = fromApiId(contact.id);
    this.created.push(id);
    if (side === 'without') await this.dropQueued([id]);
    return ms;
  }

  /** One transaction of `count` imported contacts (the import's insert path); answers the milliseconds it took. */
  async importBatch(side: Side, first: number, count: number): Promise<number> {
    const db = this.dbs[side];
    const config = await writeConfig(db, 'contacts');
    const inputs = Array.from({ length: count }, (_, k) => importedContact(this.runId, first + k));
    const ids: number[] = [];
    const t = performance.now();
    await db.transaction().execute(async (trx) => {
      for (const input of inputs) ids.push(await insertContactInTrx(trx, this.actor, input, config));
    });
    const ms = performance.now() - t;
    this.created.push(...ids);
    if (side === 'without') await this.dropQueued(ids);
    return ms;
  }
}

/**
 * Deletes the contacts a run wrote (their points, events and, through the hook, documents) and the words they added.
 * Foreign keys are not checked meanwhile: nothing refers to these contacts, and the checks would scan deals, activities
 * and leads once per contact (their `contact_id` indexes are partial, so the checks cannot use them: ~0.36 s a contact
 * at 1M on SQLite). On PostgreSQL that switches the search triggers off too, so the documents are queued here.
 */
async function cleanUp(db: Kysely<DB>, engine: 'sqlite' | 'postgres', ids: number[], wordsBefore: number): Promise<void> {
  if (engine === 'sqlite') await sql`pragma foreign_keys = off`.execute(db);
  try {
    for (let k = 0; k < ids.length; k += 1000) {
      const chunk = ids.slice(k, k + 1000);
      await db.transaction().execute(async (trx) => {
        if (engine === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
        await trx.deleteFrom('contact_points').where('module', '=', 'contacts').where('record_id', 'in', chunk).execute();
        await trx.deleteFrom('record_tags').where('module', '=', 'contacts').where('record_id', 'in', chunk).execute();
        await trx.deleteFrom('timeline_events').where('module', '=', 'contacts').where('record_id', 'in', chunk).execute();
        await trx.deleteFrom('contacts').where('id', 'in', chunk).execute();
        await trx.insertInto('search_pending').values(chunk.map((id) => ({ module: 'contacts', record_id: id }))).onConflict((oc) => oc.doNothing()).execute();
      });
    }
  } finally {
    if (engine === 'sqlite') await sql`pragma foreign_keys = on`.execute(db);
  }
  await db.deleteFrom('search_words').where('id', '>', wordsBefore).execute();
  // The seed leaves each trigram index merged into one segment; so does this, after its inserts and deletes.
  if (engine === 'sqlite') await sql`insert into search_fts_contacts (search_fts_contacts) values ('optimize')`.execute(db);
}

export async function measureUpkeep(t: Target, o: UpkeepOptions): Promise<UpkeepReport> {
  const log = o.log ?? (() => undefined);
  const config = { dataDir: t.dataDir ?? '', databaseUrl: t.engine === 'postgres' ? (t.url ?? null) : null, databaseSchema: t.schema ?? null };
  const database = createDatabase(config);
  // The same database built without the before-commit hook: the only difference between the two sides.
  const withoutDatabase = createDatabase(config, { searchUpkeep: false });
  const without = withoutDatabase.db;
  const withDb = database.db;
  let run: UpkeepRun | null = null;
  let wordsBefore = 0;
  const cleanup = async () => {
    const t0 = performance.now();
    const ids = run?.created.splice(0) ?? [];
    await cleanUp(withDb, database.engine, ids, wordsBefore);
    const done = { contacts: ids.length, seconds: (performance.now() - t0) / 1000 };
    log(`upkeep: deleted the ${done.contacts} contacts it wrote, their documents and new words in ${done.seconds.toFixed(1)} s`);
    return done;
  };
  try {
    const user = await withDb.selectFrom('users').selectAll().where('email', '=', benchUserEmail(5)).executeTakeFirstOrThrow();
    const actor = await loadActor(withDb, user, 'token', null);
    wordsBefore = Number((await withDb.selectFrom('search_words').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    const r = (run = new UpkeepRun({ with: withDb, without }, actor, `upkeep-${Date.now().toString(36)}`));
    let n = 0;
    const next = (count = 1) => (n += count) - count;
    for (let k = 0; k < o.warmup; k++) for (const side of sides(0, k)) await r.createOne(side, next());
    const single: SingleRound[] = [];
    const all: Record<Side, number[]> = { with: [], without: [] };
    for (let round = 0; round < o.rounds; round++) {
      const samples: Record<Side, number[]> = { with: [], without: [] };
      const t0 = performance.now();
      for (let k = 0; k < o.ops; k++) for (const side of sides(round, k)) samples[side].push(await r.createOne(side, next()));
      const wall = performance.now() - t0;
      all.with.push(...samples.with);
      all.without.push(...samples.without);
      const s = { with: summarize(samples.with, wall / 2), without: summarize(samples.without, wall / 2), loadavg: os.loadavg()[0] ?? 0 };
      single.push(s);
      log(`upkeep single write, round ${round + 1}: with p50 ${s.with.p50.toFixed(3)} p95 ${s.with.p95.toFixed(3)} ms, without p50 ${s.without.p50.toFixed(3)} p95 ${s.without.p95.toFixed(3)} ms, load ${s.loadavg.toFixed(2)}`);
    }
    let bulk: UpkeepReport['bulk'] = null;
    if (o.bulk > 0) {
      const batches = Math.ceil(o.bulk / o.batch);
      for (const side of sides(0, 0)) await r.importBatch(side, next(o.batch), o.batch); // warm-up
      const rounds: BulkRound[] = [];
      for (let round = 0; round < o.rounds; round++) {
        const ms: Record<Side, number> = { with: 0, without: 0 };
        for (let b = 0; b < batches; b++) {
          const count = Math.min(o.batch, o.bulk - b * o.batch);
          for (const side of sides(round, b)) ms[side] += await r.importBatch(side, next(count), count);
        }
        const loadavg = os.loadavg()[0] ?? 0;
        rounds.push({ withMs: ms.with, withoutMs: ms.without, loadavg });
        log(`upkeep bulk import of ${o.bulk} contacts per side, round ${round + 1}: with ${(ms.with / 1000).toFixed(2)} s, without ${(ms.without / 1000).toFixed(2)} s (${((ms.with / ms.without - 1) * 100).toFixed(0)}% added), load ${loadavg.toFixed(2)}`);
      }
      bulk = { contacts: o.bulk, batch: o.batch, rounds };
    }
    return { ops: o.ops, warmup: o.warmup, single, singleAll: { with: summarize(all.with, 0), without: summarize(all.without, 0) }, bulk, cleanup: await cleanup() };
  } finally {
    if (run?.created.length) await cleanup(); // a run that failed half-way still leaves the data set as seeded
    await withoutDatabase.close();
    await database.close();
  }
}
