import crypto from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

export type Row = unknown[];

/** Multi-row INSERT with a parameter list, split so no statement passes PostgreSQL's 65,535 parameters. */
export async function insertRowsPg(client: pg.Client, table: string, columns: string[], rows: Row[]): Promise<void> {
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += per) {
    const batch = rows.slice(start, start + per);
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(',')})`);
    await client.query(`insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`, params);
  }
}

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

interface TableInfo { name: string; columns: string[]; pk: string[]; textPk: Set<string>; selfRefs: string[]; dependsOn: string[]; identity: boolean }

/** The value as both engines agree on it: blobs as hex, numbers as numbers, text as text. */
function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** Tables of the target schema (after migrations), their columns, primary keys and foreign keys. */
async function describeTarget(client: pg.Client): Promise<TableInfo[]> {
  const cols = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    `select table_name, column_name, data_type, is_identity from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`,
  );
  const pks = await client.query<{ table_name: string; column_name: string }>(
    `select c.relname as table_name, a.attname as column_name from pg_index i join pg_class c on c.oid = i.indrelid
     join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey) where i.indisprimary and c.relnamespace = current_schema()::regnamespace
     order by c.relname, array_position(i.indkey, a.attnum)`,
  );
  const fks = await client.query<{ table_name: string; column_name: string; ref: string }>(
    `select c.relname as table_name, a.attname as column_name, r.relname as ref from pg_constraint k join pg_class c on c.oid = k.conrelid
     join pg_class r on r.oid = k.confrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
     where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`,
  );
  const tables = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    const t = tables.get(c.table_name) ?? { name: c.table_name, columns: [], pk: [], textPk: new Set<string>(), selfRefs: [], dependsOn: [], identity: false };
    t.columns.push(c.column_name);
    if (c.is_identity === 'YES') t.identity = true;
    if (c.data_type === 'text') t.textPk.add(c.column_name);
    tables.set(c.table_name, t);
  }
  for (const p of pks.rows) tables.get(p.table_name)?.pk.push(p.column_name);
  for (const t of tables.values()) t.textPk = new Set([...t.textPk].filter((c) => t.pk.includes(c)));
  for (const f of fks.rows) {
    const t = tables.get(f.table_name);
    if (!t) continue;
    if (f.ref === f.table_name) t.selfRefs.push(f.column_name);
    else t.dependsOn.push(f.ref);
  }
  return [...tables.values()];
}

/** Parents before children (foreign keys), ties by name, so the copy never violates a reference. */
function fkOrder(tables: TableInfo[]): TableInfo[] {
  const out: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const d of t.dependsOn) {
      const dep = tables.find((x) => x.name === d);
      if (dep) visit(dep, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

/** sha256 over the rows in primary-key order, each row the JSON array of its normalised values. */
function sqliteChecksum(src: SQLite.Database, t: TableInfo): { rows: number; sum: string } {
  const h = crypto.createHash('sha256');
  let rows = 0;
  for (const row of src.prepare(`select ${t.columns.join(',')} from ${t.name} order by ${t.pk.join(',')}`).raw().iterate() as IterableIterator<Row>) {
    h.update(JSON.stringify(row.map(normalise)));
    h.update('\n');
    rows++;
  }
  return { rows, sum: h.digest('hex') };
}

async function pgChecksum(client: pg.Client, t: TableInfo): Promise<{ rows: number; sum: string }> {
  const h = crypto.createHash('sha256');
  const order = t.pk.map((c) => (t.textPk.has(c) ? `${c} collate "C"` : c)).join(',');
  let rows = 0;
  let last: Row | null = null;
  for (;;) {
    const after = last ? `where (${order}) > (${t.pk.map((_, i) => `$${i + 1}`).join(',')})` : '';
    const page: pg.QueryResult<Row> = await client.query({ text: `select ${t.columns.join(',')} from ${t.name} ${after} order by ${order} limit 20000`, values: last ?? [], rowMode: 'array' });
    for (const row of page.rows) {
      h.update(JSON.stringify(row.map(normalise)));
      h.update('\n');
    }
    rows += page.rows.length;
    if (page.rows.length < 20000) break;
    const end: Row = page.rows[page.rows.length - 1] ?? [];
    last = t.pk.map((c) => end[t.columns.indexOf(c)]);
  }
  return { rows, sum: h.digest('hex') };
}

export interface CopyOptions { sqliteFile: string; targetUrl: string; targetSchema?: string | null; log?: (line: string) => void }

/**
 * `kontor copy-to postgres://...`: copies every table of the SQLite instance to an empty PostgreSQL database (or
 * schema), keeping ids, in foreign-key order and one transaction, resets the identity sequences, then verifies
 * per-table counts and checksums on both sides.
 */
export async function copyTo(opts: CopyOptions): Promise<TableCheck[]> {
  const log = opts.log ?? (() => undefined);
  const target = createDatabase({ dataDir: '', databaseUrl: opts.targetUrl, databaseSchema: opts.targetSchema ?? null });
  await migrate(target);
  await target.close();
  const client = new pg.Client({ connectionString: opts.targetUrl, options: opts.targetSchema ? `-c search_path=${opts.targetSchema}` : undefined });
  await client.connect();
  const src = new SQLite(opts.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    src.exec('begin'); // one snapshot of the source for the copy and the verification
    const sourceTables = new Set((src.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]));
    // search_pending and duplicate_pending are the triggers' queues of the copy's own inserts: the documents, keys,
    // pairs and clusters themselves are copied.
    const skipped = new Set(['kontor_migrations', 'search_pending', 'duplicate_pending']);
    const tables = fkOrder((await describeTarget(client)).filter((t) => !skipped.has(t.name) && sourceTables.has(t.name)));
    for (const name of ['users', 'accounts', 'contacts']) {
      const n = await client.query<{ n: number }>(`select count(*)::int as n from ${name}`);
      if ((n.rows[0]?.n ?? 0) > 0) throw new Error(`The target is not empty (${name} has ${n.rows[0]?.n} rows): copy-to needs a fresh database or schema.`);
    }
    await client.query('begin');
    // The migrations seeded built-in profiles and roles: the source's rows (same ids) replace them.
    await client.query(`truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`);
    for (const t of tables) {
      const started = Date.now();
      const srcCols = new Set((src.prepare(`select name from pragma_table_info(?)`).pluck().all(t.name) as string[]));
      const missing = t.columns.filter((c) => !srcCols.has(c));
      if (missing.length) throw new Error(`${t.name}: the source lacks ${missing.join(', ')}; run \`kontor migrate\` on the SQLite instance first.`);
      const selfRefs: Row[] = [];
      let batch: Row[] = [];
      let n = 0;
      for (const row of src.prepare(`select ${t.columns.join(',')} from ${t.name} order by ${t.pk.join(',')}`).raw().iterate() as IterableIterator<Row>) {
        if (t.selfRefs.length) {
          const refs = t.selfRefs.map((c) => row[t.columns.indexOf(c)]);
          if (refs.some((v) => v != null)) selfRefs.push([row[t.columns.indexOf('id')], ...refs]);
          for (const c of t.selfRefs) row[t.columns.indexOf(c)] = null;
        }
        batch.push(row);
        n++;
        if (batch.length >= 20_000) {
          await insertRowsPg(client, t.name, t.columns, batch);
          batch = [];
        }
      }
      await insertRowsPg(client, t.name, t.columns, batch);
      // Self-references (parent account, parent role) are set once every row exists.
      for (const [i, c] of t.selfRefs.entries()) {
        for (let s = 0; s < selfRefs.length; s += 20_000) {
          const part = selfRefs.slice(s, s + 20_000).filter((r) => r[i + 1] != null);
          await client.query(`update ${t.name} t set ${c} = v.ref from unnest($1::int[], $2::int[]) as v(id, ref) where t.id = v.id`, [part.map((r) => r[0]), part.map((r) => r[i + 1])]);
        }
      }
      if (t.identity) await client.query(`select setval(pg_get_serial_sequence('${t.name}', 'id'), coalesce((select max(id) from ${t.name}), 0) + 1, false)`);
      log(`copied ${t.name}: ${n} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    await client.query('delete from search_pending');
    await client.query('delete from duplicate_pending');
    await client.query('commit');
    await client.query('analyze');
    const checks: TableCheck[] = [];
    for (const t of tables) {
      const a = sqliteChecksum(src, t);
      const b = await pgChecksum(client, t);
      checks.push({ table: t.name, sourceRows: a.rows, targetRows: b.rows, sourceChecksum: a.sum, targetChecksum: b.sum, ok: a.rows === b.rows && a.sum === b.sum });
    }
    src.exec('commit');
    return checks;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    src.close();
    await client.end();
  }
}

export function formatChecks(checks: TableCheck[]): string {
  const lines = ['table                 source rows  target rows  checksum (sha256, first 16)  result'];
  for (const c of checks) {
    lines.push(`${c.table.padEnd(20)}  ${String(c.sourceRows).padStart(11)}  ${String(c.targetRows).padStart(11)}  ${c.sourceChecksum.slice(0, 16)} ${c.sourceChecksum === c.targetChecksum ? '=' : '≠'} ${c.targetChecksum.slice(0, 16)}  ${c.ok ? 'ok' : 'MISMATCH'}`);
  }
  return lines.join('\n');
}
