import type { ImportCheck } from './import-check.ts';
import type { ImportDataSummary } from './import-data.ts';
import type { CommandResult, RunMemory } from './import-run.ts';
import { machineLine } from './report.ts';

export type ImportEngine = 'sqlite' | 'postgres';

export interface ImportRun {
  result: CommandResult;
  check: ImportCheck;
  /** The last line the command printed (its summary). */
  summaryLine: string;
}

export interface ExportRuns {
  contacts: number;
  rounds: CommandResult[];
  /** Records in a verification export written to a file (header included), beside the live contacts. */
  verifiedRecords: number | null;
  ok: boolean;
}

export interface EngineReport {
  engine: ImportEngine;
  imports: ImportRun[];
  exports: ExportRuns | null;
}

export interface ImportBenchReport {
  startedAt: string;
  loadavg: { start: number[]; end: number[] };
  data: ImportDataSummary;
  command: string;
  exportCommand: string;
  engines: EngineReport[];
}

/** The issue's targets: 1,000,000 rows into SQLite < 60 s, into PostgreSQL < 90 s, memory flat under 500 MB RSS. */
export const importTargets: Record<ImportEngine, { seconds: number; rssMb: number }> = { sqlite: { seconds: 60, rssMb: 500 }, postgres: { seconds: 90, rssMb: 500 } };
export const targetRows = 1_000_000;

const n = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const engineName = (e: ImportEngine) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Median time with the range of the rounds; memory as the worst round. */
function timeCell(results: CommandResult[]): string {
  const ms = results.map((r) => r.ms);
  return results.length > 1 ? `${seconds(median(ms))} (${seconds(Math.min(...ms))}-${seconds(Math.max(...ms))})` : seconds(ms[0] ?? NaN);
}

function worstMemory(results: CommandResult[]): RunMemory | undefined {
  return [...results].sort((a, b) => b.memory.peakRssMb - a.memory.peakRssMb)[0]?.memory;
}

const memoryCell = (m: RunMemory | undefined) => (m ? `${n(m.peakRssMb)} (${n(m.peakAnonMb)} + ${n(m.fileAtPeakAnonMb)})` : '–');
const curveCell = (m: RunMemory | undefined) => (m ? m.rssAtQuarterMb.map(n).join(' / ') : '–');

function checkCell(check: ImportCheck, result: CommandResult): string {
  if (result.code !== 0) return `**FAILED**: exit ${result.code}`;
  if (check.ok) {
    const c = check.items.find((i) => i.what === 'contacts');
    const a = check.items.find((i) => i.what === 'accounts');
    return `ok: ${n(Number(c?.actual))} contacts, ${n(Number(a?.actual))} accounts`;
  }
  const bad = check.items.filter((i) => !i.ok);
  const first = bad[0];
  const value = (v: number | string) => (typeof v === 'number' ? n(v) : v);
  return `**FAILED**: ${first ? `${first.what} ${value(first.actual)} (expected ${value(first.expected)})` : ''}${bad.length > 1 ? `, ${bad.length - 1} more below` : ''}`;
}

export function toImportMarkdown(r: ImportBenchReport, note: string): string {
  const d = r.data;
  const rounds = Math.max(...r.engines.map((e) => e.imports.length), 0);
  const lines = [
    `### Import of ${n(d.rows)} contacts from CSV (${r.startedAt.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Machine: ${machineLine().replace(/, load average .*$/, '')}; load average ${loads(r.loadavg.start)} at the start, ${loads(r.loadavg.end)} at the end. ${note}`,
    '',
    `File: ${n(d.rows)} rows, ${(d.bytes / 1e6).toFixed(0)} MB, Outlook's English layout (\`bench/import-data.ts\`, seed ${d.seed}): ${n(d.distinctCompanies)} companies, two e-mails and two phones per row, 0-3 tags, a two-line note every 50th row; ${n(d.duplicatesExact)} rows repeat an earlier row and ${n(d.duplicatesUpperCase)} repeat one with upper-cased e-mails, so ${n(d.expectedContacts)} contacts. Read once before the runs (in the page cache). Command: \`${r.command}\`, each run on a fresh database (migrated, one administrator created, not timed). ${rounds > 1 ? `Median of ${rounds} runs per engine, range in parentheses; memory of the worst run.` : 'One run per engine (a 1M import is too long to repeat on a shared machine).'}`,
    '',
    '| engine | rows | time | rows/s | peak RSS, MB (anon + file at the anon peak) | RSS at 25 / 50 / 75 / 100% of the run, MB | check | target | met | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const e of r.engines) {
    if (!e.imports.length) continue;
    const results = e.imports.map((i) => i.result);
    const ms = median(results.map((x) => x.ms));
    const mem = worstMemory(results);
    const t = importTargets[e.engine];
    const failed = e.imports.find((i) => !i.check.ok || i.result.code !== 0) ?? e.imports[0];
    const ok = e.imports.every((i) => i.check.ok && i.result.code === 0);
    const met = d.rows < targetRows ? `– (${n(d.rows)} rows)` : ok && ms < t.seconds * 1000 && (mem?.peakRssMb ?? Infinity) < t.rssMb ? 'yes' : '**no**';
    lines.push(
      `| ${engineName(e.engine)} | ${n(d.rows)} | ${timeCell(results)} | ${n((d.rows * 1000) / ms)} | ${memoryCell(mem)} | ${curveCell(mem)} | ${failed ? checkCell(failed.check, failed.result) : '–'} | < ${t.seconds} s for 1M, < ${t.rssMb} MB | ${met} | ${loads(results.map((x) => x.loadavg))} |`,
    );
  }
  for (const e of r.engines) {
    for (const [k, i] of e.imports.entries()) {
      lines.push('', `${engineName(e.engine)}${e.imports.length > 1 ? ` run ${k + 1}` : ''}: the command printed "${i.summaryLine}".`);
      const bad = i.check.items.filter((x) => !x.ok);
      if (bad.length) lines.push('', ...bad.map((x) => `- ${x.what}: expected ${x.expected}; stored: ${x.actual}`));
    }
  }
  const exports = r.engines.filter((e) => e.exports && e.exports.rounds.length);
  if (exports.length) {
    lines.push(
      '',
      `#### Export of the imported contacts (\`${r.exportCommand}\`)`,
      '',
      '| engine | contacts | time | rows/s | peak RSS, MB (anon + file at the anon peak) | RSS at 25 / 50 / 75 / 100%, MB | check | load avg |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const e of exports) {
      const x = e.exports as ExportRuns;
      const ms = median(x.rounds.map((q) => q.ms));
      const mem = worstMemory(x.rounds);
      const bad = x.rounds.find((q) => q.code !== 0);
      const check = bad ? `**FAILED**: exit ${bad.code}` : x.verifiedRecords === null ? 'exit 0 (not verified)' : x.ok ? `ok: ${n(x.verifiedRecords - 1)} records written` : `**FAILED**: ${n(x.verifiedRecords - 1)} records written`;
      lines.push(`| ${engineName(e.engine)} | ${n(x.contacts)} | ${timeCell(x.rounds)} | ${n((x.contacts * 1000) / ms)} | ${memoryCell(mem)} | ${curveCell(mem)} | ${check} | ${loads(x.rounds.map((q) => q.loadavg))} |`);
    }
    const rounds = Math.max(...exports.map((e) => e.exports?.rounds.length ?? 0));
    lines.push('', `${rounds > 1 ? `Median of ${rounds} exports, range in parentheses` : 'One export'}; each to /dev/null, then one more to a file whose records are counted (quote-aware) against the live contacts (not timed).`);
  }
  return lines.join('\n');
}
