/** Latency samples in milliseconds -> the figures the report prints. */
export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Operations per second over the measured wall time. */
  throughput: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export function summarize(samples: number[], wallMs: number): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    throughput: wallMs > 0 ? (sorted.length * 1000) / wallMs : 0,
  };
}

/** Runs `op` sequentially: `warmupMs` unmeasured, then for `durationMs` (at least `minOps`, at most `maxOps` calls). */
export async function measure(op: (i: number) => Promise<void>, opts: { warmupMs: number; durationMs: number; minOps?: number; maxOps?: number }): Promise<Stats> {
  let i = 0;
  const warmEnd = performance.now() + opts.warmupMs;
  while (performance.now() < warmEnd || i < 3) await op(i++);
  const samples: number[] = [];
  const start = performance.now();
  const end = start + opts.durationMs;
  const min = opts.minOps ?? 20;
  const max = opts.maxOps ?? 100_000;
  while ((performance.now() < end || samples.length < min) && samples.length < max) {
    const t = performance.now();
    await op(i++);
    samples.push(performance.now() - t);
  }
  return summarize(samples, performance.now() - start);
}

export const fmt = (ms: number): string => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
