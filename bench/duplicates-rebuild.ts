import { kontorArgv, runMeasured, type RunMemory } from './import-run.ts';

/**
 * Part `rebuild` of bench/duplicates.ts: `kontor duplicates rebuild` as a child process (the compiled CLI, as an
 * operator runs it), for both modules and for contacts alone, wall time from spawn to exit, with the lines it prints
 * per pass ("contacts: 1000000 records, 5800000 keys (21.0 s)": the time since that module's start).
 */

export type RebuildScope = 'all' | 'contacts';
export const rebuildScopes: RebuildScope[] = ['all', 'contacts'];

export interface RebuildPass {
  module: string;
  text: string;
  /** Seconds since the module's rebuild began. */
  seconds: number;
}

export interface RebuildRun {
  scope: RebuildScope;
  ms: number;
  code: number;
  passes: RebuildPass[];
  /** The CLI's own last line ("Rebuilt the duplicates (...) in 41.0 s."). */
  summary: string;
  memory: RunMemory;
  loadavg: number;
}

export interface RebuildReport {
  rebuilds: number;
  runs: RebuildRun[];
}

/** The per-pass lines `rebuildDuplicates` logs: `<module>: <what> (<seconds> s)`. */
export function parsePasses(stdout: string): RebuildPass[] {
  return [...stdout.matchAll(/^(contacts|accounts): (.+) \((\d+(?:\.\d+)?) s\)$/gm)].map((m) => ({ module: m[1] ?? '', text: m[2] ?? '', seconds: Number(m[3]) }));
}

/** Each module's time: its last pass line's seconds. */
export function moduleSeconds(run: RebuildRun): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of run.passes) out[p.module] = p.seconds;
  return out;
}

export const argvOf = (scope: RebuildScope) => kontorArgv(['duplicates', 'rebuild', ...(scope === 'contacts' ? ['--module', 'contacts'] : [])]);

/** `rebuilds` rounds; each runs both scopes, the order alternating by round. The server must not be running. */
export async function measureRebuilds(env: NodeJS.ProcessEnv, rebuilds: number, log: (line: string) => void): Promise<RebuildReport> {
  const runs: RebuildRun[] = [];
  for (let r = 0; r < rebuilds; r++) {
    const scopes = r % 2 === 0 ? rebuildScopes : [...rebuildScopes].reverse();
    for (const scope of scopes) {
      const result = await runMeasured(argvOf(scope), env);
      const run: RebuildRun = {
        scope,
        ms: result.ms,
        code: result.code,
        passes: parsePasses(result.stdout),
        summary: /^Rebuilt the duplicates .*$/m.exec(result.stdout)?.[0] ?? result.stdout.trim().split('\n').at(-1) ?? '',
        memory: result.memory,
        loadavg: result.loadavg,
      };
      runs.push(run);
      log(`rebuild ${r + 1}/${rebuilds} (${scope === 'all' ? 'both modules' : 'contacts alone'}): exit ${run.code} in ${(run.ms / 1000).toFixed(1)} s, peak RSS ${run.memory.peakRssMb.toFixed(0)} MB, load ${run.loadavg.toFixed(2)}`);
      for (const p of run.passes) log(`  ${p.module}: ${p.text} (${p.seconds.toFixed(1)} s)`);
      if (run.code !== 0) throw new Error(`kontor duplicates rebuild failed (exit ${run.code}):\n${result.stdout.slice(-2000)}${result.stderr.slice(-4000)}`);
    }
  }
  return { rebuilds, runs };
}
