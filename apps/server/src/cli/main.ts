import { parseArgs } from 'node:util';
import { userCreateSchema } from '@kontor/contract/users';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { fieldErrorOfIssue } from '@kontor/contract/field-errors';

const usage = `Usage: kontor <command> [options]

Commands:
  serve                                   run the web app and API (PORT, DATA_DIR, DATABASE_URL)
  migrate                                 bring the database schema up to date
  user create --email E --password P --role admin|manager|sales|readonly [--name N]
  token create --email E [--name N] [--days D]   print a new API token (last line)
  seed --demo                             load a demo company (~200 accounts, ~800 contacts, ~250 deals)
  seed --scale N [--force] [--seed S]     bulk-load a deterministic data set: N contacts, N/4 accounts, N/2 deals, 200 users
  search reindex                          rebuild every search document and the similar-spelling vocabulary
  duplicates rebuild [--module contacts|accounts]
                                          recompute the likely duplicates (keys, pairs, clusters) from the records
  copy-to postgres://... [--schema S]     copy this SQLite instance to an empty PostgreSQL, verified by counts and checksums
  import FILE --module accounts|contacts|leads|deals [--mapping NAME] [--dedupe skip|update|overwrite|create]
         [--match email,phone,name] [--sheet NAME] [--region DE] [--user EMAIL] [--dry-run]
                                          import a CSV/TSV, Excel, XML or vCard file as the user (default: the first
                                          administrator); prints the report's summary; exit 1 when it fails
  export --module accounts|contacts|leads|deals --format csv|xlsx|vcf [--out FILE] [--user EMAIL] [--layout full|columns]
                                          export every record the user (default: the first administrator) may see;
                                          to standard output without --out

The CLI reads the same DATA_DIR / DATABASE_URL as the server and works while it runs.`;

class CliError extends Error {}

function fail(message: string): never {
  throw new CliError(message);
}

export async function main(argv: string[]): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    // A setting that cannot be used (KONTOR_DEFAULT_LOCALE=fr, KONTOR_WORKERS=0, …): its message, no stack trace.
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
    return;
  }
  const [command, sub] = argv;
  try {
    // Commands load their code when run (the compiled server splits it into chunks): `serve` starts faster, and its
    // primary process (several workers) loads little more than the migrations.
    if (command === 'serve' || command === undefined) {
      const { serve } = await import('../server.ts');
      await serve(config);
      return;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      console.log(usage);
      return;
    }
    if (command === 'copy-to') {
      const { values, positionals } = parseArgs({ args: argv.slice(1), allowPositionals: true, options: { schema: { type: 'string' } } });
      const target = positionals[0];
      if (!target || !/^postgres(ql)?:\/\//.test(target)) fail('copy-to needs a postgres://... URL');
      if (config.databaseUrl) fail('copy-to copies the SQLite instance in DATA_DIR: unset DATABASE_URL');
      const source = await openDatabase(config); // brings the source schema up to date first
      await source.close();
      const { copyTo, formatChecks } = await import('./copy-to.ts');
      const checks = await copyTo({ sqliteFile: source.location, targetUrl: target, targetSchema: values.schema ?? null, log: (l) => console.log(l) });
      console.log(formatChecks(checks));
      if (checks.some((c) => !c.ok)) fail('Verification failed: the copy differs from the source.');
      console.log(`Copied ${checks.length} tables; counts and checksums match.`);
      return;
    }
    const database = await openDatabase(config);
    try {
      if (command === 'migrate') {
        console.log(`Database is up to date (${database.engine}: ${database.location}).`);
      } else if (command === 'user' && sub === 'create') {
        const { values } = parseArgs({ args: argv.slice(2), options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
        const parsed = userCreateSchema.safeParse({ email: values.email, password: values.password, role: values.role, name: values.name ?? values.email?.split('@')[0] ?? '' });
        if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${fieldErrorOfIssue(i).message}`).join('\n'));
        const { insertUser } = await import('../features/users/users.service.ts');
        const user = await insertUser(database.db, parsed.data);
        console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
      } else if (command === 'token' && sub === 'create') {
        const { values } = parseArgs({ args: argv.slice(2), options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } } });
        if (!values.email) fail('--email is required');
        const { findUserByEmail } = await import('../features/users/users.service.ts');
        const { createApiToken } = await import('../features/auth/api-tokens.ts');
        const user = await findUserByEmail(database.db, values.email);
        if (!user || user.active !== 1) fail(`No active user with e-mail ${values.email}.`);
        const days = values.days ? Number(values.days) : undefined;
        if (days !== undefined && (!Number.isInteger(days) || days < 1)) fail('--days must be a whole number of days');
        const created = await createApiToken(database.db, user.id, values.name ?? 'CLI token', days);
        console.log(`Token "${created.name}" for ${user.email}${created.expiresAt ? `, expires ${created.expiresAt}` : ''}:`);
        console.log(created.token);
      } else if (command === 'search' && sub === 'reindex') {
        const { reindexSearch } = await import('../features/search/sync.ts');
        const started = Date.now();
        const counts = await reindexSearch(database.db, { log: (l) => console.log(l) });
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        console.log(`Reindexed ${total} records (${Object.entries(counts).map(([m, n]) => `${n} ${m}`).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } else if (command === 'duplicates' && sub === 'rebuild') {
        const { values } = parseArgs({ args: argv.slice(2), options: { module: { type: 'string' } } });
        const { duplicateModules } = await import('@kontor/contract/duplicates');
        const module = duplicateModules.find((m) => m === values.module);
        if (values.module !== undefined && !module) fail('--module must be contacts or accounts');
        const { rebuildDuplicates } = await import('../features/duplicates/duplicate-rebuild.ts');
        const started = Date.now();
        const counts = await rebuildDuplicates(database.db, { modules: module ? [module] : undefined, log: (l) => console.log(l) });
        const parts = Object.entries(counts).map(([m, c]) => `${m}: ${c.records} records, ${c.pairs} pairs in ${c.clusters} clusters`);
        console.log(`Rebuilt the duplicates (${parts.join('; ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } else if (command === 'import') {
        const { runImportCommand } = await import('./import-command.ts');
        await runImportCommand(database, argv.slice(1), fail);
      } else if (command === 'export') {
        const { runExportCommand } = await import('./export-command.ts');
        await runExportCommand(database, argv.slice(1), fail);
      } else if (command === 'seed') {
        const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean' }, scale: { type: 'string' }, force: { type: 'boolean' }, seed: { type: 'string' } } });
        if (values.scale !== undefined) {
          const scale = Number(values.scale);
          if (!Number.isInteger(scale) || scale < 1) fail('--scale must be a positive whole number of contacts');
          const postgres = config.databaseUrl ? { url: config.databaseUrl, schema: config.databaseSchema } : undefined;
          const { seedScale } = await import('./seed-scale.ts');
          const summary = await seedScale(database, { scale, force: values.force, seed: values.seed ? Number(values.seed) : undefined, postgres, log: (l) => console.log(l) });
          console.log(`Seeded in ${summary.seconds.toFixed(1)} s: ${Object.entries(summary.counts).map(([t, n]) => `${n} ${t}`).join(', ')}.`);
          console.log(`Users admin@bench.kontor.test and user1..199@bench.kontor.test, password ${summary.password}.`);
        } else {
          if (!values.demo) fail('seed needs --demo or --scale N');
          const { seedDemo } = await import('./seed-demo.ts');
          const summary = await seedDemo(database.db);
          console.log(summary);
        }
      } else {
        fail(`Unknown command: ${argv.join(' ')}\n\n${usage}`);
      }
    } finally {
      await database.close();
    }
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    if (err instanceof AppError) {
      const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `--${k}: ${v.message}`);
      console.error([err.message, ...fields].join('\n'));
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
