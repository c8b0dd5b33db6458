import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Session, User } from '@kontor/contract/users';
import { loadConfig, parseDefaultLocale } from '../../config.ts';
import { migrate } from '../../db/migrate.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { bootstrapAdmin, insertUser } from './users.service.ts';

/** Signs in over HTTP (cookie session, as the web app does) and answers a client that sends the session and CSRF token. */
async function signIn(h: Harness, email: string, password: string) {
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const session = res.json<Session>();
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { cookie, 'x-csrf-token': session.csrfToken };
  return {
    session,
    get: (url: string) => h.app.inject({ method: 'GET', url, headers }),
    patch: (url: string, payload: object) => h.app.inject({ method: 'PATCH', url, headers, payload }),
  };
}

const localeOf = (res: LightMyRequestResponse) => {
  const u = res.json<User>();
  return { locale: u.locale, localeChosen: u.localeChosen };
};

describe('a user who never chose a language (organisation default en)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('the first-run admin has none: the API answers the default, not chosen; choosing one stores it', async () => {
    const first = await bootstrapAdmin(h.database.db, { email: 'first@example.com', password: 'first-admin-password' });
    expect(first?.email).toBe('first@example.com');
    const row = await h.database.db.selectFrom('users').select('locale').where('email', '=', 'first@example.com').executeTakeFirstOrThrow();
    expect(row.locale).toBeNull();

    const admin = await signIn(h, 'first@example.com', 'first-admin-password');
    expect(admin.session.user).toMatchObject({ locale: 'en', localeChosen: false });
    expect((await admin.get('/api/v1/auth/session')).json<Session>().user).toMatchObject({ locale: 'en', localeChosen: false });
    expect(localeOf(await admin.get('/api/v1/me'))).toEqual({ locale: 'en', localeChosen: false });

    // What the web app does at the first sign-in: the browser's language becomes the user's.
    const chose = await admin.patch('/api/v1/me', { locale: 'de' });
    expect(chose.statusCode, chose.body).toBe(200);
    expect(localeOf(chose)).toEqual({ locale: 'de', localeChosen: true });
    expect((await admin.get('/api/v1/auth/session')).json<Session>().user).toMatchObject({ locale: 'de', localeChosen: true });
    // Changing the name leaves the language alone.
    expect(localeOf(await admin.patch('/api/v1/me', { name: 'First Admin' }))).toEqual({ locale: 'de', localeChosen: true });
  });

  it('a user created or invited without a language has none; one created with a language has chosen it', async () => {
    const admin = await h.client('admin');
    const without = await admin.post('/api/v1/users', { email: 'plain@example.com', name: 'Plain', password: 'plain-password-1', role: 'sales' });
    expect(without.statusCode, without.body).toBe(201);
    expect(localeOf(without)).toEqual({ locale: 'en', localeChosen: false });
    const withRo = await admin.post('/api/v1/users', { email: 'ro@example.com', name: 'Ro', password: 'ro-password-12', role: 'sales', locale: 'ro' });
    expect(localeOf(withRo)).toEqual({ locale: 'ro', localeChosen: true });
    const invited = await admin.post('/api/v1/users/invite', { email: 'invited@example.com', name: 'Invited', role: 'sales' });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json<{ user: User }>().user).toMatchObject({ locale: 'en', localeChosen: false });
    // The users list says the same.
    const list = (await admin.get('/api/v1/users')).json<{ data: User[] }>().data;
    expect(list.find((u) => u.email === 'plain@example.com')).toMatchObject({ locale: 'en', localeChosen: false });
    expect(list.find((u) => u.email === 'ro@example.com')).toMatchObject({ locale: 'ro', localeChosen: true });
  });

  it('refuses a language that is not one of ours, and hostile values, with a 400', async () => {
    const admin = await h.client('admin');
    for (const locale of ['fr', 'EN', 'de\u0000', 'x'.repeat(100_000), 7, null]) {
      const me = await admin.patch('/api/v1/me', { locale });
      expect(me.statusCode, `PATCH /me ${String(locale).slice(0, 20)}`).toBe(400);
      const created = await admin.post('/api/v1/users', { email: `bad${Math.random()}@example.com`, name: 'Bad', password: 'bad-password-12', role: 'sales', locale });
      expect(created.statusCode, `POST /users ${String(locale).slice(0, 20)}`).toBe(400);
    }
    expect(localeOf(await admin.get('/api/v1/me'))).toEqual({ locale: 'en', localeChosen: true });
  });
});

describe('KONTOR_DEFAULT_LOCALE', () => {
  let h: Harness;
  let webDist: string;
  beforeAll(async () => {
    // A built web app's index.html, as Vite writes it: the server puts the organisation's language into <html lang>.
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html>\n<html lang="en">\n  <head><title>Kontor</title></head>\n  <body><div id="root"></div></body>\n</html>\n');
    h = await createHarness({ defaultLocale: 'zh-CN', webDist });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('is the language of every user who never chose one, until they do', async () => {
    const admin = await h.client('admin');
    await insertUser(h.database.db, { email: 'nolang@example.com', name: 'No Lang', password: 'no-lang-password', role: 'sales' });
    await insertUser(h.database.db, { email: 'chose@example.com', name: 'Chose', password: 'chose-password-1', role: 'sales', locale: 'de' });
    const list = (await admin.get('/api/v1/users')).json<{ data: User[] }>().data;
    expect(list.find((u) => u.email === 'nolang@example.com')).toMatchObject({ locale: 'zh-CN', localeChosen: false });
    expect(list.find((u) => u.email === 'chose@example.com')).toMatchObject({ locale: 'de', localeChosen: true });
    const user = await signIn(h, 'nolang@example.com', 'no-lang-password');
    expect(user.session.user).toMatchObject({ locale: 'zh-CN', localeChosen: false });
    expect(localeOf(await user.patch('/api/v1/me', { locale: 'ro' }))).toEqual({ locale: 'ro', localeChosen: true });
  });

  it('is the sign-in page language before anyone signs in (<html lang> of every page the app serves)', async () => {
    for (const url of ['/', '/accounts', '/invite/abc']) {
      const page = await h.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<html lang="zh-CN">');
      expect(page.body).not.toContain('lang="en"');
    }
  });

  it('is checked at start-up: an unknown language stops the server with a message naming the ones there are', () => {
    expect(parseDefaultLocale(undefined)).toBe('en');
    expect(parseDefaultLocale('  ')).toBe('en');
    expect(parseDefaultLocale('de')).toBe('de');
    expect(parseDefaultLocale('zh-cn')).toBe('zh-CN');
    expect(parseDefaultLocale(' RO ')).toBe('ro');
    expect(loadConfig({ KONTOR_DEFAULT_LOCALE: 'ro' }).defaultLocale).toBe('ro');
    expect(() => loadConfig({ KONTOR_DEFAULT_LOCALE: 'fr' })).toThrow('KONTOR_DEFAULT_LOCALE: "fr" is not one of Kontor\'s languages: en, de, zh-CN, ro.');
    expect(() => loadConfig({ KONTOR_DEFAULT_LOCALE: 'de-DE' })).toThrow(/KONTOR_DEFAULT_LOCALE: "de-DE"/);
  });
});

describe('migration 019_user_locale_unset', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({}, { migrateUntil: '019_user_locale_unset' });
  });
  afterAll(() => database.dispose());

  it('keeps every existing user\'s language and lets new users have none', async () => {
    const now = new Date().toISOString();
    const base = { password_hash: 'x', role: 'sales', active: 1, created_at: now, updated_at: now };
    await database.db
      .insertInto('users')
      .values([
        { ...base, email: 'old-ro@example.com', name: 'Old Ro', locale: 'ro' },
        { ...base, email: 'old-en@example.com', name: 'Old En', locale: 'en' },
        { ...base, email: 'old-zh@example.com', name: 'Old Zh', locale: 'zh-CN' },
      ])
      .execute();
    expect(await migrate(database)).toContain('019_user_locale_unset');

    const rows = await database.db.selectFrom('users').select(['email', 'locale']).orderBy('email').execute();
    expect(rows).toEqual([
      { email: 'old-en@example.com', locale: 'en' },
      { email: 'old-ro@example.com', locale: 'ro' },
      { email: 'old-zh@example.com', locale: 'zh-CN' },
    ]);
    // No default any more: a user inserted without a language has none.
    await database.db.insertInto('users').values({ ...base, email: 'new@example.com', name: 'New' }).execute();
    const fresh = await database.db.selectFrom('users').select('locale').where('email', '=', 'new@example.com').executeTakeFirstOrThrow();
    expect(fresh.locale).toBeNull();
    expect(await migrate(database)).toEqual([]);
  });
});
