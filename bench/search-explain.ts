import path from 'node:path';
import { parseArgs } from 'node:util';
import { openRaw, type Target } from './raw.ts';
import { SearchFloor } from './search-floor.ts';

/**
 * Where a search's time goes on the engine: the statements Kontor's search service runs for a query (search-floor.ts),
 * each with its median time over --runs runs, its row count and its plan (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE).
 *
 *   node --import tsx bench/search-explain.ts --data /work/bench-data/sqlite-1m [--admin] [--types contact,account] 'mül'
 *   node --import tsx bench/search-explain.ts --engine postgres --url postgres://… --schema bench_1m 'Jonson~'
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { engine: { type: 'string', default: 'sqlite' }, data: { type: 'string' }, url: { type: 'string' }, schema: { type: 'string' }, admin: { type: 'boolean' }, types: { type: 'string', default: 'contact,account' }, runs: { type: 'string', default: '20' } },
  });
  const t: Target =
    values.engine === 'postgres'
      ? { engine: 'postgres', url: values.url ?? process.env.DATABASE_URL, schema: values.schema ?? (process.env.DATABASE_SCHEMA || null) }
      : { engine: 'sqlite', dataDir: path.resolve(values.data ?? '/work/bench-data/sqlite-1m') };
  const floor = new SearchFloor(t);
  const raw = await openRaw(t);
  try {
    for (const q of positionals) {
      const [statements = []] = await floor.statements(q, values.admin ? 'admin' : 'sales', [{ q, types: values.types, limit: 10 }]);
      console.log(`\n=== ${q} (${values.admin ? 'admin' : 'sales'}, ${values.types}): ${statements.length} statements`);
      for (const s of statements) {
        const params = [...s.parameters];
        const times: number[] = [];
        let rows = 0;
        for (let k = 0; k < Number(values.runs); k++) {
          const t0 = performance.now();
          rows = (await raw.all(s.sql, params)).length;
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        console.log(`\n-- ${(times[Math.floor(times.length / 2)] ?? NaN).toFixed(3)} ms median, ${rows} rows\n${s.sql.replace(/\s+/g, ' ').slice(0, 1500)}\n   params ${JSON.stringify(params).slice(0, 300)}`);
        const plan = t.engine === 'sqlite' ? await raw.all(`explain query plan ${s.sql}`, params) : await raw.all(`explain (analyze, buffers) ${s.sql}`, params);
        for (const p of plan) console.log(`   ${String(p.detail ?? p['QUERY PLAN'] ?? JSON.stringify(p))}`);
      }
    }
  } finally {
    await raw.close();
    await floor.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
