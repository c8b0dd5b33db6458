import type { Actor } from '../permissions/actor.ts';

/**
 * Resolving a caller costs 4-5 statements (token or session, roles, profile, settings, subordinates). This
 * process-local cache keeps a resolved actor for a few seconds per credential (`KONTOR_ACTOR_CACHE_MS`, default 5 s,
 * which bounds how long an expired session may still be served). Any change to users, roles, profiles, settings,
 * sessions, tokens or custom fields, in any process, clears it in every process before their next request
 * (features/cache/config-cache.ts). (docs/ARCHITECTURE.md, "Caches across processes")
 */
const MAX_ENTRIES = 5_000;

interface Entry {
  actor: Actor;
  csrfToken: string | null;
  expires: number;
}

export class ActorCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number) {}

  get(key: string): Entry | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, actor: Actor, csrfToken: string | null): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { actor, csrfToken, expires: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Writes under these paths can change who someone is or what they may do. */
const identityPaths = /^\/api\/v1\/(users|roles|profiles|settings|tokens|auth|me|custom-fields)(\/|\?|$)/;
export const changesIdentity = (method: string, url: string): boolean => method !== 'GET' && method !== 'HEAD' && identityPaths.test(url);
