import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerInputHygiene } from './plugins/input-hygiene.ts';
import { validatorCompiler } from './plugins/validation.ts';
import { registerReadRouting } from './plugins/read-routing.ts';
import { registerAuth } from './features/auth/auth.plugin.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { featureRoutes } from './features/routes.ts';
import { registerJobRunner } from './features/jobs/jobs.runner.ts';

export const MAX_UPLOAD_BYTES = 1024 * 1024;

export async function buildApp(config: Config, database: Database, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies named in KONTOR_TRUST_PROXY (off by default).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are typed by the presenters at compile time; serialising is plain JSON (the zod schemas only document them).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandler(app);
  registerInputHygiene(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kontor API', version: '1', description: 'Accounts, contacts and everything around them. Bearer tokens or the browser session.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, database.db, { actorCacheMs: config.actorCacheMs, rateLimitPerMinute: config.rateLimitPerMinute });
  registerReadRouting(app, database, { readYourWritesMs: config.readYourWritesMs });
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  // `compiled`: this process runs the build (apps/server/dist), not TypeScript sources through a transpiler.
  const compiled = import.meta.url.endsWith('.mjs');
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true, engine: database.engine, compiled }));
  authRoutes(app, database.db, { secureCookies: config.secureCookies, defaultLocale: config.defaultLocale });
  usersRoutes(app, database.db, { defaultLocale: config.defaultLocale });
  featureRoutes(app, database, config);
  registerJobRunner(app, database.db);

  serveWebApp(app, config.webDist, config.defaultLocale);
  return app;
}

/** Trust the nearest `hops` proxies (what a hop count means to proxy-addr): hop 0 is the socket's peer. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/**
 * The built React app, with index.html for every non-API path so client-side routes survive a reload. The page's
 * `<html lang>` is the organisation's language: the sign-in page shows it when the browser asks for none of ours.
 */
function serveWebApp(app: FastifyInstance, dist: string, defaultLocale: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('The web app is not built yet: run `npm run build:web` (npm start does it).'));
    return;
  }
  // Assets are served as the build compressed them (apps/web/precompress.ts: .br and .gz beside each file).
  // Vite names every asset by its content hash: a browser may keep it for good.
  app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => {
      const hashed = file.startsWith(path.join(dist, 'assets') + path.sep);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const html = fs.readFileSync(index, 'utf8').replace(/<html lang="[^"]*">/, `<html lang="${defaultLocale}">`);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    const file = path.join(dist, decodeURIComponent(req.url.split('?')[0] ?? '/'));
    if (file.startsWith(dist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(dist, file));
    return reply.type('text/html').send(html);
  });
}
