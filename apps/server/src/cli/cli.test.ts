import { afterEach, describe, expect, it } from 'vitest';
import { isolatedEnv, runKontor, startServer, type RunningServer } from '../test/process.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function env() {
  const e = await isolatedEnv();
  cleanups.push(e.cleanup);
  return e.env;
}
async function serve(e: NodeJS.ProcessEnv): Promise<RunningServer> {
  const s = await startServer(e);
  cleanups.push(s.stop);
  return s;
}

async function login(url: string, email: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

describe('kontor CLI and server process', () => {
  it('first run bootstraps an admin with a generated password shown once; a restart keeps the data', async () => {
    const e = await env();
    const first = await serve(e);
    const match = /log in as (\S+) with password (\S+)/.exec(first.output());
    expect(match).not.toBeNull();
    const [, email = '', password = ''] = match ?? [];
    expect((await login(first.url, email, password)).status).toBe(200);
    const session = await login(first.url, email, password);
    const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const created = await fetch(`${first.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'Survives Restart SRL' }),
    });
    expect(created.status).toBe(201);
    await first.stop();

    const second = await serve(e);
    expect(second.output()).not.toContain('with password');
    const again = await login(second.url, email, password);
    expect(again.status).toBe(200);
    const cookie2 = again.headers.get('set-cookie')?.split(';')[0] ?? '';
    const list = (await (await fetch(`${second.url}/api/v1/accounts`, { headers: { cookie: cookie2 } })).json()) as { data: Array<{ name: string }> };
    expect(list.data.map((a) => a.name)).toEqual(['Survives Restart SRL']);
  }, 60_000);

  it('bootstraps from KONTOR_ADMIN_EMAIL / KONTOR_ADMIN_PASSWORD', async () => {
    const e = { ...(await env()), KONTOR_ADMIN_EMAIL: 'boss@example.com', KONTOR_ADMIN_PASSWORD: 'a-chosen-password' };
    const s = await serve(e);
    expect(s.output()).not.toContain('a-chosen-password');
    expect((await login(s.url, 'boss@example.com', 'a-chosen-password')).status).toBe(200);
  }, 60_000);

  it('migrates, creates users and tokens, and works while the server runs', async () => {
    const e = await env();
    expect((await runKontor(['migrate'], e)).code).toBe(0);
    expect((await runKontor(['migrate'], e)).code).toBe(0);
    const s = await serve(e);
    const user = await runKontor(['user', 'create', '--email', 'Sam@Example.com', '--password', 'sam-password-1', '--role', 'sales'], e);
    expect(user.code).toBe(0);
    const dup = await runKontor(['user', 'create', '--email', 'sam@example.com', '--password', 'sam-password-1', '--role', 'sales'], e);
    expect(dup.code).toBe(1);
    const bad = await runKontor(['user', 'create', '--email', 'x@example.com', '--password', 'short', '--role', 'emperor'], e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/password/);
    const badRole = await runKontor(['user', 'create', '--email', 'x@example.com', '--password', 'long-enough-pw', '--role', 'emperor'], e);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/--role: no such role; one of: admin, manager, sales, readonly/);

    const token = await runKontor(['token', 'create', '--email', 'sam@example.com'], e);
    expect(token.code).toBe(0);
    const last = token.stdout.trim().split('\n').pop() ?? '';
    expect(last).toMatch(/^kontor_[A-Za-z0-9_-]{20,}$/);
    const me = await fetch(`${s.url}/api/v1/me`, { headers: { authorization: `Bearer ${last}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'sam@example.com', role: 'sales' });
    expect((await runKontor(['token', 'create', '--email', 'nobody@example.com'], e)).code).toBe(1);

    // The search index is rebuilt while the server serves, and search answers from it.
    const auth = { authorization: `Bearer ${last}`, 'content-type': 'application/json' };
    const created = await fetch(`${s.url}/api/v1/contacts`, { method: 'POST', headers: auth, body: JSON.stringify({ firstName: 'Reindexed', lastName: 'Kowalczyk' }) });
    expect(created.status).toBe(201);
    const reindex = await runKontor(['search', 'reindex'], e);
    expect(reindex.code, reindex.stderr).toBe(0);
    expect(reindex.stdout).toMatch(/Reindexed \d+ records \(1 contacts, 0 accounts, 0 leads, 0 deals\)/);
    const found = await fetch(`${s.url}/api/v1/search?q=kowalcz&types=contact`, { headers: auth });
    expect((await found.json()) as unknown).toMatchObject({ data: [{ title: 'Reindexed Kowalczyk' }] });
  }, 60_000);
});
