import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open.ts';
import { seedScale } from '../apps/server/src/cli/seed-scale.ts';
import { floorWorkloads } from './compare.ts';
import type { Target } from './raw.ts';
import { machineLine, toMarkdown } from './report.ts';
import { allParts, runBench, type Part } from './suite.ts';
import { workloads } from './workloads.ts';

// [default, --quick] of each timing option, in seconds (counts for rounds, starts, upkeep writes and bulk contacts).
const defaults = {
  warmup: [15, 2],
  rewarm: [1, 0.5],
  latency: [5, 2],
  throughput: [5, 2],
  rounds: [3, 1],
  duration: [5, 1],
  'workload-warmup': [1, 0.3],
  mixed: [20, 5],
  'mixed-warmup': [15, 2],
  starts: [5, 2],
  'workload-rounds': [1, 1],
  'upkeep-rounds': [3, 1],
  'upkeep-ops': [300, 30],
  'upkeep-warmup': [50, 5],
  bulk: [20000, 2000],
  'bulk-batch': [1000, 1000],
} as const;
type Timing = keyof typeof defaults;

const usage = `npm run bench -- [options]        Kontor over HTTP at scale, beside the HTTP floor and the raw SQL

Target
  --engine sqlite|postgres   default sqlite; postgres uses --url or DATABASE_URL
  --data DIR                 SQLite data directory holding a seeded kontor.sqlite (default /work/bench-data/sqlite-1m)
  --url URL --schema S       PostgreSQL database and schema holding a seeded data set (or DATABASE_URL, DATABASE_SCHEMA)
  --seed N                   seed N contacts first into --data / --schema (must be empty)

What runs, per worker count (Kontor with KONTOR_WORKERS=n, the floor with as many workers)
  --workers 1,2              worker counts (default 1,2)
  --parts a,b                any of ${allParts.join(', ')} (default all):
                               floor      Kontor beside the HTTP floor (bench/floor-server.ts): latency with one client
                                          and throughput with --connections, interleaved rounds, for each worker count
                               workloads  every single-client workload, API beside the raw SQL (first worker count)
                               mixed      80% read / 20% write with --clients clients and the consistency check
                               mass       mass actions on ~100,000 contacts (tag, transfer owner and back) and a CSV
                                          export of every contact, as jobs and a stream, with the server's peak RSS
                               startup    spawn to first answer and first list page, --starts times, each worker count
                               upkeep     the search index's cost to writes, in-process once no server runs (bench/upkeep.ts)
  --quick                    short everything, for trying (options given explicitly still win):
                             ${(Object.keys(defaults) as Timing[]).map((k) => `--${k} ${defaults[k][1]}`).join(' ')}

Kontor beside the floor (part floor)
  --floor-workloads a,b      default all: ${floorWorkloads.map((w) => w.name).join(', ')}
  --warmup S                 load on each server and workload before the first round (default ${defaults.warmup[0]})
  --rounds N                 interleaved rounds; the report shows the median and range of the rounds (default ${defaults.rounds[0]})
  --latency S                one client, per round, server and workload (default ${defaults.latency[0]})
  --throughput S             --connections clients, per round, server and workload (default ${defaults.throughput[0]})
  --connections N            default 32
  --rewarm S                 unmeasured load before each measured phase (default ${defaults.rewarm[0]})

Single-client workloads (part workloads)
  --workloads a,b            default all: ${workloads.map((w) => w.name).join(', ')}
  --duration S               seconds per workload (default ${defaults.duration[0]}); --workload-warmup S (default ${defaults['workload-warmup'][0]})
  --workload-rounds N        run the list N times in order; figures are the medians of the rounds (default 1)
                             (the search workloads: --workloads with names from search-workloads.ts, e.g. search.sales.infix.mul)

Mixed workload (part mixed)
  --mixed S                  seconds (default ${defaults.mixed[0]}; 0 skips it); --clients N (default 32); --mixed-warmup S (default ${defaults['mixed-warmup'][0]})

Start-up (part startup)
  --starts N                 starts of each server per worker count (default ${defaults.starts[0]})

Search index upkeep (part upkeep): creates through the server's service functions, with and without the commit hook
  --upkeep-rounds N          interleaved rounds of each part (default ${defaults['upkeep-rounds'][0]})
  --upkeep-ops N             single-record creates per side and round (default ${defaults['upkeep-ops'][0]}), after --upkeep-warmup N (default ${defaults['upkeep-warmup'][0]})
  --bulk N                   contacts per side and round of the bulk import (default ${defaults.bulk[0]}; 0 skips it), in transactions of --bulk-batch N (default ${defaults['bulk-batch'][0]})

Output
  --out FILE                 append the Markdown result to FILE
  --json FILE                write the raw figures
  --note TEXT                a sentence for the report's header

BENCH_PROFILE_DIR=dir npm run bench -- ...   also writes V8 CPU profiles of the servers
npm run bench -- import --help             kontor import / export of a generated 1M-row contacts CSV (bench/import.ts)
npm run bench -- duplicates --help         issue #16: check on entry, kontor duplicates rebuild, merge and undo (bench/duplicates.ts)`;

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

async function main(): Promise<void> {
  // `npm run bench -- import ...`: the import/export benchmark on fresh databases (bench/import.ts), not the seeded set.
  if (process.argv[2] === 'import') return (await import('./import.ts')).main(process.argv.slice(3));
  if (process.argv[2] === 'duplicates') return (await import('./duplicates.ts')).main(process.argv.slice(3));
  const timing = Object.fromEntries((Object.keys(defaults) as Timing[]).map((k) => [k, { type: 'string' as const }])) as Record<Timing, { type: 'string' }>;
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'sqlite' }, data: { type: 'string' }, url: { type: 'string' }, schema: { type: 'string' }, seed: { type: 'string' },
      workers: { type: 'string', default: '1,2' }, parts: { type: 'string' }, quick: { type: 'boolean' }, 'floor-workloads': { type: 'string' }, connections: { type: 'string', default: '32' },
      workloads: { type: 'string' }, clients: { type: 'string', default: '32' }, out: { type: 'string' }, json: { type: 'string' }, note: { type: 'string' }, help: { type: 'boolean' },
      ...timing,
    },
  });
  if (values.help) return console.log(usage);
  const t = (k: Timing): number => {
    const v = values[k] === undefined ? defaults[k][values.quick ? 1 : 0] : Number(values[k]);
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${k}: not a number`);
    return v;
  };
  const parts = (list(values.parts) ?? allParts) as Part[];
  for (const p of parts) if (!allParts.includes(p)) throw new Error(`--parts: unknown part ${p} (${allParts.join(', ')})`);
  const workers = (list(values.workers) ?? []).map(Number);
  if (!workers.length || workers.some((w) => !Number.isInteger(w) || w < 1)) throw new Error('--workers: whole numbers from 1, e.g. 1,2');
  const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
  const target: Target =
    engine === 'sqlite'
      ? { engine, dataDir: path.resolve(values.data ?? '/work/bench-data/sqlite-1m') }
      : { engine, url: values.url ?? process.env.DATABASE_URL, schema: values.schema ?? (process.env.DATABASE_SCHEMA || null) };
  if (engine === 'postgres' && !target.url) throw new Error('--engine postgres needs --url or DATABASE_URL');
  if (values.seed) {
    const config = loadConfig({}, { dataDir: target.dataDir ?? os.tmpdir(), databaseUrl: target.url ?? null, databaseSchema: target.schema ?? null, logLevel: 'silent' });
    const database = await openDatabase(config);
    try {
      const postgres = target.url ? { url: target.url, schema: target.schema ?? null } : undefined;
      const s = await seedScale(database, { scale: Number(values.seed), postgres, log: (l) => console.log(l) });
      console.log(`seeded in ${s.seconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  }
  console.log(`machine: ${machineLine()}`);
  const report = await runBench({
    target,
    parts,
    workers,
    floor: {
      only: list(values['floor-workloads']),
      rounds: Math.max(1, Math.round(t('rounds'))),
      warmupMs: t('warmup') * 1000,
      rewarmMs: t('rewarm') * 1000,
      latencyMs: t('latency') * 1000,
      throughputMs: t('throughput') * 1000,
      connections: Number(values.connections),
    },
    single: { only: list(values.workloads), warmupMs: t('workload-warmup') * 1000, durationMs: t('duration') * 1000, rounds: Math.max(1, Math.round(t('workload-rounds'))) },
    mixed: { clients: t('mixed') > 0 ? Number(values.clients) : 0, durationMs: t('mixed') * 1000, warmupMs: t('mixed-warmup') * 1000 },
    starts: Math.round(t('starts')),
    upkeep: {
      rounds: Math.max(1, Math.round(t('upkeep-rounds'))),
      ops: Math.max(1, Math.round(t('upkeep-ops'))),
      warmup: Math.round(t('upkeep-warmup')),
      bulk: Math.round(t('bulk')),
      batch: Math.max(1, Math.round(t('bulk-batch'))),
    },
    log: (l) => console.log(l),
  });
  const settings = `Settings: ${values.quick ? '**--quick** (not for the record); ' : ''}warm-up ${t('warmup')} s per server and workload, ${t('rounds')} round(s) of ${t('latency')} s one client + ${t('throughput')} s at ${values.connections} connections; single-client workloads ${t('workload-warmup')} s warm-up + ${t('duration')} s${t('workload-rounds') > 1 ? ` in ${t('workload-rounds')} rounds` : ''}; mixed ${t('mixed-warmup')} s warm-up + ${t('mixed')} s.`;
  const md = toMarkdown(report, `${values.note ? `${values.note} ` : ''}${settings}`);
  console.log(`\n${md}\n`);
  if (values.out) fs.appendFileSync(values.out, `\n${md}\n`);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
