import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/open.ts';
import { bootstrapAdmin } from './features/users/users.service.ts';

/** `kontor serve`: migrate, bootstrap the first admin, listen. Stops cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const started = Date.now();
  const database = await openDatabase(config);
  const admin = await bootstrapAdmin(database.db, { email: config.adminEmail, password: config.adminPassword });
  const app = await buildApp(config, database, { logger: true });
  app.addHook('onClose', async () => database.close());
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const lines = [`Kontor is running at ${url} (${database.engine}: ${database.location}), ready in ${Date.now() - started} ms.`];
  if (admin?.password) {
    lines.push(`First run: log in as ${admin.email} with password ${admin.password}`, 'This password is shown once. Change it or create users with `npx kontor user create`.');
  } else if (admin) {
    lines.push(`First run: log in as ${admin.email} with the password from KONTOR_ADMIN_PASSWORD.`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}
