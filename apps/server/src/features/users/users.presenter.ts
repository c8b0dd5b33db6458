import type { User } from '@kontor/contract/users';
import { locales, roles } from '@kontor/contract/users';
import type { UserRow } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';

const asRole = (r: string) => roles.find((x) => x === r) ?? 'readonly';
const asLocale = (l: string) => locales.find((x) => x === l) ?? 'en';

export function presentUser(row: UserRow): User {
  return {
    id: toApiId(row.id),
    email: row.email,
    name: row.name,
    role: asRole(row.role),
    locale: asLocale(row.locale),
    active: row.active === 1,
    createdAt: row.created_at,
    version: row.version,
  };
}
export { asRole, asLocale };
