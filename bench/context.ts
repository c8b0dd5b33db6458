import { createDatabase } from '../apps/server/src/db/database.ts';
import { createApiToken } from '../apps/server/src/features/auth/api-tokens.ts';
import { benchUserEmail } from '../apps/server/src/cli/seed-scale.ts';
import type { Client } from './http.ts';
import type { RawDb, Target } from './raw.ts';
import type { SearchFloor } from './search-floor.ts';

/** What workloads draw from: ids that exist and the bench user can see, filters that match rows, cursors. */
export interface BenchContext {
  contactIds: number[];
  accountIds: number[];
  ownerId: number;
  typeId: number;
  /** The salesperson the workloads run as (their own records, their visits). */
  salesUserId: number;
  cursors: string[];
  searchTerms: string[];
  /** Contacts the single-client update workload edits, with the version it last saw. */
  updatePool: Array<{ id: number; version: number }>;
  /** Disjoint pools for the mixed workload's clients (so updates never conflict with each other). */
  mixedPools: Array<Array<{ id: number; version: number }>>;
  /** Accounts with deals, spread over the table (the account page with its deals). */
  dealAccountIds: number[];
  /** The default pipeline (the deal board). */
  pipelineId: number;
  /** Open deals the win workload closes over HTTP, with the version it last saw; `winRawIds` are others, for the raw UPDATE. */
  winPool: Array<{ id: number; version: number }>;
  winRawIds: number[];
  runId: string;
  /** Why the server cannot serve the one-request account page (GET /api/v1/accounts/{id}/page); null when it can. */
  accountPageUnavailable: string | null;
  /** Seeded German contact numbers in their national format (`030/12345678` for `+49 30 12345678`), for the phone search. */
  searchPhones: string[];
  /** The same server as the administrator (search workloads run as both); set by the suite. */
  admin: Client | null;
  /** The search workloads' raw floor (search-floor.ts); set by the suite. */
  searchFloor: SearchFloor | null;
}

export interface Tokens {
  /** A salesperson (role emea_team_a): every read goes through the visibility rule, as for most users. */
  sales: string;
  admin: string;
}

/** API tokens for the seeded users, written straight to the database (as `kontor token create` does). */
export async function createTokens(t: Target): Promise<Tokens> {
  const database = createDatabase({ dataDir: t.dataDir ?? '', databaseUrl: t.engine === 'postgres' ? (t.url ?? null) : null, databaseSchema: t.schema ?? null });
  try {
    const token = async (email: string) => {
      const user = await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (!user) throw new Error(`No user ${email}: seed the data set first (kontor seed --scale N).`);
      return (await createApiToken(database.db, user.id, 'bench', 1)).token;
    };
    return { sales: await token(benchUserEmail(5)), admin: await token(benchUserEmail(0)) };
  } finally {
    await database.close();
  }
}

const every = <T>(rows: T[], n: number): T[] => rows.filter((_, i) => i % Math.max(1, Math.floor(rows.length / n)) === 0).slice(0, n);

export async function loadContext(raw: RawDb, clients: number): Promise<BenchContext> {
  const max = Number((await raw.all('select max(id) as m from contacts'))[0]?.m ?? 0);
  // Ids spread over the whole table; restricted and deleted rows left out (the bench user may not see them).
  const ids = (await raw.all(`select id from contacts where deleted_at is null and restricted = 0 and id % ? = 0 order by id`, [Math.max(1, Math.floor(max / 6000))])).map((r) => Number(r.id));
  const [reads, updates] = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
  const accounts = await raw.all(
    `select account_id as id from contacts where deleted_at is null and restricted = 0 and account_id is not null and id % ? = 0 group by account_id order by account_id`,
    [Math.max(1, Math.floor(max / 4000))],
  );
  const owner = await raw.all(`select owner_id, contact_type_id from contacts where owner_id is not null and contact_type_id is not null order by id limit 1`);
  const sales = await raw.all(`select id from users where email = ?`, [benchUserEmail(5)]);
  const pool = (list: number[]) => list.map((id) => ({ id, version: 1 }));
  const versions = new Map((await raw.all(`select id, version from contacts where ${raw.inIds('id')}`, [raw.idsParam(updates)])).map((r) => [Number(r.id), Number(r.version)]));
  const withVersions = (list: number[]) => pool(list).map((p) => ({ ...p, version: versions.get(p.id) ?? 1 }));
  const single = updates.slice(0, Math.floor(updates.length / 4));
  const rest = updates.slice(single.length);
  const maxDeal = Number((await raw.all('select max(id) as m from deals'))[0]?.m ?? 0);
  const dealAccounts = await raw.all(
    `select account_id as id from deals where deleted_at is null and restricted = 0 and account_id is not null and id % ? = 0 group by account_id order by account_id`,
    [Math.max(1, Math.floor(maxDeal / 4000))],
  );
  const open = await raw.all(`select id, version from deals where deleted_at is null and restricted = 0 and status = 'open' and id % ? = 0 order by id`, [Math.max(1, Math.floor(maxDeal / 12000))]);
  const pipeline = await raw.all(`select id from pipelines where is_default = 1 order by id limit 1`);
  const phones = await raw.all(`select primary_phone as phone from contacts where deleted_at is null and restricted = 0 and primary_phone like '+49 30 %' and id % ? = 0 order by id limit 50`, [
    Math.max(1, Math.floor(max / 20000)),
  ]);
  return {
    contactIds: every(reads, 2000),
    accountIds: every(accounts.map((r) => Number(r.id)), 1000),
    ownerId: Number(owner[0]?.owner_id ?? 1),
    typeId: Number(owner[0]?.contact_type_id ?? 1),
    salesUserId: Number(sales[0]?.id ?? 0),
    cursors: [],
    searchTerms: ['mül', 'schmid', 'popesc', 'wagner', 'ionescu', 'thompson', '王', 'elena'],
    updatePool: withVersions(single),
    mixedPools: Array.from({ length: clients }, (_, c) => withVersions(rest.filter((_, i) => i % clients === c))),
    dealAccountIds: every(dealAccounts.map((r) => Number(r.id)), 1000),
    pipelineId: Number(pipeline[0]?.id ?? 1),
    winPool: open.filter((_, i) => i % 2 === 0).map((r) => ({ id: Number(r.id), version: Number(r.version) })),
    winRawIds: open.filter((_, i) => i % 2 === 1).map((r) => Number(r.id)),
    runId: `${Date.now().toString(36)}`,
    accountPageUnavailable: 'not probed',
    searchPhones: phones.map((r) => String(r.phone).replace(/^\+49 30 /, '030/')),
    admin: null,
    searchFloor: null,
  };
}
