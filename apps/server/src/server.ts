import cluster, { type Worker } from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import { bootstrapAdmin } from './features/users/users.service.ts';

/**
 * `kontor serve`: migrate, bootstrap the first admin, listen. With more than one worker (KONTOR_WORKERS, default one
 * per core) the first process migrates and bootstraps, then forks the workers, which share the listening port
 * (node:cluster hands each new connection to the next worker) and each open their own database connection(s). A
 * worker that dies is replaced. Stops cleanly on SIGINT/SIGTERM. (docs/ARCHITECTURE.md, "Workers")
 */
export async function serve(config: Config): Promise<FastifyInstance | null> {
  if (cluster.isWorker) return serveWorker(config);
  if (config.workers <= 1) return serveSingle(config);
  await servePrimary(config);
  return null;
}

async function prepareDatabase(config: Config): Promise<{ location: string; engine: string }> {
  const database = await openDatabase(config);
  try {
    printAdminLines(adminLines(await bootstrapAdmin(database.db, { email: config.adminEmail, password: config.adminPassword })));
    return { location: database.location, engine: database.engine };
  } finally {
    await database.close();
  }
}

/** How to log in the first time, when this start created the first admin. */
function adminLines(admin: Awaited<ReturnType<typeof bootstrapAdmin>>): string[] {
  if (admin?.password) return [`First run: log in as ${admin.email} with password ${admin.password}`, 'This password is shown once. Change it or create users with `npx kontor user create`.'];
  if (admin) return [`First run: log in as ${admin.email} with the password from KONTOR_ADMIN_PASSWORD.`];
  return [];
}

function announce(config: Config, engine: string, location: string, started: number, workers: number): void {
  const processes = workers > 1 ? `, ${workers} workers` : '';
  process.stdout.write(`\nKontor is running at http://localhost:${config.port} (${engine}: ${location}${processes}), ready in ${Date.now() - started} ms.\n\n`);
}

/** How to log in, printed before the first request can be answered (so whoever sees the app answer can read it). */
function printAdminLines(lines: string[]): void {
  if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
}

/** The app on an open database, listening. Loaded on demand: a primary never needs the app's code. */
async function startApp(config: Config, database: Database): Promise<FastifyInstance> {
  const { buildApp } = await import('./app.ts');
  const app = await buildApp(config, database, { logger: true });
  app.addHook('onClose', async () => database.close());
  // Which worker answered (its number in the cluster, not its pid): for operators reading logs, and the worker tests.
  const worker = cluster.worker;
  if (worker) {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-kontor-worker', String(worker.id));
      return payload;
    });
  }
  await app.listen({ port: config.port, host: config.host });
  return app;
}

const ASK_READY = 'kontor:database-ready?';
const READY = 'kontor:database-ready';

/** A worker loads its code while the primary migrates; it asks, and opens the database once the primary answers. */
function primaryReady(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== READY) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send?.(ASK_READY);
  });
}

/** One process: the database, the app and the port. */
async function serveSingle(config: Config): Promise<FastifyInstance> {
  const started = Date.now();
  const database = await openDatabase(config);
  printAdminLines(adminLines(await bootstrapAdmin(database.db, { email: config.adminEmail, password: config.adminPassword })));
  const app = await startApp(config, database);
  announce(config, database.engine, database.location, started, 1);
  stopOnSignals(async () => app.close());
  return app;
}

/** A forked worker: opens its own database handle (migrations are already applied) and listens on the shared port. */
async function serveWorker(config: Config): Promise<FastifyInstance> {
  const loading = import('./app.ts');
  await primaryReady();
  await loading;
  const app = await startApp(config, await openDatabase(config, { migrate: false }));
  // The primary asks a worker to stop by disconnecting it: finish the requests in flight, then exit.
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
  // Signals go to the whole process group; the primary coordinates the stop.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  return app;
}

/** The primary: migrates and bootstraps once, forks the workers, replaces any that dies, stops them all on a signal. */
async function servePrimary(config: Config): Promise<void> {
  const started = Date.now();
  let stopping = false;
  // Workers start loading their code at once; each asks whether the database is ready and is answered when it is.
  let databaseReady = false;
  const waiting: Worker[] = [];
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (message !== ASK_READY) return;
      if (databaseReady) worker.send(READY);
      else waiting.push(worker);
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`Kontor worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting a new one.\n`);
    fork();
  });
  const listening = new Promise<void>((resolve) => {
    let count = 0;
    const onListening = () => {
      if (++count < config.workers) return;
      cluster.off('listening', onListening);
      resolve();
    };
    cluster.on('listening', onListening);
  });
  for (let i = 0; i < config.workers; i++) fork();
  const { location, engine } = await prepareDatabase(config);
  databaseReady = true;
  for (const worker of waiting.splice(0)) if (worker.isConnected()) worker.send(READY);
  await listening;
  announce(config, engine, location, started, config.workers);
  stopOnSignals(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
            w.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            w.disconnect();
          }),
      ),
    );
  });
}

function stopOnSignals(stop: () => Promise<void>): void {
  const handler = async () => {
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
