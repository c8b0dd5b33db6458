import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addRateLimitHits, pruneRateLimitHits, readRateLimitCounts } from './rate-limit-store.ts';

/**
 * The API rate limit: a one-minute window per client, starting at the client's first request. The client is what the
 * auth hook resolved: the signed-in user (every token and session of one user share one bucket, so minting tokens does
 * not multiply the limit), else the client address (after KONTOR_TRUST_PROXY). Requests that fail authentication
 * count against the address, so a stream of bad or odd credentials (`Basic …`, `Bearer` with extra spaces) is
 * limited like any other.
 *
 * Counted across processes: each process counts in memory (no statement per request) and, four times a second, adds
 * its new hits to the shared count in the database and learns what every other process counted (`rate_limit_hits`).
 * One process is exact; several together may let through at most one flush interval of each other's hits beyond the
 * limit. (docs/ARCHITECTURE.md, "Caches across processes")
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
}

const SWEEP_AT = 10_000;
const FLUSH_MS = 250;

interface Bucket {
  resetAt: number;
  /** The shared count at the last flush (this process's flushed hits included). */
  shared: number;
  /** Hits counted here since the last flush. */
  pending: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly db: Kysely<DB> | null = null,
  ) {
    if (db) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), FLUSH_MS);
      this.timer.unref();
    }
  }

  hit(key: string, now = Date.now()): RateDecision {
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now);
      bucket = { resetAt: now + this.windowMs, shared: 0, pending: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.pending += 1;
    const count = bucket.shared + bucket.pending;
    return {
      allowed: count <= this.max,
      limit: this.max,
      remaining: Math.max(0, this.max - count),
      resetSeconds: Math.max(1, Math.ceil((bucket.resetAt - now) / 1000)),
    };
  }

  /** Adds this process's new hits to the shared counts and takes back every process's totals for the keys it saw. */
  async flush(now = Date.now()): Promise<void> {
    if (!this.db || this.flushing) return this.flushing ?? undefined;
    const db = this.db;
    const sent: Array<{ key: string; windowStart: number; count: number }> = [];
    const quiet: string[] = [];
    for (const [key, b] of this.buckets) {
      if (b.pending > 0) sent.push({ key, windowStart: b.resetAt - this.windowMs, count: b.pending });
      else if (b.resetAt > now) quiet.push(key);
    }
    if (!sent.length && !quiet.length) return;
    const sentCounts = new Map(sent.map((s) => [s.key, s.count]));
    this.flushing = (async () => {
      const totals = await addRateLimitHits(db, sent, now, this.windowMs);
      for (const [key, total] of await readRateLimitCounts(db, quiet)) totals.set(key, total);
      for (const [key, total] of totals) {
        const bucket = this.buckets.get(key);
        if (!bucket) continue;
        bucket.pending -= sentCounts.get(key) ?? 0;
        // A quiet key's row may still hold an ended window: that count is no longer the client's.
        if (total.windowStart + this.windowMs <= now) continue;
        bucket.shared = total.count;
        bucket.resetAt = total.windowStart + this.windowMs;
      }
      if (now - this.lastPrune > this.windowMs) {
        this.lastPrune = now;
        await pruneRateLimitHits(db, now - 2 * this.windowMs);
      }
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops the flush timer after a last flush. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.resetAt <= now && b.pending === 0) this.buckets.delete(key);
  }
}

/** Is this an API request? Decided on the matched route, or on the decoded path, so `/%61pi/…` counts as `/api/…`. */
export function isApiRequest(routeUrl: string | undefined, rawUrl: string): boolean {
  if (routeUrl?.startsWith('/api/')) return true;
  const path = rawUrl.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true; // a path that does not decode is nothing the web app serves: treat it as the API's
  }
  return decoded.replace(/\/{2,}/g, '/').toLowerCase().startsWith('/api/');
}
