import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createTokens } from './context.ts';
import { measureChecks } from './duplicates-checks.ts';
import { loadDrafts } from './duplicates-drafts.ts';
import { measureMerges } from './duplicates-merge.ts';
import { measureRebuilds } from './duplicates-rebuild.ts';
import { toDuplicatesMarkdown, type DuplicatesBenchReport } from './duplicates-report.ts';
import { Client } from './http.ts';
import { kontorArgv, runMeasured } from './import-run.ts';
import { openRaw, type Target } from './raw.ts';
import { machineLine } from './report.ts';
import { serverEnv, startServer } from './server.ts';

const parts = ['rebuild', 'checks', 'merge'] as const;
type Part = (typeof parts)[number];

const usage = `npm run bench -- duplicates [options]     issue #16 at scale: the check on entry, the rebuild, merge and undo

Target (a data set seeded with \`kontor seed --scale N\`)
  --engine sqlite|postgres   default sqlite; postgres uses --url or DATABASE_URL
  --data DIR                 SQLite data directory holding a seeded kontor.sqlite (default /work/bench-data/sqlite-1m)
  --url URL --schema S       PostgreSQL database and schema holding a seeded data set (or DATABASE_URL, DATABASE_SCHEMA)
  --workers N                KONTOR_WORKERS of the server (default 1)
  --parts a,b                one or more of ${parts.join(', ')} (default all, in that order; the rebuild runs before the server starts)

Check on entry (POST /api/v1/contacts/duplicates/check, as a salesperson and the admin, beside the raw holder lookup)
  --drafts N                 drafts per kind drawn from the data set (default 200): e-mail in another case, phone in another
                             format, a name spelt with a letter dropped or doubled in the same account, a draft matching nothing
  --warmup S                 every kind as both users and on the floor in turn, unmeasured (default 10)
  --rounds N                 interleaved rounds (default 3)
  --checks N                 checks per kind, user and round (default 200)

Rebuild (kontor duplicates rebuild as a child process, both modules and --module contacts alone)
  --rebuilds N               rounds (default 2; 0 skips)

Merge (3 fresh contacts in one account with related records each, made through the API; merge, then undo)
  --merges N                 measured rounds (default 10; 0 skips); --merge-warmup N unmeasured rounds first (default 1)
  --related N                related records per contact: deals, activities and notes in turn (default 100)
  --merge-as sales|admin     who merges (default sales: edit on the survivor, delete on the others, as most users)
  --parallel N               requests in flight while preparing and cleaning up (default 4)
  --keep                     leave the records the merge rounds made (no clean-up; deleting and purging them through the
                             API takes ~0.6 s per deal or contact at 1M: each purge scans the activities and deals)

Output
  --out FILE                 append the Markdown result to FILE
  --json FILE                write the raw figures
  --note TEXT                a sentence for the report's header`;

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      engine: { type: 'string', default: 'sqlite' }, data: { type: 'string' }, url: { type: 'string' }, schema: { type: 'string' }, workers: { type: 'string', default: '1' },
      parts: { type: 'string' }, drafts: { type: 'string', default: '200' }, warmup: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' },
      checks: { type: 'string', default: '200' }, rebuilds: { type: 'string', default: '2' }, merges: { type: 'string', default: '10' }, 'merge-warmup': { type: 'string', default: '1' },
      related: { type: 'string', default: '100' }, 'merge-as': { type: 'string', default: 'sales' }, parallel: { type: 'string', default: '4' }, keep: { type: 'boolean' },
      out: { type: 'string' }, json: { type: 'string' }, note: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(usage);
  const whole = (name: keyof typeof values, min: number) => {
    const x = Number(values[name]);
    if (!Number.isInteger(x) || x < min) throw new Error(`--${name}: a whole number from ${min}`);
    return x;
  };
  const chosen = (values.parts ?? parts.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of chosen) if (!parts.includes(p as Part)) throw new Error(`--parts: unknown part ${p} (${parts.join(', ')})`);
  if (values['merge-as'] !== 'sales' && values['merge-as'] !== 'admin') throw new Error('--merge-as: sales or admin');
  const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
  const target: Target =
    engine === 'sqlite'
      ? { engine, dataDir: path.resolve(values.data ?? '/work/bench-data/sqlite-1m') }
      : { engine, url: values.url ?? process.env.DATABASE_URL, schema: values.schema ?? (process.env.DATABASE_SCHEMA || null) };
  if (engine === 'postgres' && !target.url) throw new Error('--engine postgres needs --url or DATABASE_URL');
  if (engine === 'sqlite' && !fs.existsSync(path.join(target.dataDir ?? '', 'kontor.sqlite'))) throw new Error(`${target.dataDir}: no kontor.sqlite; seed it first (DATA_DIR=... npx kontor seed --scale N)`);
  const report = await runDuplicatesBench({
    target,
    parts: chosen as Part[],
    workers: whole('workers', 1),
    drafts: whole('drafts', 1),
    checks: { warmupMs: Number(values.warmup) * 1000, rounds: whole('rounds', 1), checks: whole('checks', 1) },
    rebuilds: whole('rebuilds', 0),
    merge: { rounds: whole('merges', 0), warmup: whole('merge-warmup', 0), related: whole('related', 1), parallel: whole('parallel', 1), as: values['merge-as'], keep: Boolean(values.keep) },
    log: (l) => console.log(l),
  });
  const md = toDuplicatesMarkdown(report, values.note ?? '');
  console.log(`\n${md}\n`);
  if (values.out) fs.appendFileSync(values.out, `\n${md}\n`);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2));
}

export interface DuplicatesBenchOptions {
  target: Target;
  parts: Part[];
  workers: number;
  drafts: number;
  checks: { warmupMs: number; rounds: number; checks: number };
  rebuilds: number;
  merge: { rounds: number; warmup: number; related: number; parallel: number; as: 'sales' | 'admin'; keep?: boolean };
  log: (line: string) => void;
}

export async function runDuplicatesBench(o: DuplicatesBenchOptions): Promise<DuplicatesBenchReport> {
  const log = o.log;
  const startedAt = new Date().toISOString();
  const loadStart = os.loadavg();
  const machine = machineLine();
  log(`machine: ${machine}`);
  const env = serverEnv(o.target);
  // Not timed: the build of the server when a source is newer than it, and migrations the data set lacks.
  const migrated = await runMeasured(kontorArgv(['migrate']), env);
  if (migrated.code !== 0) throw new Error(`kontor migrate failed (exit ${migrated.code}):\n${migrated.stdout}${migrated.stderr}`);
  const builtEnv = { ...env, KONTOR_NO_BUILD: '1' };

  const raw = await openRaw(o.target);
  try {
    const count = async (table: string) => Number((await raw.all(`select count(*) as n from ${table} where deleted_at is null`))[0]?.n ?? 0);
    const report: DuplicatesBenchReport = {
      engine: o.target.engine,
      where: o.target.dataDir ?? `${o.target.url?.replace(/\/\/[^@/]*@/, '//…@')} schema ${o.target.schema ?? '(default)'}`,
      contacts: await count('contacts'),
      accounts: await count('accounts'),
      startedAt,
      machine,
      workers: o.workers,
      loadavg: { start: loadStart, end: [] },
      settings: '',
      checks: null,
      rebuild: null,
      merge: null,
      mergeAs: o.merge.as === 'sales' ? 'salesperson' : 'administrator',
    };
    log(`${report.contacts} contacts, ${report.accounts} accounts in ${report.where}`);
    const settings: string[] = [];
    if (o.parts.includes('rebuild') && o.rebuilds > 0) {
      report.rebuild = await measureRebuilds(builtEnv, o.rebuilds, log);
      settings.push(`rebuild: ${o.rebuilds} round(s) of both scopes`);
    }
    const serverParts = o.parts.filter((p) => p === 'checks' || (p === 'merge' && o.merge.rounds > 0));
    if (serverParts.length) {
      const tokens = await createTokens(o.target);
      const server = await startServer(o.target, { KONTOR_WORKERS: String(o.workers), KONTOR_NO_BUILD: '1' });
      const sales = new Client([server.url], tokens.sales);
      const admin = new Client([server.url], tokens.admin);
      const prep = new Client([server.url], o.merge.as === 'sales' ? tokens.sales : tokens.admin, o.merge.parallel);
      const cleanupClient = new Client([server.url], tokens.admin, o.merge.parallel);
      try {
        log(`server up in ${server.startupMs.toFixed(0)} ms (${o.workers} worker(s))`);
        if (serverParts.includes('checks')) {
          const drafts = await loadDrafts(raw, o.drafts);
          report.checks = await measureChecks({ sales, admin }, raw, drafts, { ...o.checks, log });
          settings.push(`checks: ${o.drafts} drafts per kind, warm-up ${o.checks.warmupMs / 1000} s, ${o.checks.rounds} round(s) of ${o.checks.checks} per kind and user`);
        }
        if (serverParts.includes('merge')) {
          const merger = o.merge.as === 'sales' ? sales : admin;
          report.merge = await measureMerges({ merger, prep, admin: cleanupClient }, raw, {
            rounds: o.merge.rounds,
            warmup: o.merge.warmup,
            related: o.merge.related,
            parallel: o.merge.parallel,
            keep: o.merge.keep,
            runId: Date.now().toString(36),
            log,
          });
          settings.push(`merge: ${o.merge.warmup} warm-up + ${o.merge.rounds} round(s), ${o.merge.related} related records per contact`);
        }
      } finally {
        for (const c of [sales, admin, prep, cleanupClient]) c.close();
        await server.stop();
      }
    }
    report.settings = settings.length ? `Settings: ${settings.join('; ')}.` : '';
    report.loadavg.end = os.loadavg();
    return report;
  } finally {
    await raw.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
