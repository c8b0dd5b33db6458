import { sql, type Kysely } from 'kysely';
import type { Database, Engine } from './database.ts';
import type { DB } from './schema.ts';
import { initialSchema } from './migrations/001_initial.ts';
import { permissionsSchema } from './migrations/002_permissions.ts';
import { userInvitesSchema } from './migrations/003_user_invites.ts';
import { nameSearchSchema } from './migrations/005_name_search.ts';
import { listIndexes } from './migrations/004_list_indexes.ts';
import { securitySchema } from './migrations/006_security.ts';
import { defaultContactTypesData } from './migrations/007_default_contact_types.ts';
import { dealsSchema } from './migrations/008_deals.ts';
import { activitiesSchema } from './migrations/009_activities.ts';
import { kanbanSchema } from './migrations/010_kanban.ts';
import { leadsExtraSchema } from './migrations/011_leads_extra.ts';
import { sharedStateSchema } from './migrations/012_shared_state.ts';
import { searchSchema } from './migrations/013_search.ts';
import { viewsSchema } from './migrations/014_views.ts';
import { viewIndexesSchema } from './migrations/016_view_indexes.ts';
import { jobsSchema } from './migrations/015_jobs.ts';
import { pinyinSortKeys } from './migrations/017_pinyin_sort_keys.ts';
import { accountPrimaryPointsSchema } from './migrations/018_account_primary_points.ts';
import { userLocaleUnsetSchema } from './migrations/019_user_locale_unset.ts';
import { importsSchema } from './migrations/020_imports.ts';
import { duplicatesSchema } from './migrations/021_duplicates.ts';

interface Migration {
  id: string;
  statements(engine: Engine): string[];
  /** Data work SQL alone cannot do (a key computed in TypeScript), run after the statements in the same transaction. */
  run?(trx: Kysely<DB>, engine: Engine): Promise<void>;
}

/** Migrations in order; never edit one that has shipped, add a new one. */
export const migrations: Migration[] = [
  { id: '001_initial', statements: initialSchema },
  { id: '002_permissions', statements: permissionsSchema },
  { id: '003_user_invites', statements: userInvitesSchema },
  { id: '004_list_indexes', statements: listIndexes },
  { id: '005_name_search', statements: nameSearchSchema },
  { id: '006_security', statements: securitySchema },
  { id: '007_default_contact_types', statements: defaultContactTypesData },
  { id: '008_deals', statements: dealsSchema },
  { id: '009_activities', statements: activitiesSchema },
  { id: '010_kanban', statements: kanbanSchema },
  { id: '011_leads_extra', statements: leadsExtraSchema },
  { id: '012_shared_state', statements: sharedStateSchema },
  { id: '013_search', statements: searchSchema },
  { id: '014_views', statements: viewsSchema },
  { id: '015_jobs', statements: jobsSchema },
  { id: '016_view_indexes', statements: viewIndexesSchema },
  { id: '017_pinyin_sort_keys', statements: () => [], run: pinyinSortKeys },
  { id: '018_account_primary_points', statements: accountPrimaryPointsSchema },
  { id: '019_user_locale_unset', statements: userLocaleUnsetSchema },
  { id: '020_imports', statements: importsSchema },
  { id: '021_duplicates', statements: duplicatesSchema },
];

/**
 * Applies the migrations not applied yet, each in its own transaction. Safe to run twice and from two processes at once.
 * `until` stops before that migration (a test of a data migration builds the state it starts from).
 */
export async function migrate({ db, engine }: Database, opts: { until?: string } = {}): Promise<string[]> {
  await sql`create table if not exists kontor_migrations (id text primary key, applied_at text not null)`.execute(db);
  const applied: string[] = [];
  const end = opts.until === undefined ? migrations.length : migrations.findIndex((m) => m.id === opts.until);
  if (end < 0) throw new Error(`migrate: no migration ${opts.until}`);
  for (const m of migrations.slice(0, end)) {
    const done = await db.transaction().execute(async (trx) => {
      if (engine === 'postgres') await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
      const exists = await trx.selectFrom('kontor_migrations').select('id').where('id', '=', m.id).executeTakeFirst();
      if (exists) return false;
      for (const statement of m.statements(engine)) await sql.raw(statement).execute(trx);
      if (m.run) await m.run(trx, engine);
      await trx.insertInto('kontor_migrations').values({ id: m.id, applied_at: new Date().toISOString() }).execute();
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}

