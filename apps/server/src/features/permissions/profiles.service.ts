import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { noRights, perModule, rightsSchema, type Profile, type profileCreateSchema, type profileUpdateSchema, type Rights } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { foldText } from '../../db/dialect.ts';
import { notFound, versionConflict, refused } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import { audit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import { assertAdministrator } from '../users/user-admin-rules.ts';
import { anyUserWith } from '../users/users.repository.ts';
import { deleteProfileRow, findProfileIdByKey, findProfileRow, insertProfileRow, listProfileRows, updateProfileRow } from './profiles.repository.ts';

const none: Rights = noRights;

const present = (r: { id: number; key: string; name: string; builtin: number; rights: string; version: number }): Profile => ({
  id: toApiId(r.id),
  key: r.key,
  name: r.name,
  builtin: r.builtin === 1,
  rights: parseJsonColumn(r.rights, rightsSchema, none),
  version: r.version,
});

/** Rights are sets: duplicates dropped, and a right beyond "view" implies "view". */
function normalise(rights: Rights): Rights {
  const mod = (list: Rights['modules']['accounts']) => {
    const set = new Set(list);
    if (set.size > 0) set.add('view');
    return [...set].sort();
  };
  return { modules: perModule((m) => mod(rights.modules[m])), admin: [...new Set(rights.admin)].sort() };
}

export async function listProfiles(db: Kysely<DB>): Promise<Profile[]> {
  return (await listProfileRows(db)).map(present);
}

export async function createProfile(db: Kysely<DB>, actor: Actor, input: z.output<typeof profileCreateSchema>, ip: string | null): Promise<Profile> {
  assertAdministrator(actor, 'define profiles');
  const base = foldText(input.name).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'profile';
  let key = base;
  for (let n = 2; (await findProfileIdByKey(db, key)) !== undefined; n++) key = `${base}_${n}`;
  const now = nowIso();
  const row = await insertProfileRow(db, { key, name: input.name, builtin: 0, rights: JSON.stringify(normalise(input.rights)), created_at: now, updated_at: now });
  await audit(db, actor, 'profile.create', { type: 'profile', id: String(row.id) }, { name: row.name, rights: normalise(input.rights) }, ip);
  return present(row);
}

export async function updateProfile(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof profileUpdateSchema>, ip: string | null): Promise<Profile> {
  assertAdministrator(actor, 'define profiles');
  const current = await findProfileRow(db, id);
  if (!current) throw notFound('profile');
  if (current.id === actor.profileId) throw refused('forbidden', 'own_profile');
  if (current.key === 'administrator' && input.rights) throw refused('unprocessable', 'administrator_rights');
  if (current.version !== input.version) throw versionConflict(current.version);
  const row = await updateProfileRow(db, id, input.version, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.rights !== undefined && { rights: JSON.stringify(normalise(input.rights)) }),
    updated_at: nowIso(),
    version: current.version + 1,
  });
  if (!row) throw versionConflict(current.version + 1);
  await audit(db, actor, 'profile.update', { type: 'profile', id: String(id) }, { name: input.name, rights: input.rights && normalise(input.rights) }, ip);
  return present(row);
}

export async function deleteProfile(db: Kysely<DB>, actor: Actor, id: number, ip: string | null): Promise<void> {
  assertAdministrator(actor, 'define profiles');
  const current = await findProfileRow(db, id);
  if (!current) throw notFound('profile');
  if (current.builtin === 1) throw refused('unprocessable', 'builtin_profile');
  if (await anyUserWith(db, { profileId: id })) {
    throw refused('unprocessable', 'profile_has_users');
  }
  await deleteProfileRow(db, id);
  await audit(db, actor, 'profile.delete', { type: 'profile', id: String(id) }, { name: current.name }, ip);
}
