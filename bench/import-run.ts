import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kontorBin } from '../apps/server/src/test/process.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Memory of a measured command, read from /proc every `everyMs` while it runs (its process and every descendant). */
export interface RunMemory {
  /** The kernel's high-water mark of resident memory (VmHWM), summed over the processes: exact between samples too. */
  peakRssMb: number;
  /** The highest anonymous RSS sampled (heap, native allocations, SQLite's page cache). */
  peakAnonMb: number;
  /** File-backed RSS at that sample (a memory-mapped SQLite file, the node binary): page cache the kernel counts in RSS. */
  fileAtPeakAnonMb: number;
  /** RSS at 25, 50, 75 and 100% of the run (the last sample): whether memory stays flat as rows go by. */
  rssAtQuarterMb: number[];
  samples: number;
}

export interface CommandResult {
  argv: string[];
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
  memory: RunMemory;
  /** One-minute load average when the command ended. */
  loadavg: number;
}

interface ProcMemory { rssKb: number; hwmKb: number; anonKb: number; fileKb: number }

function readStatus(pid: number): ProcMemory | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), anonKb: kb('RssAnon'), fileKb: kb('RssFile') + kb('RssShmem') };
  } catch {
    return null; // exited meanwhile
  }
}

/** The process and all its descendants (an import that forks workers is measured whole). */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const p = all[i] as number;
    try {
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        for (const c of fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) all.push(Number(c));
      }
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/**
 * Runs a command to its end, timing it from spawn to exit and sampling its memory. The high-water mark is kept per
 * process (VmHWM only grows), so a peak between two samples is not missed; only what a process allocates in its last
 * `everyMs` before exiting can be.
 */
export function runMeasured(argv: string[], env: NodeJS.ProcessEnv, opts: { everyMs?: number; log?: (line: string) => void } = {}): Promise<CommandResult> {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('runMeasured: no command');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (s: string, d: Buffer) => (s + d.toString()).slice(-200_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = keep(stdout, d)));
    child.stderr.on('data', (d: Buffer) => (stderr = keep(stderr, d)));
    const hwm = new Map<number, number>();
    const series: Array<{ at: number; rssKb: number }> = [];
    let peakAnonKb = 0;
    let fileAtPeakKb = 0;
    const sample = () => {
      if (!child.pid) return;
      let rss = 0;
      let anon = 0;
      let file = 0;
      for (const pid of processTree(child.pid)) {
        const m = readStatus(pid);
        if (!m) continue;
        hwm.set(pid, Math.max(hwm.get(pid) ?? 0, m.hwmKb));
        rss += m.rssKb;
        anon += m.anonKb;
        file += m.fileKb;
      }
      if (rss === 0) return;
      series.push({ at: performance.now() - started, rssKb: rss });
      if (anon > peakAnonKb) [peakAnonKb, fileAtPeakKb] = [anon, file];
    };
    const timer = setInterval(sample, opts.everyMs ?? 100);
    setImmediate(sample);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearInterval(timer);
      const mb = (kb: number) => kb / 1024;
      const quarter = (q: number) => {
        const at = ms * q;
        const s = series.find((x) => x.at >= at) ?? series[series.length - 1];
        return mb(s?.rssKb ?? NaN);
      };
      resolve({
        argv,
        code: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : -1),
        ms,
        stdout,
        stderr,
        memory: {
          peakRssMb: mb(Math.max([...hwm.values()].reduce((a, b) => a + b, 0), reportedPeakKb(stdout, stderr))),
          peakAnonMb: mb(peakAnonKb),
          fileAtPeakAnonMb: mb(fileAtPeakKb),
          rssAtQuarterMb: [0.25, 0.5, 0.75, 1].map(quarter),
          samples: series.length,
        },
        loadavg: os.loadavg()[0] ?? 0,
      });
    });
    opts.log?.(`$ ${argv.join(' ')}`);
  });
}

/**
 * The high-water mark a command printed itself when it ended, with KONTOR_REPORT_PEAK_RSS=1: `kontor import` prints
 * `peak RSS <n> MB` (its VmHWM) on stdout; another process may copy the `VmHWM: <n> kB` line of /proc/self/status to
 * stderr. It covers the last moments no sample sees. 0 when absent.
 */
function reportedPeakKb(stdout: string, stderr: string): number {
  const mb = [...stdout.matchAll(/^peak RSS (\d+) MB$/gm)].map((m) => Number(m[1]) * 1024);
  const kb = [...stderr.matchAll(/^VmHWM:\s+(\d+) kB$/gm)].map((m) => Number(m[1]));
  return Math.max(0, ...mb, ...kb);
}

/** `kontor <args>` with node directly (so the measured pid is kontor's own, not npx's). */
export const kontorArgv = (args: string[]) => [process.execPath, kontorBin, ...args];

/**
 * A stand-in command from `--command` / `--export-command`: `{file}`, `{module}`, `{dedupe}`, `{out}` replaced by
 * shell-quoted values, run by `sh -c 'exec …'` so the measured process is the command itself.
 */
export function templateArgv(template: string, values: Record<string, string>): string[] {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? quote(values[key] ?? '') : m));
  return ['/bin/sh', '-c', `exec ${command}`];
}
