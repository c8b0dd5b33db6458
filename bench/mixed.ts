import { Client } from './http.ts';
import type { BenchContext } from './context.ts';
import type { RawDb } from './raw.ts';
import { summarize, type Stats } from './stats.ts';
import { workloads, type Workload } from './workloads.ts';

export interface MixedResult {
  stats: Stats;
  /** Requests per second over all clients (an account page counts as its 3 requests). */
  requestsPerSecond: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  created: number[];
  updates: Map<number, { before: number; after: number }>;
}

interface Saved { id: string; version: number }

/**
 * `clients` concurrent clients, each on its own keep-alive connection, picking workloads by `mixWeight` for
 * `durationMs`. Creates carry a run marker and their answered ids are kept for the consistency check.
 */
export async function runMixed(baseUrls: string[], token: string, ctx: BenchContext, opts: { clients: number; durationMs: number; warmupMs: number }): Promise<MixedResult> {
  const mix = workloads.filter((w) => w.mixWeight);
  const total = mix.reduce((a, w) => a + (w.mixWeight ?? 0), 0);
  const pickAt = (x: number): Workload => {
    let acc = 0;
    for (const w of mix) if ((acc += w.mixWeight ?? 0) > x * total) return w;
    return mix[mix.length - 1] as Workload;
  };
  const created: number[] = [];
  const updates = new Map<number, { before: number; after: number }>();
  for (const pool of ctx.mixedPools) for (const r of pool) updates.set(r.id, { before: r.version, after: r.version });
  const samples: number[] = [];
  let requests = 0;
  let errors = 0;
  let netErrors = 0;
  const statuses: Record<string, number> = {};
  let measuring = false;
  const runClient = async (n: number, until: number) => {
    const client = new Client(baseUrls, token);
    const pool = ctx.mixedPools[n] ?? [];
    let seed = (n + 1) * 7919;
    let i = 0;
    try {
      while (performance.now() < until) {
        seed = (seed * 48271) % 2147483647;
        const w = pickAt(seed / 2147483647);
        const before = client.statuses.size ? [...client.statuses.values()].reduce((a, b) => a + b, 0) : 0;
        const t = performance.now();
        try {
          if (w.name === 'create.contact') {
            const res = await client.request<Saved>('POST', '/api/v1/contacts', mixedBody(ctx, n, i));
            if (res.status === 201) created.push(Number(res.body.id));
          } else if (w.name === 'update.contact') {
            const rec = pool[i % Math.max(1, pool.length)];
            if (rec) {
              const res = await client.request<Saved>('PATCH', `/api/v1/contacts/${rec.id}`, { position: `Mixed ${i % 89}`, version: rec.version });
              if (res.status === 200) rec.version = res.body.version;
              const u = updates.get(rec.id);
              if (u && res.status === 200) u.after = res.body.version;
            }
          } else {
            await w.http(client, ctx, seed + i);
          }
        } catch (err) {
          // a non-2xx answer is counted through the status map; anything else (a reset connection) here
          if (!String(err).includes(' answered ')) netErrors++;
        }
        if (measuring) {
          samples.push(performance.now() - t);
          requests += [...client.statuses.values()].reduce((a, b) => a + b, 0) - before;
        }
        i++;
      }
    } finally {
      if (measuring) {
        errors += client.errors();
        for (const [s, c] of client.statuses) statuses[s] = (statuses[s] ?? 0) + c;
      }
      client.close();
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, n) => runClient(n, performance.now() + opts.warmupMs)));
  measuring = true;
  const start = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, (_, n) => runClient(n, start + opts.durationMs)));
  const wall = performance.now() - start;
  return { stats: summarize(samples, wall), requestsPerSecond: (requests * 1000) / wall, requests, errors: errors + netErrors, statuses, created, updates };
}

const mixedBody = (ctx: BenchContext, client: number, i: number) => ({
  firstName: 'Mixed',
  lastName: `Client ${client} ${i}`,
  description: `mixed:${ctx.runId}:${client}:${i}`,
  emails: [{ label: 'work', value: `mixed.${client}.${i}@example.com`, primary: true }],
  phones: [{ label: 'work', value: '+49 30 7654321', primary: true }],
});

export interface Consistency {
  ok: boolean;
  createdAnswered: number;
  createdFound: number;
  duplicates: number;
  missing: number;
  updatesChecked: number;
  updatesWrong: number;
}

/** After the mixed run: every create answered 201 exists exactly once, none exists that was not answered, and every updated contact has the version its last answer said. */
export async function checkConsistency(db: RawDb, ctx: BenchContext, r: MixedResult): Promise<Consistency> {
  const rows = await db.all(`select id from contacts where description like ?`, [`mixed:${ctx.runId}:%`]);
  const found = rows.map((x) => Number(x.id));
  const foundSet = new Set(found);
  const answered = new Set(r.created);
  const missing = [...answered].filter((id) => !foundSet.has(id)).length;
  const duplicates = found.length - foundSet.size + (r.created.length - answered.size) + found.filter((id) => !answered.has(id)).length;
  const ids = [...r.updates.keys()];
  const versions = new Map<number, number>();
  for (let s = 0; s < ids.length; s += 500) {
    for (const v of await db.all(`select id, version from contacts where ${db.inIds('id')}`, [db.idsParam(ids.slice(s, s + 500))])) versions.set(Number(v.id), Number(v.version));
  }
  const updatesWrong = ids.filter((id) => versions.get(id) !== r.updates.get(id)?.after).length;
  return { ok: missing === 0 && duplicates === 0 && updatesWrong === 0, createdAnswered: r.created.length, createdFound: found.length, duplicates, missing, updatesChecked: ids.length, updatesWrong };
}
