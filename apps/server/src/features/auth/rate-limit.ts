/**
 * The API rate limit: a fixed one-minute window per client, counted in this process. The client is what the auth
 * hook resolved: the signed-in user (every token and session of one user share one bucket, so minting tokens does
 * not multiply the limit), else the client address (after KONTOR_TRUST_PROXY). Requests that fail authentication
 * count against the address, so a stream of bad or odd credentials (`Basic …`, `Bearer` with extra spaces) is
 * limited like any other.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
}

const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
  ) {}

  hit(key: string, now = Date.now()): RateDecision {
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now);
      bucket = { count: 0, resetAt: now + this.windowMs };
      this.buckets.set(key, bucket);
    }
    bucket.count += 1;
    return {
      allowed: bucket.count <= this.max,
      limit: this.max,
      remaining: Math.max(0, this.max - bucket.count),
      resetSeconds: Math.max(1, Math.ceil((bucket.resetAt - now) / 1000)),
    };
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.resetAt <= now) this.buckets.delete(key);
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
