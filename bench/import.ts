import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { checkImport, countCsvRecords } from './import-check.ts';
import { readSummary, writeImportData, type ImportDataSummary } from './import-data.ts';
import { toImportMarkdown, type EngineReport, type ExportRuns, type ImportBenchReport, type ImportEngine } from './import-report.ts';
import { kontorArgv, runMeasured, templateArgv, type CommandResult } from './import-run.ts';
import type { Target } from './raw.ts';
import { machineLine } from './report.ts';
import { serverEnv } from './server.ts';

const usage = `npm run bench -- import [options]      \`kontor import\` of a generated contacts CSV, and \`kontor export\` of the result

Data (bench/import-data.ts; deterministic, reused when FILE.json beside it matches)
  --rows N               rows of the generated file (default 1,000,000)
  --file FILE            a file bench/import-data.ts wrote (its FILE.json holds what a correct import stores)
  --dir DIR              where the file and the SQLite data directories go (default ${os.tmpdir()})
  --seed S               generator seed (default 15)

Runs
  --engines a,b          sqlite, postgres (default both; postgres uses --url or DATABASE_URL)
  --url URL              PostgreSQL; each run gets a fresh schema, dropped afterwards
  --rounds N             imports per engine, each into a fresh database (default 1; the report shows the median)
  --dedupe MODE          skip | update (default skip)
  --export-rounds N      exports of the last import's data per engine (default 3; 0 skips the export)
  --keep                 keep the databases (their location is printed)

Stand-ins (to try the harness before \`kontor import\` exists; run by sh with DATA_DIR / DATABASE_URL set)
  --command CMD          instead of kontor import: {file} {module} {dedupe} are replaced, e.g. --command 'node x.mjs {file}'
  --export-command CMD   instead of kontor export: {out} is replaced

Output
  --out FILE             append the Markdown result to FILE
  --json FILE            write the raw figures
  --note TEXT            a sentence for the report's header

Exit status 1 when any import or export failed or stored the wrong thing.`;

const adminEmail = 'import-bench@kontor.test';

interface Fresh {
  target: Target;
  env: NodeJS.ProcessEnv;
  where: string;
  dispose(): Promise<void>;
}

/** A fresh SQLite data directory or PostgreSQL schema, migrated, with one administrator (the import's user). */
async function freshDatabase(engine: ImportEngine, dir: string, url: string | undefined, log: (l: string) => void): Promise<Fresh> {
  let target: Target;
  let dispose: () => Promise<void>;
  if (engine === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(dir, 'kontor-import-sqlite-'));
    target = { engine, dataDir };
    dispose = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  } else {
    if (!url) throw new Error('postgres needs --url or DATABASE_URL');
    const schema = `bench_import_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    target = { engine, url, schema };
    dispose = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  const env = serverEnv(target);
  // Not timed: the schema migrations, and the build of the server when a source is newer than it.
  for (const args of [['migrate'], ['user', 'create', '--email', adminEmail, '--password', 'import-bench-password-1', '--role', 'admin', '--name', 'Import bench']]) {
    const r = await runMeasured(kontorArgv(args), env);
    if (r.code !== 0) {
      await dispose();
      throw new Error(`kontor ${args[0]} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    }
  }
  const where = target.dataDir ?? `${url} schema ${target.schema}`;
  log(`${engine}: fresh database ${where}`);
  // Measured runs use that build as it is; kontor import prints its own peak RSS at exit (import-run.ts).
  return { target, env: { ...env, KONTOR_NO_BUILD: '1', KONTOR_REPORT_PEAK_RSS: '1' }, where, dispose };
}

const lastLine = (s: string) => s.trim().split('\n').filter(Boolean).at(-1)?.trim() ?? '';
/** The summary kontor import prints ("Import 12 done in 41.0 s: 1000000 rows, ..."), else the command's last line. */
const summaryOf = (r: CommandResult) => /^(?:Dry run of import|Import) .*$/m.exec(r.stdout)?.[0] ?? (lastLine(r.stdout) || lastLine(r.stderr));

async function contactsIn(target: Target): Promise<number> {
  const { openRaw } = await import('./raw.ts');
  const raw = await openRaw(target);
  try {
    return Number((await raw.all('select count(*) as n from contacts where deleted_at is null'))[0]?.n ?? 0);
  } finally {
    await raw.close();
  }
}

interface Options {
  data: ImportDataSummary;
  engines: ImportEngine[];
  dir: string;
  url: string | undefined;
  rounds: number;
  exportRounds: number;
  dedupe: string;
  command: string | undefined;
  exportCommand: string | undefined;
  keep: boolean;
  log: (line: string) => void;
}

function describeRun(what: string, r: CommandResult): string {
  const m = r.memory;
  return `${what}: exit ${r.code} in ${(r.ms / 1000).toFixed(1)} s; peak RSS ${m.peakRssMb.toFixed(0)} MB (anon ${m.peakAnonMb.toFixed(0)} + file ${m.fileAtPeakAnonMb.toFixed(0)}), quarters ${m.rssAtQuarterMb.map((x) => x.toFixed(0)).join('/')} MB; load ${r.loadavg.toFixed(2)}`;
}

async function exportRuns(o: Options, fresh: Fresh): Promise<ExportRuns> {
  const argvTo = (out: string) => (o.exportCommand ? templateArgv(o.exportCommand, { out, module: 'contacts' }) : kontorArgv(['export', '--module', 'contacts', '--format', 'csv', '--out', out]));
  const contacts = await contactsIn(fresh.target);
  const rounds: CommandResult[] = [];
  for (let k = 0; k < o.exportRounds; k++) {
    const r = await runMeasured(argvTo('/dev/null'), fresh.env);
    o.log(describeRun(`${fresh.target.engine} export ${k + 1}`, r));
    if (r.code !== 0) o.log(r.stderr.slice(-2000));
    rounds.push(r);
    if (r.code !== 0) break;
  }
  let verifiedRecords: number | null = null;
  if (rounds.every((r) => r.code === 0)) {
    const file = path.join(o.dir, `kontor-import-export-${process.pid}.csv`);
    try {
      const r = await runMeasured(argvTo(file), fresh.env);
      if (r.code === 0 && fs.existsSync(file)) verifiedRecords = await countCsvRecords(file);
      o.log(`${fresh.target.engine} export check: ${verifiedRecords ?? '?'} records (header included) for ${contacts} contacts`);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  const ok = rounds.every((r) => r.code === 0) && verifiedRecords === contacts + 1;
  return { contacts, rounds, verifiedRecords, ok };
}

export async function runImportBench(o: Options): Promise<ImportBenchReport> {
  const file = o.data.file;
  const argv = o.command
    ? templateArgv(o.command, { file, module: 'contacts', dedupe: o.dedupe })
    : kontorArgv(['import', file, '--module', 'contacts', '--dedupe', o.dedupe]);
  const report: ImportBenchReport = {
    startedAt: new Date().toISOString(),
    loadavg: { start: os.loadavg(), end: [] },
    data: o.data,
    command: o.command ?? `kontor import FILE --module contacts --dedupe ${o.dedupe}`,
    exportCommand: o.exportCommand ?? 'kontor export --module contacts --format csv --out /dev/null',
    engines: [],
  };
  // The file is read once first, so every run finds it in the page cache alike (this machine evicts idle cache).
  for await (const _ of fs.createReadStream(file, { highWaterMark: 1 << 20 })) void _;
  for (const engine of o.engines) {
    const er: EngineReport = { engine, imports: [], exports: null };
    report.engines.push(er);
    for (let k = 0; k < o.rounds; k++) {
      const fresh = await freshDatabase(engine, o.dir, o.url, o.log);
      const last = k === o.rounds - 1;
      try {
        const result = await runMeasured(argv, fresh.env, { log: o.log });
        o.log(describeRun(`${engine} import ${k + 1}`, result));
        if (result.code !== 0) o.log(`${result.stdout.slice(-2000)}${result.stderr.slice(-4000)}`);
        const check = await checkImport(fresh.target, o.data, o.dedupe === 'update' ? 'update' : 'skip');
        o.log(`${engine} check: ${check.ok ? 'ok' : 'FAILED'}; ${check.items.map((i) => `${i.what} ${i.actual}${i.ok ? '' : ` (expected ${i.expected})`}`).join(', ')}`);
        er.imports.push({ result, check, summaryLine: summaryOf(result) });
        if (last && o.exportRounds > 0 && result.code === 0) er.exports = await exportRuns(o, fresh);
      } finally {
        if (o.keep) o.log(`${engine}: kept ${fresh.where}`);
        else await fresh.dispose();
      }
    }
  }
  report.loadavg.end = os.loadavg();
  return report;
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string', default: '1000000' }, file: { type: 'string' }, dir: { type: 'string', default: os.tmpdir() }, seed: { type: 'string', default: '15' },
      engines: { type: 'string', default: 'sqlite,postgres' }, url: { type: 'string' }, rounds: { type: 'string', default: '1' }, dedupe: { type: 'string', default: 'skip' },
      'export-rounds': { type: 'string', default: '3' }, keep: { type: 'boolean' }, command: { type: 'string' }, 'export-command': { type: 'string' },
      out: { type: 'string' }, json: { type: 'string' }, note: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(usage);
  const whole = (name: string, v: string, min: number) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < min) throw new Error(`--${name}: a whole number from ${min}`);
    return x;
  };
  const engines = values.engines.split(',').map((s) => s.trim()).filter(Boolean);
  for (const e of engines) if (e !== 'sqlite' && e !== 'postgres') throw new Error(`--engines: unknown engine ${e} (sqlite, postgres)`);
  // With create, in-file duplicates become contacts of their own: the check knows skip and update (the same records).
  if (values.dedupe !== 'skip' && values.dedupe !== 'update') throw new Error('--dedupe: skip or update');
  const url = values.url ?? process.env.DATABASE_URL;
  if (engines.includes('postgres') && !url) throw new Error('postgres needs --url or DATABASE_URL (or --engines sqlite)');
  const dir = path.resolve(values.dir);
  fs.mkdirSync(dir, { recursive: true });
  const log = (l: string) => console.log(l);

  let data: ImportDataSummary | null;
  if (values.file) {
    data = readSummary(path.resolve(values.file));
    if (!data) throw new Error(`${values.file}: no matching ${values.file}.json beside it; write the file with bench/import-data.ts`);
  } else {
    const spec = { rows: whole('rows', values.rows, 1), seed: whole('seed', values.seed, 0) };
    const file = path.join(dir, `kontor-import-${spec.rows}-s${spec.seed}.csv`);
    data = readSummary(file, spec);
    if (data) log(`reusing ${file}`);
    else {
      log(`writing ${file}`);
      data = await writeImportData(file, spec, { log });
    }
  }
  console.log(`machine: ${machineLine()}`);
  const report = await runImportBench({
    data, engines: engines as ImportEngine[], dir, url, rounds: whole('rounds', values.rounds, 1), exportRounds: whole('export-rounds', values['export-rounds'], 0),
    dedupe: values.dedupe, command: values.command, exportCommand: values['export-command'], keep: Boolean(values.keep), log,
  });
  const md = toImportMarkdown(report, values.note ?? '');
  console.log(`\n${md}\n`);
  if (values.out) fs.appendFileSync(values.out, `\n${md}\n`);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2));
  const failed = report.engines.some((e) => e.imports.some((i) => !i.check.ok || i.result.code !== 0) || (e.exports !== null && !e.exports.ok));
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
