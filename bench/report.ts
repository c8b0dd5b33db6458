import os from 'node:os';
import type { BenchReport, MixedReport } from './suite.ts';
import { floorSection, startupSection } from './report-floor.ts';
import { upkeepSection } from './report-upkeep.ts';
import type { MassReport } from './mass.ts';
import { fmt } from './stats.ts';

export function machineLine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loads(os.loadavg())}`;
}

const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');

/** The issue's mixed-workload targets: SQLite > 1,200 req/s with p99 < 100 ms; PostgreSQL > 800 req/s with two workers. */
function mixedTarget(engine: string, m: MixedReport): { text: string; ok: boolean } | null {
  if (m.workers < 2) return null;
  if (engine === 'sqlite') return { text: '> 1,200 req/s, p99 < 100 ms', ok: m.result.requestsPerSecond > 1200 && m.result.stats.p99 < 100 };
  return { text: '> 800 req/s', ok: m.result.requestsPerSecond > 800 };
}

function workloadLines(r: BenchReport): string[] {
  if (!r.workloads.length && !r.skipped.length) return [];
  const lines = [
    '#### Single-client workloads, API beside the raw SQL',
    '',
    '| workload | API p50 / p95 / p99 ms | API ops/s | raw p50 / p95 / p99 ms | API/raw (p50) | added ms (p50) | target | met | load avg |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const w of r.workloads) {
    const ratio = w.raw.p50 > 0 ? w.api.p50 / w.raw.p50 : NaN;
    const [target, ok] = w.targetP50Ms !== undefined ? [`p50 < ${w.targetP50Ms}`, w.api.p50 < w.targetP50Ms] : w.targetP95Ms !== undefined ? [`p95 < ${w.targetP95Ms}`, w.api.p95 < w.targetP95Ms] : ['–', null];
    const p95Range = w.rounds && w.rounds.api.length > 1 ? ` (${fmt(Math.min(...w.rounds.api.map((a) => a.p95)))}-${fmt(Math.max(...w.rounds.api.map((a) => a.p95)))})` : '';
    lines.push(
      `| ${w.name} | ${fmt(w.api.p50)} / ${fmt(w.api.p95)}${p95Range} / ${fmt(w.api.p99)} | ${w.api.throughput.toFixed(0)} | ${fmt(w.raw.p50)} / ${fmt(w.raw.p95)} / ${fmt(w.raw.p99)} | ${Number.isFinite(ratio) ? ratio.toFixed(0) : '–'}x | ${fmt(w.api.p50 - w.raw.p50)} | ${target} | ${ok === null ? '' : ok ? 'yes' : '**no**'} | ${w.loadavg.toFixed(2)} |`,
    );
  }
  const rounds = r.workloads.find((w) => w.rounds)?.rounds?.api.length;
  if (rounds) lines.push('', `Each figure is the median of ${rounds} rounds (the list run again in order); the p95 range of the rounds in parentheses.`);
  if (r.engine !== 'sqlite' && r.workloads.some((w) => w.name.startsWith('search.'))) lines.push('', 'Targets shown are those on SQLite; on PostgreSQL the search targets are within 2x (p95 < 30 ms, fuzzy < 50 ms).');
  for (const s of r.skipped) lines.push('', `Skipped ${s}.`);
  return lines;
}

function mixedLines(r: BenchReport): string[] {
  if (!r.mixed.length) return [];
  const lines = [
    '#### Mixed workload (80% read / 20% write)',
    '',
    '| workers | clients | req/s | p50 / p95 / p99 ms | errors | consistency | peak anon RSS per worker, MB | peak RSS of a worker, MB (anon + file) | load avg | target | met |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const m of r.mixed) {
    const c = m.consistency;
    const mem = m.memory ? `${m.memory.rssMb.toFixed(0)} (${m.memory.anonMb.toFixed(0)} + ${m.memory.fileMb.toFixed(0)})` : '–';
    const t = mixedTarget(r.engine, m);
    const ok = t && t.ok && m.result.errors === 0 && c.ok;
    lines.push(
      `| ${m.workers} | ${m.clients} | ${m.result.requestsPerSecond.toFixed(0)} | ${fmt(m.result.stats.p50)} / ${fmt(m.result.stats.p95)} / ${fmt(m.result.stats.p99)} | ${m.result.errors} | ${c.ok ? 'ok' : '**FAILED**'}: ${c.createdAnswered} creates answered 201, ${c.createdFound} found, ${c.duplicates} doubled, ${c.missing} lost; ${c.updatesChecked - c.updatesWrong}/${c.updatesChecked} versions right | ${m.memory?.anonPerWorkerMb.toFixed(0) ?? '–'} | ${mem} | ${m.loadavg.toFixed(2)} | ${t ? `${t.text}, 0 errors, consistent` : '–'} | ${t ? (ok ? 'yes' : '**no**') : ''} |`,
    );
  }
  return lines;
}

/** One Markdown section per run: Kontor beside the floor, start-up and memory, the single-client table, the mixed runs. */
export function toMarkdown(r: BenchReport, note: string): string {
  const sections = [
    [
      `### ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.contacts.toLocaleString('en')} contacts (${r.startedAt.slice(0, 16).replace('T', ' ')} UTC)`,
      '',
      `Machine: ${machineLine().replace(/, load average .*$/, '')}; load average ${loads(r.loadavg.start)} at the start, ${loads(r.loadavg.end)} at the end. ${note}`,
    ],
    floorSection(r.floor, r.engine),
    startupSection(r.startup, r.firstStart, r.engine),
    workloadLines(r),
    mixedLines(r),
    upkeepSection(r.upkeep, r.engine),
    massSection(r.mass),
  ];
  return sections
    .filter((s) => s.length)
    .map((s) => s.join('\n'))
    .join('\n\n');
}

/** Part `mass`: the mass actions and the export beside their targets. */
function massSection(m: MassReport | null): string[] {
  if (!m) return [];
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–');
  return [
    `### Mass actions and export (${m.selected.toLocaleString('en')} contacts)`,
    '',
    '| operation | time | target |',
    '|---|---|---|',
    `| add two tags (one job per owner) | ${s(m.addTagsMs)} | |`,
    `| transfer owner (one job) | ${s(m.transferMs)} | < 5 s for 100,000 |`,
    `| transfer back (one job per owner) | ${s(m.transferBackMs)} | |`,
    `| remove the tags | ${s(m.removeTagsMs)} | |`,
    `| export ${m.exportRows.toLocaleString('en')} contacts to CSV (${(m.exportBytes / 1e6).toFixed(0)} MB) | ${s(m.exportMs)}; peak RSS ${m.exportPeak?.rssMb.toFixed(0) ?? '?'} MB (idle ${m.idle?.rssMb.toFixed(0) ?? '?'} MB) | < 20 s, flat memory |`,
  ];
}
