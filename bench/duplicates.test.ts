import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toE164 } from '../apps/server/src/features/contact-points/phones.ts';
import { runDuplicatesBench } from './duplicates.ts';
import { otherCase, otherFormat, similarSpelling } from './duplicates-drafts.ts';
import { parsePasses } from './duplicates-rebuild.ts';
import { toDuplicatesMarkdown } from './duplicates-report.ts';
import { openRaw, type Target } from './raw.ts';
import { seededTarget } from './seeded-target.ts';

// A tiny run of `npm run bench -- duplicates` at 2,000 contacts on the engine the environment selects: every part must
// complete, check what it measured, and leave the data set as it found it. The figures at scale are made by hand.
let target: Target;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ target, cleanup } = await seededTarget('bench-dup', 2000));
}, 60_000);

afterAll(async () => cleanup?.());

async function counts(): Promise<Record<string, number>> {
  const raw = await openRaw(target);
  try {
    const n = async (sql: string) => Number((await raw.all(sql))[0]?.n ?? 0);
    return {
      contacts: await n('select count(*) as n from contacts'),
      accounts: await n('select count(*) as n from accounts'),
      deals: await n('select count(*) as n from deals'),
      activities: await n('select count(*) as n from activities'),
      notes: await n('select count(*) as n from notes'),
      pairs: await n(`select count(*) as n from duplicate_pairs where module = 'contacts'`),
    };
  } finally {
    await raw.close();
  }
}

describe('the drafts', () => {
  it('change only what they say they change', () => {
    expect(otherCase('anna.muller1@silver2.example.de', 0)).toBe('ANNA.MULLER1@SILVER2.EXAMPLE.DE');
    expect(otherCase('anna.muller1@silver2.example.de', 1)).toBe('Anna.Muller1@Silver2.Example.De');
    for (let i = 0; i < 3; i++) {
      const typed = otherFormat('+493061780031', i);
      expect(typed).not.toBe('+493061780031');
      expect(toE164(typed)).toBe('+493061780031');
    }
    expect(similarSpelling('Johnson', 0)).toBe('Johson');
    expect(similarSpelling('Johnson', 1)).toBe('Johnnson');
    expect(similarSpelling('Li', 0)).toBeNull();
  });

  it('reads the pass lines kontor duplicates rebuild prints', () => {
    const out = 'contacts: 2000 records, 11000 keys (0.4 s)\ncontacts: 12 pairs in 6 clusters (0.7 s)\nRebuilt the duplicates (...) in 0.9 s.';
    expect(parsePasses(out)).toEqual([
      { module: 'contacts', text: '2000 records, 11000 keys', seconds: 0.4 },
      { module: 'contacts', text: '12 pairs in 6 clusters', seconds: 0.7 },
    ]);
  });
});

describe('npm run bench -- duplicates', () => {
  it('measures the checks, the rebuilds and merges with their undo, and leaves the data set as it was', async () => {
    const before = await counts();
    const lines: string[] = [];
    const report = await runDuplicatesBench({
      target,
      parts: ['rebuild', 'checks', 'merge'],
      workers: 1,
      drafts: 12,
      checks: { warmupMs: 200, rounds: 2, checks: 6 },
      rebuilds: 1,
      merge: { rounds: 2, warmup: 1, related: 6, parallel: 3, as: 'sales' },
      log: (l) => lines.push(l),
    });
    expect(report.contacts).toBeGreaterThan(1900);

    const c = report.checks;
    expect(c?.kinds.map((k) => `${k.kind}:${k.user}`)).toEqual(['email-case', 'phone-format', 'name-spelling', 'no-match'].flatMap((k) => [`${k}:sales`, `${k}:admin`]));
    for (const k of c?.kinds ?? []) {
      expect(k.checks, k.kind).toBe(12);
      expect(k.rounds.map((s) => s.n), k.kind).toEqual([6, 6]);
      expect(k.stats.p95, k.kind).toBeGreaterThan(0);
    }
    // The same e-mail in another case, and a phone written otherwise, always find their contact; a stranger finds nobody.
    for (const k of c?.kinds.filter((x) => x.kind !== 'name-spelling') ?? []) expect(k.found, `${k.kind} as ${k.user}`).toBe(k.checks);
    expect(c?.kinds.filter((k) => k.kind === 'no-match').map((k) => k.candidates)).toEqual([0, 0]);
    for (const f of c?.floor ?? []) expect(f.stats.n, `${f.kind} ${f.step}`).toBe(12);
    expect(c?.floor.find((f) => f.kind === 'email-case' && f.step === 'holders')?.holders).toBeGreaterThanOrEqual(1);
    expect(c?.overall.all.n).toBe(8 * 12);

    const runs = report.rebuild?.runs ?? [];
    expect(runs.map((r) => [r.scope, r.code])).toEqual([['all', 0], ['contacts', 0]]);
    expect(runs[0]?.passes.map((p) => p.module)).toEqual(['contacts', 'contacts', 'contacts', 'accounts', 'accounts', 'accounts']);
    expect(runs[1]?.passes.every((p) => p.module === 'contacts')).toBe(true);

    const m = report.merge;
    expect(m?.rounds.map((r) => [r.movedRows, r.restoredRows])).toEqual([[18, [6, 6, 6]], [18, [6, 6, 6]]]);
    expect(m?.merge.n).toBe(2);
    expect(m?.undo.max).toBeGreaterThan(0);
    expect(m?.mix).toEqual({ deals: 2, activities: 2, notes: 2 });
    expect(m?.cleanup.errors).toEqual([]);
    // Everything the merge part made was purged again: the rows and the duplicate pairs are as seeded.
    expect(await counts()).toEqual(before);

    const md = toDuplicatesMarkdown(report, 'smoke');
    expect(md).toContain('| check on entry < 20 ms p95 |');
    expect(md).toContain('| email-case | sales |');
    expect(md).toContain('| both modules | 1 |');
    expect(md).toContain('| merge 3 contacts (18 related rows moved) | 2 |');
  }, 180_000);
});
