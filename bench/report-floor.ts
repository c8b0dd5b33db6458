import { spread, type Phase, type SideRounds, type Spread, type WorkerSet } from './compare.ts';
import type { Startup } from './startup.ts';
import type { Memory } from './server.ts';
import { fmt } from './stats.ts';

/** "median (min-max)" of per-round values; just the value for one round. */
const range = (s: Spread, f: (n: number) => string = fmt) => (s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}-${f(s.max)})`);
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
const two = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const of = (phases: Phase[], key: 'p50' | 'p95' | 'rps' | 'loadavg' | 'clientCpu') => spread(phases.map((p) => p[key]));
const ratios = (a: Phase[], b: Phase[], key: 'p50' | 'rps') => spread(a.map((p, i) => p[key] / (b[i]?.[key] ?? NaN)));
const cpu = (s: SideRounds) => `${two(spread(s.throughput.map((p) => p.serverCpu ?? NaN)).median)} + ${two(of(s.throughput, 'clientCpu').median)}`;
const met = (ok: boolean, sqlite: boolean) => (!sqlite ? '' : ok ? ' yes' : ' **no**');

/** Today's single-process list page at 32 connections (issue #11), and how much two workers must beat it by. */
const SINGLE_PROCESS_RPS = 700;
const SCALE_TARGET = 1.6;

export function floorSection(sets: WorkerSet[], engine: string): string[] {
  if (!sets.length) return [];
  const sqlite = engine === 'sqlite';
  const first = sets[0] as WorkerSet;
  const lines = [
    '#### Kontor beside the HTTP floor',
    '',
    `The floor (bench/floor-server.ts): node:http, the SQL Kontor's repository compiles for the same request, prepared, the token checked with one cached lookup, byte-identical JSON. Both measured alike: ${first.rounds} round(s), each workload on Kontor and on the floor one after the other (the order alternating by round), one client (latency) then ${first.connections} connections (throughput); figures are the median of the rounds (min-max in parentheses). Ratios are per round, Kontor / floor. CPU: the server's cores (primary + workers; PostgreSQL's own processes not counted) + the load generator's, at ${first.connections} connections. Load: the 1-minute load average at the end of each phase.`,
    '',
    `| workload | workers | Kontor p50 / p95 ms | floor p50 / p95 ms | p50 Kontor/floor (target ≤ 1.15) | Kontor req/s x${first.connections} | floor req/s x${first.connections} | req/s Kontor/floor (target ≥ 0.9) | CPU Kontor / floor (server + client) | load avg |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const set of sets) {
    for (const c of set.comparisons) {
      const pRatio = ratios(c.kontor.latency, c.floor.latency, 'p50');
      const tRatio = ratios(c.kontor.throughput, c.floor.throughput, 'rps');
      const load = spread([...c.kontor.latency, ...c.kontor.throughput, ...c.floor.latency, ...c.floor.throughput].map((p) => p.loadavg));
      const errors = [...c.kontor.latency, ...c.kontor.throughput, ...c.floor.latency, ...c.floor.throughput].reduce((a, p) => a + p.errors, 0);
      lines.push(
        `| ${c.workload}${errors ? ` (**${errors} errors**)` : ''} | ${set.workers} | ${range(of(c.kontor.latency, 'p50'))} / ${range(of(c.kontor.latency, 'p95'))} | ${range(of(c.floor.latency, 'p50'))} / ${range(of(c.floor.latency, 'p95'))} | ${range(pRatio, two)}${met(pRatio.median <= 1.15, sqlite)} | ${range(of(c.kontor.throughput, 'rps'), int)} | ${range(of(c.floor.throughput, 'rps'), int)} | ${range(tRatio, two)}${met(tRatio.median >= 0.9, sqlite)} | ${cpu(c.kontor)} / ${cpu(c.floor)} | ${range(load, two)} |`,
      );
    }
  }
  const one = sets.find((s) => s.workers === 1);
  const more = sets.filter((s) => s.workers > 1);
  if (one && more.length) {
    lines.push('');
    for (const m of more) {
      for (const c of m.comparisons) {
        const base = one.comparisons.find((x) => x.workload === c.workload);
        if (!base) continue;
        const [a, b] = [of(base.kontor.throughput, 'rps').median, of(c.kontor.throughput, 'rps').median];
        const target = c.workload === 'list.first' ? `; target > ${int(SINGLE_PROCESS_RPS * SCALE_TARGET)} req/s (${SCALE_TARGET}x the ~${SINGLE_PROCESS_RPS} req/s of one process before issue #11)${met(b > SINGLE_PROCESS_RPS * SCALE_TARGET, sqlite)}` : '';
        lines.push(`- ${c.workload}, Kontor with ${m.workers} workers: ${int(b)} req/s = ${two(b / a)}x its ${int(a)} req/s with one${target}.`);
      }
    }
  }
  lines.push('', '| server | workers | anon RSS per worker after the warm-up, MB | peak anon RSS per worker, MB (target < 200) | peak RSS of a worker, MB (anon + file) | primary anon RSS, MB |', '|---|---|---|---|---|---|');
  const mb = (list: Memory[]) => (list.length ? list.map((m) => m.anonMb.toFixed(0)).join(', ') : '–');
  for (const set of sets) {
    for (const side of ['kontor', 'floor'] as const) {
      const p = set.peak[side];
      const anonMet = side === 'kontor' && p ? met(p.anonPerWorkerMb < 200, sqlite) : '';
      lines.push(`| ${side === 'kontor' ? 'Kontor' : 'floor'} | ${set.workers} | ${mb(set.idle[side])} | ${p ? p.anonPerWorkerMb.toFixed(0) : '–'}${anonMet} | ${p ? `${p.rssMb.toFixed(0)} (${p.anonMb.toFixed(0)} + ${p.fileMb.toFixed(0)})` : '–'} | ${set.primary[side]?.anonMb.toFixed(0) ?? '–'} |`);
    }
  }
  return lines;
}

export function startupSection(list: Startup[], firstStart: { workers: number; startupMs: number; firstPageMs: number }, engine: string): string[] {
  const lines = ['#### Start-up', ''];
  if (Number.isFinite(firstStart.startupMs)) {
    lines.push(`First start of the run (${firstStart.workers} worker(s); it builds the server first when a source changed since the last build): ${fmt(firstStart.startupMs)} ms to the first answer, first contacts page ${fmt(firstStart.firstPageMs)} ms after.`, '');
  }
  if (!list.length) return lines;
  lines.push('| server | workers | spawn to first answer, ms (target < 1,000) | first contacts page after it, ms | starts | load avg |', '|---|---|---|---|---|---|');
  for (const s of list) {
    for (const [name, t] of [['Kontor', s.kontor], ['floor', s.floor]] as const) {
      if (!t) continue;
      const start = spread(t.startMs);
      lines.push(`| ${name} | ${s.workers} | ${range(start, int)}${name === 'Kontor' ? met(start.median < 1000, engine === 'sqlite') : ''} | ${range(spread(t.firstPageMs))} | ${t.startMs.length} | ${range(spread(t.loadavg), two)} |`);
    }
  }
  return lines;
}
