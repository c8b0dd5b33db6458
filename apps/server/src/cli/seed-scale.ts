import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { personName } from '@kontor/contract/person-name';
import { nameSortKey, personSortKey } from '@kontor/contract/sort-key';
import { foldText } from '../db/dialect.ts';
import { hashPassword } from '../features/auth/passwords.ts';
import { defaultTagColor, tagKey } from '../features/tags/record-tags.ts';
import { insertRowsPg, type Row } from './copy-to.ts';
import { mulberry32 } from '../lib/prng.ts';
import { rebuildDuplicates } from '../features/duplicates/duplicate-rebuild.ts';
import { reindexSearch } from '../features/search/sync.ts';
import { ACCOUNT_ACTIVITY_SET } from '../features/activities/account-activity.ts';
import { createdEvent, seedActivities, TIMELINE_COLS, type ScaleAccount } from './seed-scale-activities.ts';

/**
 * `kontor seed --scale N`: a deterministic, realistic data set written through the bulk path (prepared multi-row
 * inserts in big transactions, secondary indexes dropped during the load and rebuilt after). Rows are exactly what the
 * app writes: folded sort keys, primary e-mail/phone copied to the row, ISO timestamps, 0/1 flags, JSON custom fields.
 * N contacts, N/4 accounts, N/2 deals over the default pipeline and a second one ("Renewals"), 2N activities, N/2 notes,
 * N/10 leads, and the timeline events of all of them.
 */
export interface SeedScaleOptions {
  scale: number;
  /** PostgreSQL only: the connection the bulk writer opens beside the Kysely pool. */
  postgres?: { url: string; schema: string | null };
  force?: boolean;
  seed?: number;
  log?: (line: string) => void;
}
export interface SeedScaleSummary { counts: Record<string, number>; seconds: number; password: string }

export const BENCH_PASSWORD = 'bench-password-1';
export const benchUserEmail = (n: number) => (n === 0 ? 'admin@bench.kontor.test' : `user${n}@bench.kontor.test`);

const words = (s: string) => s.split(' ');
// [first names, last names] per locale; Chinese as [han, pinyin] pairs so e-mails stay ASCII.
const names: Record<'de' | 'en' | 'ro' | 'zh', [string[], string[]]> = {
  de: [words('Lukas Leon Finn Jonas Paul Felix Maximilian Elias Anna Lena Lea Hannah Sophie Marie Johanna Jürgen Uwe Katrin Sabine Björn Günther Jörg Ute Petra'),
    words('Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Weiß Groß Köhler Jäger Böhm')],
  en: [words('James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Emily Oliver Amelia Harry'),
    words('Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell')],
  ro: [words('Andrei Alexandru Ionuț Mihai Ștefan Cristian Gabriel Bogdan Ana Maria Elena Ioana Andreea Cristina Mihaela Alexandra Răzvan Irina Sorin Oana'),
    words('Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Șerban Florea Moldovan Lungu Dinu Tănase Nistor Barbu Dobre Mocanu')],
  zh: [words('伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao 秀英:xiuying 霞:xia 平:ping'),
    words('王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo')],
};
const companyWords = words('Nord Süd Alpen Rhein Donau Atlas Apex Blue Cedar Delta Summit Harbor Pioneer Carpați Dacia Transilvania Horizon Orion Vertex Zenith Falcon Maple Quantum Nova Stellar Granite Silver Iron');
const companyKinds = { de: words('Maschinenbau Logistik Software Bau Handel Elektrotechnik Consulting'), en: words('Systems Partners Holdings Industries Solutions Labs Group'), ro: words('Construct Impex Soft Trans Agro Consult Invest'), zh: words('科技 贸易 电子 物流 建设 软件 咨询') };
const legal = { de: words('GmbH AG KG'), en: words('Ltd Inc LLC'), ro: words('SRL SA'), zh: words('有限公司 集团') };
const cities = { de: ['Berlin', 'München', 'Hamburg', 'Köln'], en: ['London', 'New York', 'Boston', 'Manchester'], ro: ['București', 'Cluj-Napoca', 'Iași', 'Timișoara'], zh: ['北京', '上海', '深圳', '杭州'] };
const countries = { de: 'DE', en: 'GB', ro: 'RO', zh: 'CN' };
const phonePrefix = { de: '+49 30 ', en: '+44 20 ', ro: '+40 21 ', zh: '+86 10 ' };
const positions = words('CEO CFO CTO Buyer Engineer Consultant Assistant Director Manager Analyst Architect Accountant');
const departments = words('Sales Purchasing Finance IT Operations Marketing Legal HR');
const industries = words('manufacturing software logistics construction consulting banking retail energy');
const leadSources = words('advertisement cold_call web_form trade_show partner web_research');
type Locale = keyof typeof names;
// Deals: what they are called, why they were lost, the currencies each locale sells in (with euros -> currency).
const list = (s: string) => s.split('|');
const dealKinds: Record<Locale, string[]> = {
  de: list('Rahmenvertrag|Wartungsvertrag|Lizenzen|Erweiterung|Pilotprojekt|Ersatzteile|Schulung'),
  en: list('Framework agreement|Service contract|Licences|Expansion|Pilot project|Spare parts|Training'),
  ro: list('Contract-cadru|Contract de mentenanță|Licențe|Extindere|Proiect pilot|Piese de schimb|Instruire'),
  zh: list('框架协议|维保合同|软件许可|扩建项目|试点项目|备件|培训服务'),
};
const renewalWord: Record<Locale, string> = { de: 'Verlängerung', en: 'Renewal', ro: 'Reînnoire', zh: '续约' };
const lostReasons: Record<Locale, string[]> = {
  de: list('Preis zu hoch|Wettbewerber|Kein Budget|Projekt verschoben'),
  en: list('Price too high|Went with a competitor|No budget|Project postponed'),
  ro: list('Preț prea mare|Au ales un concurent|Fără buget|Proiect amânat'),
  zh: list('价格过高|选择了竞争对手|没有预算|项目推迟'),
};
const dealCurrencies: Record<Locale, string[]> = { de: ['EUR'], en: ['GBP', 'USD'], ro: ['RON', 'RON', 'EUR'], zh: ['CNY', 'CNY', 'USD'] };
const perEuro: Record<string, number> = { EUR: 1, GBP: 0.86, USD: 1.08, RON: 4.97, CNY: 7.8 };
const BENCH_PIPELINE = { name: 'Renewals', stages: [['Renewal due', 50], ['Quote sent', 70], ['Negotiation', 85]] as const };

/** The data set's generator, with the locale a record is written in. */
function prng(seed: number) {
  const { next, int, pick } = mulberry32(seed);
  const locale = (): Locale => { const x = next(); return x < 0.35 ? 'de' : x < 0.65 ? 'en' : x < 0.85 ? 'ro' : 'zh'; };
  return { next, int, pick, locale };
}

const ascii = (s: string) => foldText(s).replace(/[^a-z0-9]/g, '');
const namePart = (part: string) => { const [han, py] = part.split(':'); return { text: han ?? part, latin: py ?? ascii(part) }; };
const digits = (r: ReturnType<typeof prng>, n: number) => String(r.int(10 ** n)).padStart(n, '0');

/** Writes rows in batches: better-sqlite3 prepared multi-row inserts, or pg multi-row inserts. */
interface Sink { put(table: string, columns: string[], row: Row): Promise<void>; flush(): Promise<void>; exec(text: string): Promise<Row[]> }

function sqliteSink(file: string): Sink & { db: SQLite.Database } {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const BATCH = 64;
  const buffers = new Map<string, { columns: string[]; rows: Row[] }>();
  const stmts = new Map<string, SQLite.Statement>();
  const stmt = (table: string, columns: string[], n: number) => {
    const key = `${table}:${n}`;
    let s = stmts.get(key);
    if (!s) {
      const one = `(${columns.map(() => '?').join(',')})`;
      s = db.prepare(`insert into ${table} (${columns.join(',')}) values ${Array(n).fill(one).join(',')}`);
      stmts.set(key, s);
    }
    return s;
  };
  const write = (table: string, b: { columns: string[]; rows: Row[] }) => {
    if (b.rows.length) stmt(table, b.columns, b.rows.length).run(b.rows.flat());
    b.rows = [];
  };
  return {
    db,
    async put(table, columns, row) {
      let b = buffers.get(table);
      if (!b) buffers.set(table, (b = { columns, rows: [] }));
      b.rows.push(row);
      if (b.rows.length === BATCH) write(table, b);
    },
    async flush() { for (const [t, b] of buffers) write(t, b); },
    async exec(text) { const s = db.prepare(text); return s.reader ? (s.raw().all() as Row[]) : (s.run(), []); },
  };
}

function pgSink(client: pg.Client): Sink {
  const buffers = new Map<string, { columns: string[]; rows: Row[] }>();
  const write = async (table: string, b: { columns: string[]; rows: Row[] }) => {
    if (b.rows.length) await insertRowsPg(client, table, b.columns, b.rows);
    b.rows = [];
  };
  return {
    async put(table, columns, row) {
      let b = buffers.get(table);
      if (!b) buffers.set(table, (b = { columns, rows: [] }));
      b.rows.push(row);
      if (b.rows.length * columns.length >= 30000) await write(table, b);
    },
    async flush() { for (const [t, b] of buffers) await write(t, b); },
    async exec(text) { return (await client.query<Row>({ text, rowMode: 'array' })).rows; },
  };
}

const bulkTables = ['accounts', 'contacts', 'contact_points', 'record_tags', 'record_access', 'deals', 'activities', 'notes', 'leads', 'timeline_events'];
type BenchPipeline = { id: number; stages: number[] };
/** The default pipeline (migration 008) and "Renewals", written with the sink unless an earlier run left it: ids and stage ids in order. */
async function benchPipelines(db: Kysely<DB>, sink: Sink, now: string): Promise<[BenchPipeline, BenchPipeline]> {
  const rows = await db.selectFrom('pipelines').select(['id', 'name', 'position', 'is_default']).orderBy('position').orderBy('id').execute();
  const stages = await db.selectFrom('pipeline_stages').select(['id', 'pipeline_id']).orderBy('position').orderBy('id').execute();
  const stagesOf = (id: number) => stages.filter((s) => s.pipeline_id === id).map((s) => s.id);
  const main = rows.find((p) => p.is_default === 1) ?? rows[0];
  if (!main || stagesOf(main.id).length === 0) throw new Error('There is no default pipeline with stages: run the migrations first.');
  const second = rows.find((p) => p.name === BENCH_PIPELINE.name && p.id !== main.id && stagesOf(p.id).length > 0);
  if (second) return [{ id: main.id, stages: stagesOf(main.id) }, { id: second.id, stages: stagesOf(second.id) }];
  const id = Math.max(0, ...rows.map((p) => p.id)) + 1;
  let stageId = Math.max(0, ...stages.map((s) => s.id));
  await sink.put('pipelines', ['id', 'name', 'position', 'is_default', 'created_at', 'updated_at', 'version'], [id, BENCH_PIPELINE.name, Math.max(0, ...rows.map((p) => p.position)) + 1, 0, now, now, 1]);
  const ids: number[] = [];
  for (const [position, [name, probability]] of BENCH_PIPELINE.stages.entries()) {
    ids.push(++stageId);
    await sink.put('pipeline_stages', ['id', 'pipeline_id', 'name', 'position', 'probability'], [stageId, id, name, position, probability]);
  }
  await sink.flush();
  return [{ id: main.id, stages: stagesOf(main.id) }, { id, stages: ids }];
}

/** Secondary indexes of the bulk tables (not those behind a primary key or unique constraint), to drop and rebuild. */
async function secondaryIndexes(sink: Sink, engine: 'sqlite' | 'postgres'): Promise<Array<{ name: string; def: string }>> {
  const list = bulkTables.map((t) => `'${t}'`).join(',');
  const rows = engine === 'sqlite'
    ? await sink.exec(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`)
    : await sink.exec(`select i.indexname, i.indexdef from pg_indexes i join pg_class c on c.relname = i.indexname and c.relnamespace = (select oid from pg_namespace where nspname = i.schemaname)
        where i.schemaname = current_schema() and i.tablename in (${list}) and not exists (select 1 from pg_constraint k where k.conindid = c.oid)`);
  return rows.map((r) => ({ name: String(r[0]), def: String(r[1]) }));
}

export async function seedScale(database: Database, opts: SeedScaleOptions): Promise<SeedScaleSummary> {
  const log = opts.log ?? (() => undefined);
  const { db, engine } = database;
  const started = Date.now();
  const existing = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const existingAccounts = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if ((Number(existing.n) > 0 || Number(existingAccounts.n) > 0) && !opts.force) {
    throw new Error(`The database already holds ${existing.n} contacts and ${existingAccounts.n} accounts; pass --force to add the generated data anyway.`);
  }
  const r = prng(opts.seed ?? 42);
  const now = new Date().toISOString();
  const hash = await hashPassword(BENCH_PASSWORD);
  // Role tree: admin > manager > 3 regions > 2 teams each. Users: 1 admin, 1 head of sales, 3 region heads, 195 sales.
  const roleIds = new Map((await db.selectFrom('roles').select(['id', 'key']).execute()).map((x) => [x.key, x.id]));
  const regions = ['emea', 'amer', 'apac'];
  const teams = regions.flatMap((g) => [`${g}_team_a`, `${g}_team_b`]);
  for (const key of [...regions, ...teams]) {
    if (roleIds.has(key)) continue;
    const parent = roleIds.get(regions.includes(key) ? 'manager' : key.slice(0, 4)) ?? null;
    const row = await db.insertInto('roles').values({ key, name: key.replace(/_/g, ' '), parent_id: parent, builtin: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    roleIds.set(key, row.id);
  }
  const profiles = new Map((await db.selectFrom('profiles').select(['id', 'key']).execute()).map((x) => [x.key, x.id]));
  const userIds: number[] = [];
  for (let n = 0; n < 200; n++) {
    const email = benchUserEmail(n);
    const found = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (found) { userIds.push(found.id); continue; }
    const role = n === 0 ? 'admin' : n === 1 ? 'manager' : n < 5 ? (regions[n - 2] ?? 'emea') : (teams[n % teams.length] ?? 'emea_team_a');
    const profile = n === 0 ? 'administrator' : n < 5 ? 'sales_manager' : 'salesperson';
    const loc = r.locale();
    const name = personName({ firstName: namePart(r.pick(names[loc][0])).text, lastName: namePart(r.pick(names[loc][1])).text });
    const row = await db.insertInto('users').values({ email, name, password_hash: hash, role, profile_id: profiles.get(profile) ?? null, locale: 'en', active: 1, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    userIds.push(row.id);
  }
  const owners = userIds.slice(1);
  const typeIds = (await db.selectFrom('contact_types').select('id').orderBy('position').execute()).map((x) => x.id);
  const tagIds: number[] = [];
  for (const tag of words('VIP Newsletter Partner Lead Event-2024 Event-2025 Churn-risk Upsell Decision-maker Influencer Champion Prospect Reseller Key-account Webinar Trial Renewal Referral Press Investor')) {
    const found = await db.selectFrom('tags').select('id').where('name_key', '=', tagKey(tag)).executeTakeFirst();
    tagIds.push(found?.id ?? (await db.insertInto('tags').values({ name: tag, name_key: tagKey(tag), color: defaultTagColor(tag), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const segments = ['SMB', 'Mid-market', 'Enterprise'];
  const fields = [['contacts', 'segment', 'picklist', segments], ['contacts', 'score', 'number', []], ['contacts', 'newsletter', 'checkbox', []], ['accounts', 'region', 'picklist', regions], ['accounts', 'customer_since', 'date', []]] as const;
  for (const [position, [module, key, type, options]] of fields.entries()) {
    await db.insertInto('custom_field_defs').values({ module, key, label: key.replace('_', ' '), type, options: JSON.stringify(options), required: 0, position, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['module', 'key']).doNothing()).execute();
  }
  const maxId = async (t: 'accounts' | 'contacts' | 'contact_points' | 'deals' | 'activities' | 'notes' | 'leads') => Number((await db.selectFrom(t).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  let accountId = await maxId('accounts');
  let contactId = await maxId('contacts');
  let pointId = await maxId('contact_points');
  let dealId = await maxId('deals');

  if (engine === 'postgres' && !opts.postgres) throw new Error('seedScale on PostgreSQL needs opts.postgres');
  const client = opts.postgres ? new pg.Client({ connectionString: opts.postgres.url, options: opts.postgres.schema ? `-c search_path=${opts.postgres.schema}` : undefined }) : null;
  if (client) {
    await client.connect();
    await client.query(`set maintenance_work_mem = '512MB'`);
  }
  const sink = client ? pgSink(client) : sqliteSink(database.location);
  const indexes = await secondaryIndexes(sink, engine);
  for (const ix of indexes) await sink.exec(`drop index ${ix.name}`);
  log(`dropped ${indexes.length} secondary indexes for the load`);
  const counts: Record<string, number> = { users: userIds.length, tags: tagIds.length, accounts: 0, contacts: 0, contact_points: 0, record_tags: 0, record_access: 0 };
  const put = async (table: string, columns: string[], row: Row) => { counts[table] = (counts[table] ?? 0) + 1; await sink.put(table, columns, row); };
  const pointCols = ['id', 'module', 'record_id', 'kind', 'label', 'value', 'e164', 'street', 'city', 'region', 'postal_code', 'country', 'is_primary', 'position'];
  const point = (module: string, rec: number, kind: string, label: string, value: string, e164: string | null, primary: boolean, position: number) =>
    put('contact_points', pointCols, [++pointId, module, rec, kind, label, value, e164, '', '', '', '', '', primary ? 1 : 0, position]);
  const phone = (loc: Locale) => { const v = `${phonePrefix[loc]}${digits(r, 8)}`; return [v, v.replace(/ /g, '')] as const; };
  const stamp = (spanDays: number) => new Date(Date.now() - r.next() * spanDays * 86_400_000).toISOString();
  const tx = (sqlText: string) => sink.exec(sqlText);
  const written = () => Object.values(counts).reduce((a, b) => a + b, 0);
  /** `row(i)` for i < total, in transactions of 50,000, logging the rate after each. */
  const inChunks = async (label: string, total: number, row: (i: number) => Promise<void>) => {
    const CHUNK = 50_000;
    let [lap, before] = [Date.now(), written()];
    for (let i = 0; i < total; i++) {
      if (i % CHUNK === 0) await tx('begin');
      await row(i);
      if ((i + 1) % CHUNK !== 0 && i + 1 !== total) continue;
      await sink.flush();
      await tx('commit');
      log(`${label}: ${i + 1}/${total}, ${Math.round(((written() - before) * 1000) / Math.max(1, Date.now() - lap))} rows/s`);
      [lap, before] = [Date.now(), written()];
    }
  };

  const nAccounts = Math.max(1, Math.floor(opts.scale / 4));
  const accountCols = ['id', 'name', 'name_sort', 'owner_id', 'parent_account_id', 'website', 'phone', 'industry', 'account_type', 'employees', 'annual_revenue', 'billing_city', 'billing_country',
    'contact_type_id', 'custom_fields', 'primary_email', 'primary_phone', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version', 'restricted'];
  /** `contact`: the first live, unrestricted contact of the account (0 until there is one), for its deals. */
  const accountInfo: Array<ScaleAccount & { domain: string }> = [];
  let lap = Date.now();
  await tx('begin');
  for (let i = 0; i < nAccounts; i++) {
    const loc = r.locale();
    const base = `${r.pick(companyWords)} ${r.pick(companyKinds[loc])}`;
    const name = `${loc === 'zh' ? base.replace(' ', '') : base} ${r.pick(legal[loc])}${i % 7 === 0 ? ` ${i}` : ''}`;
    const domain = `${ascii(base) || 'firma'}${i}.example.${loc === 'en' ? 'com' : loc === 'zh' ? 'cn' : loc}`;
    const owner = r.pick(owners);
    const id = ++accountId;
    const parent = i > 50 && r.next() < 0.2 ? (accountInfo[r.int(accountInfo.length)]?.id ?? null) : null;
    const [ph, phE164] = phone(loc);
    const created = stamp(1095);
    const custom = JSON.stringify({ region: loc === 'zh' ? 'apac' : loc === 'en' && r.next() < 0.5 ? 'amer' : 'emea', ...(r.next() < 0.3 && { customer_since: created.slice(0, 10) }) });
    await put('accounts', accountCols, [id, name, nameSortKey(name), owner, parent, `https://www.${domain}`, ph, r.pick(industries), r.next() < 0.5 ? 'customer' : 'prospect', 10 + r.int(5000), r.int(1e8),
      r.pick(cities[loc]), countries[loc], r.next() < 0.2 ? null : r.pick(typeIds), custom, `info@${domain}`, ph, created, owner, created, owner, 1, 0]);
    await point('accounts', id, 'emails', 'work', `info@${domain}`, null, true, 0);
    await point('accounts', id, 'phones', 'work', ph, phE164, true, 0);
    await point('accounts', id, 'websites', 'website', `https://www.${domain}`, null, true, 0);
    accountInfo.push({ id, owner, domain, loc, contact: 0, deal: 0 });
    await put('timeline_events', TIMELINE_COLS, createdEvent(created, owner, 'accounts', id, { account: id }));
  }
  await sink.flush();
  await tx('commit');
  log(`accounts: ${nAccounts} in ${((Date.now() - lap) / 1000).toFixed(1)} s`);

  const contactCols = ['id', 'salutation', 'first_name', 'last_name', 'sort_name', 'position', 'department', 'birthday', 'email_opt_out', 'lead_source', 'description', 'owner_id', 'account_id',
    'contact_type_id', 'custom_fields', 'primary_email', 'primary_phone', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version', 'deleted_at', 'deleted_by', 'restricted'];
  await inChunks('contacts', opts.scale, async (i) => {
    const acc = r.next() < 0.85 ? accountInfo[Math.min(accountInfo.length - 1, Math.floor(i / 4) + r.int(3))] : undefined;
    const loc = acc && r.next() < 0.8 ? acc.loc : r.locale();
    const first = namePart(r.pick(names[loc][0]));
    const last = namePart(r.pick(names[loc][1]));
    const id = ++contactId;
    const owner = acc && r.next() < 0.8 ? acc.owner : r.pick(owners);
    const work = `${first.latin}.${last.latin}${i}@${acc?.domain ?? 'mail.example.com'}`;
    const home = `${first.latin}${last.latin}${r.int(1000)}@${r.pick(['gmail.com', 'web.de', 'yahoo.ro', 'qq.com'])}`;
    const [ph, phE164] = phone(loc);
    const [mob, mobE164] = phone(loc);
    const created = stamp(1095);
    const updated = r.next() < 0.3 ? stamp(30) : created;
    const restricted = r.next() < 0.01;
    const deleted = r.next() < 0.005 ? updated : null;
    const custom = JSON.stringify({ segment: r.pick(segments), score: r.int(100), ...(r.next() < 0.4 && { newsletter: r.next() < 0.5 }) });
    await put('contacts', contactCols, [id, r.next() < 0.5 ? r.pick(['mr', 'ms', 'dr']) : null, first.text, last.text, personSortKey({ firstName: first.text, lastName: last.text }), r.pick(positions), r.pick(departments),
      r.next() < 0.2 ? `19${50 + r.int(50)}-0${1 + r.int(9)}-1${r.int(10)}` : null, r.next() < 0.05 ? 1 : 0, r.pick(leadSources), r.next() < 0.1 ? 'Met at the trade fair; interested in a pilot.' : null,
      owner, acc?.id ?? null, r.next() < 0.2 ? null : r.pick(typeIds), custom, work, ph, created, owner, updated < created ? created : updated, owner, 1, deleted, deleted ? owner : null, restricted ? 1 : 0]);
    await point('contacts', id, 'emails', 'work', work, null, true, 0);
    await point('contacts', id, 'emails', 'home', home, null, false, 1);
    await point('contacts', id, 'phones', 'work', ph, phE164, true, 0);
    await point('contacts', id, 'phones', 'mobile', mob, mobE164, false, 1);
    const nTags = r.int(4) - 1;
    const tagSet = new Set<number>();
    for (let t = 0; t < nTags; t++) tagSet.add(r.pick(tagIds));
    for (const tag of tagSet) await put('record_tags', ['module', 'record_id', 'tag_id'], ['contacts', id, tag]);
    if (restricted) for (const u of new Set([owner, r.pick(owners)])) await put('record_access', ['module', 'record_id', 'user_id'], ['contacts', id, u]);
    if (acc && !acc.contact && !deleted && !restricted) acc.contact = id;
    await put('timeline_events', TIMELINE_COLS, createdEvent(created, owner, 'contacts', id, { account: acc?.id, contact: id }));
  });

  // Deals: N/2, about two per account, 70% in the default pipeline; 20% won (last stage), 10% lost, the rest open
  // with the early stages fuller; a contact of the account on half; the account's owner on most.
  const [main, second] = await benchPipelines(db, sink, now);
  const nDeals = Math.floor(opts.scale / 2);
  const dealCols = ['id', 'name', 'name_sort', 'amount', 'currency', 'pipeline_id', 'stage_id', 'status', 'lost_reason', 'expected_close_date', 'closed_at', 'account_id', 'contact_id', 'owner_id',
    'description', 'custom_fields', 'restricted', 'photo_file_id', 'deleted_at', 'deleted_by', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await inChunks('deals', nDeals, async (i) => {
    const acc = accountInfo[Math.min(accountInfo.length - 1, Math.floor((i * accountInfo.length) / nDeals) + r.int(2))] as (typeof accountInfo)[number];
    const pipe = r.next() < 0.7 ? main : second;
    const x = r.next();
    const status = x < 0.2 ? 'won' : x < 0.3 ? 'lost' : 'open';
    const n = pipe.stages.length;
    const stage = pipe.stages[status === 'won' ? n - 1 : status === 'lost' ? r.int(n) : Math.floor(r.next() ** 1.3 * n)] as number;
    const currency = r.pick(dealCurrencies[acc.loc]);
    const amount = r.next() < 0.05 ? null : Math.round((1000 * Math.exp(r.next() * Math.log(500)) * (perEuro[currency] ?? 1)) / 100) * 100;
    const kind = r.pick(dealKinds[acc.loc]);
    const year = 2025 + r.int(3);
    const what = acc.loc === 'zh' ? `${year}年${kind}` : `${kind} ${year}`;
    const name = pipe === second ? `${renewalWord[acc.loc]} ${what}` : what;
    const created = stamp(730);
    const touched = r.next() < 0.6 ? stamp(90) : created;
    const updated = touched < created ? created : touched;
    const closed = status === 'open' ? null : updated;
    const owner = r.next() < 0.8 ? acc.owner : r.pick(owners);
    const lostReason = status === 'lost' ? r.pick(lostReasons[acc.loc]) : null;
    const closeDate = closed ? closed.slice(0, 10) : day(r.int(210) - 30);
    const contact = acc.contact && r.next() < 0.5 ? acc.contact : null;
    await put('deals', dealCols, [++dealId, name, nameSortKey(name), amount, currency, pipe.id, stage, status, lostReason, closeDate, closed, acc.id, contact, owner, null, '{}', 0, null, null, null,
      created, owner, updated, owner, 1]);
    if (r.next() < 0.2) for (const tag of new Set([r.pick(tagIds), r.pick(tagIds)])) await put('record_tags', ['module', 'record_id', 'tag_id'], ['deals', dealId, tag]);
    if (status === 'open') acc.deal = dealId;
    await put('timeline_events', TIMELINE_COLS, createdEvent(created, owner, 'deals', dealId, { account: acc.id, contact, deal: dealId }));
  });

  const ids = { activities: await maxId('activities'), notes: await maxId('notes'), leads: await maxId('leads') };
  await seedActivities({ r, owners, accounts: accountInfo, put, inChunks, nextId: (t) => (ids[t] += 1) }, opts.scale);

  lap = Date.now();
  for (const ix of indexes) await sink.exec(ix.def);
  log(`rebuilt ${indexes.length} indexes in ${((Date.now() - lap) / 1000).toFixed(1)} s`);
  await tx('begin');
  await sink.exec(`update accounts set ${ACCOUNT_ACTIVITY_SET}`);
  await tx('commit');
  log('next and last activity of every account computed');
  if (client) {
    for (const t of ['accounts', 'contacts', 'contact_points', 'pipelines', 'pipeline_stages', 'deals', 'activities', 'notes', 'leads', 'timeline_events']) await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), (select coalesce(max(id), 1) from ${t}))`);
    await client.query('analyze');
    await client.end();
  } else {
    const s = sink as ReturnType<typeof sqliteSink>;
    s.db.exec('analyze');
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.db.close();
  }
  // The triggers queued every record loaded: both queues emptied in one transaction (so no upkeep runs), then built in batches.
  lap = Date.now();
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('duplicate_pending').execute();
    await trx.deleteFrom('search_pending').execute();
  });
  await reindexSearch(database.db, { log });
  log(`search documents built in ${((Date.now() - lap) / 1000).toFixed(1)} s`);
  lap = Date.now();
  await rebuildDuplicates(database.db, { log });
  await sql`analyze`.execute(database.db);
  log(`duplicate clusters built in ${((Date.now() - lap) / 1000).toFixed(1)} s`);
  return { counts, seconds: (Date.now() - started) / 1000, password: BENCH_PASSWORD };
}
