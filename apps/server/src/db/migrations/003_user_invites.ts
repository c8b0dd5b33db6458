import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/** Invitations: an admin invites a user by e-mail; the invitee sets their own password through a one-time link. */
export function userInvitesSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  return [
    `create table user_invites (id ${t.pk}, user_id integer not null references users(id) on delete cascade,
      token_hash text not null unique, created_at text not null, created_by integer references users(id),
      expires_at text not null, accepted_at text)`,
    `create index user_invites_user on user_invites (user_id)`,
  ];
}
