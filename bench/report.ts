import os from 'node:os';
import type { BenchReport } from './suite.ts';
import { fmt } from './stats.ts';

export function machineLine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

/** One Markdown section per run: the single-client table (API beside the raw floor) and the mixed runs. */
export function toMarkdown(r: BenchReport, note: string): string {
  const lines = [
    `### ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.contacts.toLocaleString('en')} contacts (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Machine: ${machineLine()}. ${note}`,
    '',
    `Start-up (spawn to first answered request): ${fmt(r.startupMs)} ms; first contacts page after that: ${fmt(r.firstPageMs)} ms. Idle RSS ${r.idleMemory ? `${r.idleMemory.rssMb.toFixed(0)} MB (anon ${r.idleMemory.anonMb.toFixed(0)}, file ${r.idleMemory.fileMb.toFixed(0)})` : '–'}.`,
    '',
    '| workload | API p50 / p95 / p99 ms | API ops/s | raw p50 / p95 / p99 ms | API/raw (p50) | added ms (p50) | target p95 | met |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const w of r.workloads) {
    const ratio = w.raw.p50 > 0 ? w.api.p50 / w.raw.p50 : NaN;
    const met = w.targetP95Ms === undefined ? '' : w.api.p95 < w.targetP95Ms ? 'yes' : '**no**';
    lines.push(
      `| ${w.name} | ${fmt(w.api.p50)} / ${fmt(w.api.p95)} / ${fmt(w.api.p99)} | ${w.api.throughput.toFixed(0)} | ${fmt(w.raw.p50)} / ${fmt(w.raw.p95)} / ${fmt(w.raw.p99)} | ${Number.isFinite(ratio) ? ratio.toFixed(0) : '–'}x | ${fmt(w.api.p50 - w.raw.p50)} | ${w.targetP95Ms === undefined ? '–' : `< ${w.targetP95Ms}`} | ${met} |`,
    );
  }
  if (r.mixed.length) {
    lines.push('', '| mixed (80% read / 20% write) | clients | req/s | p50 / p95 / p99 ms | errors | consistency | peak RSS MB (anon + file) |', '|---|---|---|---|---|---|---|');
    for (const m of r.mixed) {
      const c = m.consistency;
      const mem = m.memory ? `${m.memory.rssMb.toFixed(0)} (${m.memory.anonMb.toFixed(0)} + ${m.memory.fileMb.toFixed(0)})` : '–';
      lines.push(`| ${m.processes === 1 ? '1 process' : `${m.processes} processes, round-robin`} | ${m.clients} | ${m.result.requestsPerSecond.toFixed(0)} | ${fmt(m.result.stats.p50)} / ${fmt(m.result.stats.p95)} / ${fmt(m.result.stats.p99)} | ${m.result.errors} | ${c.ok ? 'ok' : '**FAILED**'}: ${c.createdAnswered} creates answered 201, ${c.createdFound} found, ${c.duplicates} doubled, ${c.missing} lost; ${c.updatesChecked - c.updatesWrong}/${c.updatesChecked} versions right | ${mem} |`);
    }
  }
  return lines.join('\n');
}
