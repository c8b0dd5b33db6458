/** The demo's users: four demo sales people, and the administrator who owns the rest. */
import type { Kysely } from 'kysely';
import { userCreateSchema } from '@kontor/contract/users';
import type { DB } from '../../db/schema.ts';
import { randomToken } from '../../features/auth/tokens.ts';
import { bootstrapAdmin, findUserByEmail, insertUser } from '../../features/users/users.service.ts';

export type UserKey = 'admin' | 'anna' | 'james' | 'ioana' | 'li';

export const demoUsers: ReadonlyArray<{ key: UserKey; email: string; name: string; role: string; locale: 'en' | 'de' | 'ro' | 'zh-CN' }> = [
  { key: 'anna', email: 'anna.schmidt@demo.kontor.local', name: 'Anna Schmidt', role: 'manager', locale: 'de' },
  { key: 'james', email: 'james.walker@demo.kontor.local', name: 'James Walker', role: 'sales', locale: 'en' },
  { key: 'ioana', email: 'ioana.popescu@demo.kontor.local', name: 'Ioana Popescu', role: 'sales', locale: 'ro' },
  { key: 'li', email: 'li.wei@demo.kontor.local', name: '李伟', role: 'sales', locale: 'zh-CN' },
];

interface AdminResult {
  id: number;
  name: string;
  notice: string | null;
}

/** The first active administrator; on an empty database the same first-run admin `kontor serve` would create. */
export async function findOrCreateAdmin(db: Kysely<DB>, env: { email: string | null; password: string | null }): Promise<AdminResult> {
  const first = () => db.selectFrom('users').select(['id', 'name']).where('role', '=', 'admin').where('active', '=', 1).orderBy('id').limit(1).executeTakeFirst();
  const existing = await first();
  if (existing) return { ...existing, notice: null };
  const boot = await bootstrapAdmin(db, env);
  if (boot) {
    const admin = await first();
    if (!admin) throw new Error('demo data: the administrator just created cannot be found');
    const how = boot.password ? `with password ${boot.password} (shown once)` : 'with the password from KONTOR_ADMIN_PASSWORD';
    return { ...admin, notice: `There was no user yet, so an administrator was created: log in as ${boot.email} ${how}.` };
  }
  // Users exist but no active administrator: add one for the demo.
  const password = randomToken(12);
  const email = 'admin@demo.kontor.local';
  const found = await findUserByEmail(db, email);
  if (found) throw new Error(`demo data: there is no active administrator and ${email} exists but is deactivated; activate an administrator first.`);
  const row = await insertUser(db, userCreateSchema.parse({ email, name: 'Demo Administrator', password, role: 'admin', locale: 'en' }));
  return { id: row.id, name: row.name, notice: `There was no active administrator, so one was created: log in as ${email} with password ${password} (shown once).` };
}
