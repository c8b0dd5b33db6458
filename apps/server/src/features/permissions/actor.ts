import type { Role } from '@kontor/contract/users';

/** Who is making a request: resolved once per request by the auth plugin, passed to every service. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: string;
  via: 'session' | 'token' | 'system';
  sessionId: string | null;
}

/** The CLI and bootstrap act as this system actor (an admin with no user row behind the stamps). */
export const systemActor = (id: number): Actor => ({ id, email: 'system', name: 'System', role: 'admin', locale: 'en', via: 'system', sessionId: null });
