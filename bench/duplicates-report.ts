import { checkUsers, type CheckReport, type FloorStep } from './duplicates-checks.ts';
import { draftKinds, draftKindText } from './duplicates-drafts.ts';
import type { MergeReport } from './duplicates-merge.ts';
import { moduleSeconds, rebuildScopes, type RebuildReport, type RebuildRun } from './duplicates-rebuild.ts';
import { fmt, type Stats } from './stats.ts';

/** The Markdown of bench/duplicates.ts, in the shape of docs/BENCHMARKS.md's sections. */

export interface DuplicatesBenchReport {
  engine: string;
  where: string;
  contacts: number;
  accounts: number;
  startedAt: string;
  machine: string;
  workers: number;
  loadavg: { start: number[]; end: number[] };
  settings: string;
  checks: CheckReport | null;
  rebuild: RebuildReport | null;
  merge: MergeReport | null;
  /** Who merged: the salesperson (as most users) or the administrator. */
  mergeAs: string;
}

export const targets = { checkP95Ms: 20, rebuildS: 60, mergeMs: 100 };

const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const range = (xs: number[], f: (x: number) => string) => (xs.length > 1 ? ` (${f(Math.min(...xs))}-${f(Math.max(...xs))})` : '');
const secs = (ms: number) => (ms / 1000).toFixed(1);
const triple = (s: Stats) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)}`;
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');

function summaryLines(r: DuplicatesBenchReport): string[] {
  const lines = ['| target (issue #16) | measured | met |', '|---|---|---|'];
  if (r.checks) {
    const all = r.checks.overall.all;
    const worst = [...r.checks.kinds].sort((a, b) => b.stats.p95 - a.stats.p95)[0];
    lines.push(
      `| check on entry < ${targets.checkP95Ms} ms p95 | p95 **${fmt(all.p95)} ms** over ${all.n.toLocaleString('en')} checks (p50 ${fmt(all.p50)}, p99 ${fmt(all.p99)}); worst kind: ${worst ? `${worst.kind} as ${worst.user}, p95 ${fmt(worst.stats.p95)}` : '–'} | ${yes(all.p95 < targets.checkP95Ms && (worst?.stats.p95 ?? 0) < targets.checkP95Ms)} |`,
    );
  }
  if (r.rebuild) {
    const full = r.rebuild.runs.filter((x) => x.scope === 'all').map((x) => x.ms);
    lines.push(`| full rebuild of the clusters < ${targets.rebuildS} s | **${secs(median(full))} s**${range(full, secs)} over ${full.length} run(s), both modules | ${yes(median(full) < targets.rebuildS * 1000)} |`);
  }
  if (r.merge) {
    const m = r.merge.merge;
    lines.push(`| merge of 3 contacts with ${r.merge.related} related records each < ${targets.mergeMs} ms | p95 **${fmt(m.p95)} ms** (p50 ${fmt(m.p50)}, max ${fmt(m.max)}) over ${m.n} merges | ${yes(m.p95 < targets.mergeMs)} |`);
  }
  return lines;
}

function checkLines(c: CheckReport): string[] {
  const floorOf = (kind: string, step: FloorStep) => c.floor.find((f) => f.kind === kind && f.step === step);
  const lines = [
    '#### Check on entry: `POST /api/v1/contacts/duplicates/check`, one keep-alive client',
    '',
    `Drafts (per kind; drawn from live, unrestricted contacts spread over the id range): ${draftKinds.map((k) => `**${k}** (${c.drafts[k]}): ${draftKindText[k]}`).join('; ')}. ` +
      (c.unreadablePhones ? `${c.unreadablePhones} sampled contacts were left out of the phone drafts: the app reads no possible number from their phone (\`toE164\`), so no check could find them by it. ` : '') +
      `Warm-up: every kind as both users and on the floor in turn for ${(c.warmupMs / 1000).toFixed(0)} s (${c.warmupChecks} checks per kind and user). ` +
      `Then ${c.rounds} interleaved round(s): every kind (order rotating by round), as the salesperson and the administrator (order alternating) and on the raw floor, ${c.checks} checks each. ` +
      'Figures pool the rounds; the p95 range of the rounds in parentheses. "Found": checks that answered the contact the draft was made from (no-match: that answered nothing). ' +
      'Raw floor: the same holder lookup in plain SQL on a direct connection (the draft\'s key hashes computed beforehand with `profileKeys`/`keyHash`; the newest 3 holders per exact key and 10 per sound, as `holdersOfKeys`), then the holders\' rows and contact points; no visibility rule, scoring or JSON.',
    '',
    '| draft | user | API p50 / p95 / p99 ms | found | candidates | floor: holders p50 / p95 ms | floor: + profiles p50 / p95 ms | added by the API (p50) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const k of c.kinds) {
    const h = floorOf(k.kind, 'holders');
    const hp = floorOf(k.kind, 'holders+profiles');
    const p95s = k.rounds.map((s) => s.p95);
    lines.push(
      `| ${k.kind} | ${k.user} | ${fmt(k.stats.p50)} / ${fmt(k.stats.p95)}${range(p95s, fmt)} / ${fmt(k.stats.p99)} | ${k.found}/${k.checks} | ${k.candidates.toFixed(1)} | ${h ? `${fmt(h.stats.p50)} / ${fmt(h.stats.p95)} (${h.holders.toFixed(1)} holders)` : '–'} | ${hp ? `${fmt(hp.stats.p50)} / ${fmt(hp.stats.p95)}` : '–'} | ${hp ? fmt(k.stats.p50 - hp.stats.p50) : '–'} |`,
    );
  }
  for (const u of checkUsers) lines.push(`| every kind | ${u} | ${triple(c.overall[u])} | | | | | |`);
  lines.push(`| every kind | both | ${triple(c.overall.all)} | | | | | |`);
  lines.push('', `Load average at the end of each round: ${loads(c.loadavg)}.`);
  return lines;
}

function rebuildLines(b: RebuildReport): string[] {
  const lines = [
    '#### Rebuild: `kontor duplicates rebuild` (the compiled CLI as a child process; the server stopped)',
    '',
    `${b.rebuilds} round(s), each running both modules and \`--module contacts\` alone (order alternating by round). Wall time from spawn to exit (start-up and opening the database included); per module, the seconds of its last pass line; peak RSS from the kernel's high-water mark.`,
    '',
    '| scope | runs | wall time s, median (range) | contacts s | accounts s | peak RSS MB (anon + file at the anon peak) | load avg |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const scope of rebuildScopes) {
    const runs = b.runs.filter((x) => x.scope === scope);
    if (!runs.length) continue;
    const ms = runs.map((x) => x.ms);
    const per = (m: string) => {
      const xs = runs.map((x) => moduleSeconds(x)[m]).filter((x): x is number => x !== undefined);
      return xs.length ? `${median(xs).toFixed(1)}${range(xs, (x) => x.toFixed(1))}` : '–';
    };
    const peak = [...runs].sort((a, c) => c.memory.peakRssMb - a.memory.peakRssMb)[0] as RebuildRun;
    lines.push(
      `| ${scope === 'all' ? 'both modules' : 'contacts alone'} | ${runs.length} | ${secs(median(ms))}${range(ms, secs)} | ${per('contacts')} | ${per('accounts')} | ${peak.memory.peakRssMb.toFixed(0)} (${peak.memory.peakAnonMb.toFixed(0)} + ${peak.memory.fileAtPeakAnonMb.toFixed(0)}) | ${runs.map((x) => x.loadavg.toFixed(2)).join(', ')} |`,
    );
  }
  const first = b.runs.find((x) => x.scope === 'all');
  if (first) lines.push('', 'The passes of the first full run:', '', '```', ...first.passes.map((p) => `${p.module}: ${p.text} (${p.seconds.toFixed(1)} s)`), first.summary, '```');
  return lines;
}

function mergeLines(m: MergeReport, mergeAs: string): string[] {
  const prep = m.rounds.map((r) => r.prepareMs);
  const cleanup = m.cleanup.errors.length ? ` ${m.cleanup.errors.length} of them failed (rows left behind), first: ${m.cleanup.errors[0]}` : '';
  return [
    '#### Merge and undo: `POST /api/v1/contacts/merge`, `POST /api/v1/merges/{id}/undo`',
    '',
    `Each round makes through the API one account, 3 contacts alike in it and ${m.related} related records on each (${m.mix.deals} deals, ${m.mix.activities} activities, ${m.mix.notes} notes; ` +
      `with their timeline events as the API writes them), ${secs(median(prep))} s per round${range(prep, secs)}; then times the merge (the first contact survives, 2 merged, no values chosen) and its undo, ` +
      `as the ${mergeAs}, one keep-alive client; each checked in the database (${3 * m.related} related rows on the survivor after the merge, ${m.related} on each contact after the undo). ` +
      `${m.warmup} unmeasured round(s) first. ` +
      (m.cleanup.kept
        ? `What the rounds made was left in the data set (--keep): ${m.warmup + m.rounds.length} accounts named "Bench merge …" with 3 contacts each and their related records.`
        : `Afterwards everything made was deleted and purged through the API (${m.cleanup.requests} requests, ${m.cleanup.seconds.toFixed(1)} s).${cleanup}`),
    '',
    '| operation | n | p50 / p95 / max ms | target | met |',
    '|---|---|---|---|---|',
    `| merge 3 contacts (${3 * m.related} related rows moved) | ${m.merge.n} | ${fmt(m.merge.p50)} / ${fmt(m.merge.p95)} / ${fmt(m.merge.max)} | < ${targets.mergeMs} ms | ${yes(m.merge.p95 < targets.mergeMs)} |`,
    `| undo that merge | ${m.undo.n} | ${fmt(m.undo.p50)} / ${fmt(m.undo.p95)} / ${fmt(m.undo.max)} | | |`,
    '',
    `Each round, merge / undo ms: ${m.rounds.map((r) => `${fmt(r.mergeMs)} / ${fmt(r.undoMs)}`).join(', ')}; load average after each: ${m.rounds.map((r) => r.loadavg.toFixed(2)).join(' ')}.`,
  ];
}

export function toDuplicatesMarkdown(r: DuplicatesBenchReport, note: string): string {
  const sections = [
    [
      `### Issue #16 duplicates: ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.contacts.toLocaleString('en')} contacts, ${r.accounts.toLocaleString('en')} accounts (${r.startedAt.slice(0, 16).replace('T', ' ')} UTC)`,
      '',
      `Machine: ${r.machine.replace(/, load average .*$/, '')}; load average ${loads(r.loadavg.start)} at the start, ${loads(r.loadavg.end)} at the end. Data: ${r.where}; the server with ${r.workers} worker(s). ${r.settings}${note ? ` ${note}` : ''}`,
    ],
    summaryLines(r),
    r.checks ? checkLines(r.checks) : [],
    r.rebuild ? rebuildLines(r.rebuild) : [],
    r.merge ? mergeLines(r.merge, r.mergeAs) : [],
  ];
  return sections
    .filter((s) => s.length)
    .map((s) => s.join('\n'))
    .join('\n\n');
}
