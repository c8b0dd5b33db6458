import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { locales, type Locale } from '@kontor/contract/users';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL schema to use (tests give each file its own); null means the connection's default search_path. */
  databaseSchema: string | null;
  /** A PostgreSQL read replica for list and search reads (DATABASE_READ_URL); null: everything on the primary. */
  databaseReadUrl: string | null;
  /** The replica's schema when it differs from DATABASE_SCHEMA (tests); null: the same. */
  databaseReadSchema: string | null;
  /** After a caller writes, their reads stay on the primary this long, so they see their own change. */
  readYourWritesMs: number;
  adminEmail: string | null;
  adminPassword: string | null;
  webDist: string;
  logLevel: string;
  secureCookies: boolean;
  /** API requests per minute per client (token, session or IP); 0 turns the limit off (benchmarks). */
  rateLimitPerMinute: number;
  /**
   * Which proxies' X-Forwarded-For to believe (KONTOR_TRUST_PROXY): false (default: the socket's address is the
   * client), a hop count, or a list of addresses / CIDR ranges / `loopback`, `linklocal`, `uniquelocal`.
   */
  trustProxy: false | number | string[];
  /** How long a resolved caller (rights, role tree) is reused in this process; 0 resolves on every request. */
  actorCacheMs: number;
  /** The largest file attached to a record (KONTOR_MAX_UPLOAD_MB, default 25 MB), in bytes. */
  maxUploadBytes: number;
  /**
   * Where attached files live (KONTOR_FILE_STORAGE): `database` (1 MB chunks in attachment_chunks, shared by every
   * process on the same database) or `folder` (files under fileDir, which processes on several machines must share).
   */
  fileStorage: 'database' | 'folder';
  /** The storage folder for `folder` storage (KONTOR_FILE_DIR, default <data dir>/files). */
  fileDir: string;
  /** Processes `kontor serve` runs (KONTOR_WORKERS, default one per core; 1: a single process, no primary). */
  workers: number;
  /**
   * The organisation's language (KONTOR_DEFAULT_LOCALE, default en): a user's until they choose one, and the sign-in
   * page's when the browser asks for none of Kontor's languages.
   */
  defaultLocale: Locale;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const config: Omit<Config, 'fileDir'> & { fileDir?: string } = {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: env.DATABASE_SCHEMA || null,
    databaseReadUrl: env.DATABASE_READ_URL || null,
    databaseReadSchema: env.DATABASE_READ_SCHEMA || null,
    readYourWritesMs: Number(env.KONTOR_READ_YOUR_WRITES_MS ?? 5000),
    adminEmail: env.KONTOR_ADMIN_EMAIL || null,
    adminPassword: env.KONTOR_ADMIN_PASSWORD || null,
    webDist: path.join(repoRoot, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.KONTOR_SECURE_COOKIES === 'true',
    rateLimitPerMinute: Number(env.KONTOR_RATE_LIMIT ?? 1200),
    actorCacheMs: Number(env.KONTOR_ACTOR_CACHE_MS ?? 5000),
    trustProxy: parseTrustProxy(env.KONTOR_TRUST_PROXY),
    maxUploadBytes: parseUploadLimit(env.KONTOR_MAX_UPLOAD_MB),
    fileStorage: parseFileStorage(env.KONTOR_FILE_STORAGE),
    workers: parseWorkers(env.KONTOR_WORKERS),
    defaultLocale: parseDefaultLocale(env.KONTOR_DEFAULT_LOCALE),
    ...overrides,
  };
  // The storage folder follows the data directory unless it is named (tests and --data-dir move the data directory).
  return { ...config, fileDir: config.fileDir ?? (env.KONTOR_FILE_DIR ? path.resolve(env.KONTOR_FILE_DIR) : path.join(config.dataDir, 'files')) };
}

/** KONTOR_DEFAULT_LOCALE: one of Kontor's languages (`en`, `de`, `zh-CN`, `ro`; any case); unset or empty is English. */
export function parseDefaultLocale(value: string | undefined): Locale {
  const v = (value ?? '').trim();
  if (v === '') return 'en';
  const locale = locales.find((l) => l.toLowerCase() === v.toLowerCase());
  if (!locale) throw new Error(`KONTOR_DEFAULT_LOCALE: "${v.slice(0, 40)}" is not one of Kontor's languages: ${locales.join(', ')}.`);
  return locale;
}

function parseUploadLimit(value: string | undefined): number {
  const mb = Number(value ?? 25);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`KONTOR_MAX_UPLOAD_MB: "${value}" is not a positive number of megabytes.`);
  return Math.round(mb * 1024 * 1024);
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return os.availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`KONTOR_WORKERS: "${value}" is not a whole number of processes from 1 to 256.`);
  return n;
}

function parseFileStorage(value: string | undefined): Config['fileStorage'] {
  const v = (value ?? 'database').trim().toLowerCase();
  if (v === 'database' || v === 'folder') return v;
  throw new Error(`KONTOR_FILE_STORAGE: "${value}" is neither database nor folder.`);
}

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Parses KONTOR_TRUST_PROXY; refuses `true` (it would believe a forged X-Forwarded-For from anyone) and typos. */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = (value ?? '').trim();
  if (v === '' || /^(false|off|no|0)$/i.test(v)) return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^(true|on|yes|all|\*)$/i.test(v)) {
    throw new Error('KONTOR_TRUST_PROXY: trusting every sender would let anyone forge their address. Give the hop count or the proxies\' addresses.');
  }
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const item of items) {
    const [addr, bits, extra] = item.split('/');
    const family = net.isIP(addr ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(proxyNames.has(item) || (family !== 0 && bitsOk && extra === undefined))) {
      throw new Error(`KONTOR_TRUST_PROXY: "${item}" is not an address, a CIDR range, loopback, linklocal or uniquelocal.`);
    }
  }
  return items;
}
