import { fmt } from './stats.ts';
import type { UpkeepReport } from './upkeep.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const range = (xs: number[], f: (x: number) => string) => (xs.length > 1 ? ` (${f(Math.min(...xs))}-${f(Math.max(...xs))})` : '');
const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(0)}%`;

/** The search index's cost to writes (part `upkeep`): single-record creates and a bulk import, with and without the hook. */
export function upkeepSection(u: UpkeepReport | null, engine: string): string[] {
  if (!u) return [];
  const lines = [
    '#### Search index upkeep (in-process, the server\'s own service functions)',
    '',
    `With: the server's Kysely (\`createDatabase\`: triggers + the before-commit hook that rebuilds the queued search documents). Without: the same Kysely built without the hook; the triggers' insert into \`search_pending\` is in both sides (its rows are deleted, untimed, after each write without the hook). Sides alternate write by write (single) or transaction by transaction (bulk), the order swapping each time; ${u.warmup} unmeasured single writes and one bulk transaction per side first. Everything written was deleted afterwards (${u.cleanup.contacts.toLocaleString('en')} contacts with their documents, ${u.cleanup.seconds.toFixed(1)} s${engine === 'sqlite' ? ", then the contacts' trigram index merged again" : ''}).`,
    '',
    '| write | round | with upkeep p50 / p95 / p99 ms | without p50 / p95 / p99 ms | added (p50) | added (p95) | target | met | load avg |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const target = engine === 'sqlite' ? 0.3 : 0.6;
  u.single.forEach((s, k) =>
    lines.push(
      `| create contact, 2 e-mails + 2 phones (${u.ops} per side) | ${k + 1} | ${fmt(s.with.p50)} / ${fmt(s.with.p95)} / ${fmt(s.with.p99)} | ${fmt(s.without.p50)} / ${fmt(s.without.p95)} / ${fmt(s.without.p99)} | ${percent(s.with.p50 / s.without.p50)} | ${percent(s.with.p95 / s.without.p95)} | | | ${s.loadavg.toFixed(2)} |`,
    ),
  );
  const ratios = u.single.map((s) => s.with.p50 / s.without.p50);
  const singleAdded = median(ratios) - 1;
  lines.push(
    `| create contact, all rounds | median | ${fmt(u.singleAll.with.p50)} / ${fmt(u.singleAll.with.p95)} / ${fmt(u.singleAll.with.p99)} | ${fmt(u.singleAll.without.p50)} / ${fmt(u.singleAll.without.p95)} / ${fmt(u.singleAll.without.p99)} | ${percent(1 + singleAdded)}${range(ratios, percent)} | ${percent(u.singleAll.with.p95 / u.singleAll.without.p95)} | < ${(target * 100).toFixed(0)}% | ${singleAdded < target ? 'yes' : '**no**'} | |`,
  );
  if (u.bulk) {
    const b = u.bulk;
    const bulkTarget = engine === 'sqlite' ? 0.4 : 0.8;
    const bulkRatios = b.rounds.map((r) => r.withMs / r.withoutMs);
    b.rounds.forEach((r, k) =>
      lines.push(
        `| bulk import: ${b.contacts.toLocaleString('en')} contacts (2 e-mails + 2 phones each), transactions of ${b.batch.toLocaleString('en')} | ${k + 1} | ${(r.withMs / 1000).toFixed(2)} s (${Math.round((b.contacts * 1000) / r.withMs).toLocaleString('en')}/s) | ${(r.withoutMs / 1000).toFixed(2)} s (${Math.round((b.contacts * 1000) / r.withoutMs).toLocaleString('en')}/s) | ${percent(r.withMs / r.withoutMs)} | | | | ${r.loadavg.toFixed(2)} |`,
      ),
    );
    const added = median(bulkRatios) - 1;
    lines.push(`| bulk import, all rounds | median | | | ${percent(1 + added)}${range(bulkRatios, percent)} | | < ${(bulkTarget * 100).toFixed(0)}% | ${added < bulkTarget ? 'yes' : '**no**'} | |`);
  }
  if (engine !== 'sqlite') lines.push('', 'Targets on PostgreSQL: within 2x of the SQLite targets (< 60% single, < 80% bulk).');
  return lines;
}
