import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open.ts';
import { seedScale } from '../apps/server/src/cli/seed-scale.ts';
import type { Target } from './raw.ts';
import { machineLine, toMarkdown } from './report.ts';
import { runBench } from './suite.ts';
import { workloads } from './workloads.ts';

const usage = `npm run bench -- [options]
  --engine sqlite|postgres   (default sqlite; postgres uses DATABASE_URL or --url)
  --data DIR                 SQLite data directory holding a seeded kontor.sqlite (default /work/bench-data/sqlite-1m)
  --url URL --schema S       PostgreSQL database and schema holding a seeded data set
  --seed N                   seed N contacts first into --data / --schema (must be empty)
  --workloads a,b            single-client workloads to run (default all: ${workloads.map((w) => w.name).join(', ')})
  --duration S               seconds per workload (default 5), --warmup S (default 1)
  --mixed S                  seconds of the mixed workload (default 20; 0 skips it), --clients N (default 32)
  --two-processes            PostgreSQL: also run the mixed workload on two processes behind a round-robin
  --out FILE                 append the Markdown result to FILE; --json FILE writes the raw figures`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'sqlite' }, data: { type: 'string' }, url: { type: 'string' }, schema: { type: 'string' }, seed: { type: 'string' },
      workloads: { type: 'string' }, duration: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' }, mixed: { type: 'string', default: '20' },
      clients: { type: 'string', default: '32' }, 'two-processes': { type: 'boolean' }, out: { type: 'string' }, json: { type: 'string' }, note: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(usage);
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
  const mixedSeconds = Number(values.mixed);
  const report = await runBench({
    target,
    only: values.workloads?.split(','),
    warmupMs: Number(values.warmup) * 1000,
    durationMs: Number(values.duration) * 1000,
    mixed: mixedSeconds > 0 ? { clients: Number(values.clients), durationMs: mixedSeconds * 1000 } : null,
    twoProcesses: values['two-processes'],
    log: (l) => console.log(l),
  });
  const md = toMarkdown(report, values.note ?? `Warm-up: ${values.warmup} s of each workload before measuring ${values.duration} s, one client, keep-alive.`);
  console.log(`\n${md}\n`);
  if (values.out) fs.appendFileSync(values.out, `\n${md}\n`);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
